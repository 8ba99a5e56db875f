import {valueNeedle} from './filter-field-terms.js';
import type {FilterSpec} from './filter-spec.js';
import {parseFilterTerm} from './record-filter.js';

/**
 * A check on a record's raw value bytes, before it is parsed, that a filter can only pass
 * when it holds: the value of each `field=value` term (`field=a|b`: one of them), looked for
 * as the field term's own pre-check looks for it in the JSON text (`valueNeedle`: the same
 * rule, so the same records). A hunt for one request id then parses almost nothing: a record
 * without the id cannot match, whatever its parse would say.
 *
 * Sound only where the parsed value is the raw text: a JSON object's bytes. An OTLP JSON
 * request is parsed into rows of JSON of our own making, so it is always parsed; so is
 * anything that does not start with `{` (protobuf, Avro, text).
 *
 * Words, phrases and regexes are never looked for: besides the value they match the key, a
 * service from a header or the key, and the message as the parser made it (JSON escapes
 * decoded, a template filled in, a long one cut with a note), none of which are these bytes.
 * The field terms they are ANDed with still rule a record out on their own.
 */

/** Needles per term: a value must hold one of each list. Empty when nothing can be checked. */
export function rawValueNeedles(spec: FilterSpec, now: number = Date.now()): string[][] {
	const lists: string[][] = [];
	for (const term of spec.terms) {
		const parsed = parseFilterTerm(term, now);
		if (parsed.kind !== 'field' || parsed.exclude) continue;
		const needles = parsed.values.map(valueNeedle);
		if (needles.length > 0 && needles.every((needle) => needle !== '')) lists.push(needles);
	}
	return lists;
}

export const OPEN_BRACE = 0x7b;
/** A value holding this is an OTLP JSON request: always parsed. */
export const OTLP_KEY = Buffer.from('"resourceLogs"');

/**
 * The check for `needles` (from `rawValueNeedles`): false when the record cannot match, so its
 * parse can be skipped; undefined when there is nothing to check.
 */
export function rawValueCheck(needles: readonly string[][]): ((value: Buffer | null) => boolean) | undefined {
	if (needles.length === 0) return undefined;
	const lists = needles.map((list) => list.map((needle) => Buffer.from(needle)));
	return (value) => {
		if (value === null || value[0] !== OPEN_BRACE) return true;
		for (const list of lists) {
			let found = false;
			for (const needle of list) {
				if (value.includes(needle)) {
					found = true;
					break;
				}
			}
			// Only a plain JSON object's text is what the filter reads; an OTLP request is not.
			if (!found) return value.includes(OTLP_KEY);
		}
		return true;
	};
}
