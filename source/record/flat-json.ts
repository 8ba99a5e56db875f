/**
 * A scanner before `JSON.parse` for the common log record: one flat JSON object, written
 * compactly (no spaces between tokens), of printable ASCII without a backslash, whose values
 * are strings, numbers, true, false or null. Of such a record it keeps only the fields the
 * record-shape table can read (`FlatKeys`), so no string is made for the others' keys and
 * values; any other text it refuses, and the caller parses it whole. `JSON.parse` would have
 * made the same values: a string without escapes is the text between its quotes, a number
 * goes through `Number` (the same conversion). Two native scans (a regular expression, then
 * `indexOf` from quote to quote) do most of the work, which is what makes it cheaper than
 * `JSON.parse`; a loop over the characters in JavaScript was not. test/unit/record/flat-json.test.ts
 * compares both paths on the fuzz corpus and the record-shape fixtures.
 */

import type {ShapeReader, ShapeReading} from './shapes/read-shape.js';

/** The top-level keys a reader may read, by length and first character (a key's slot). */
export type FlatKeys = ReadonlyArray<readonly string[] | undefined>;

const slotOf = (length: number, first: number) => ((length & 63) << 7) | (first & 127);

export function flatKeys(keys: Iterable<string>): FlatKeys {
	const slots: Array<string[] | undefined> = new Array(64 * 128).fill(undefined);
	for (const key of new Set(keys)) {
		if (key.length === 0) continue;
		const slot = slotOf(key.length, key.charCodeAt(0));
		const list = slots[slot] ?? [];
		slots[slot] = list;
		list.push(key);
	}
	return slots;
}

/** The wanted key that the text holds from `start` to `end`, else undefined; no string is made. */
export function wantedKey(text: string, start: number, end: number, wanted: FlatKeys): string | undefined {
	const candidates = wanted[slotOf(end - start, text.charCodeAt(start))];
	if (candidates === undefined) return undefined;
	for (const key of candidates) if (key.length === end - start && text.startsWith(key, start)) return key;
	return undefined;
}

/** Printable ASCII, no backslash: then a string ends at its next `"`. */
export const NOT_SIMPLE = /[^\x20-\x5b\x5d-\x7e]/;

const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

/** Where a JSON number starting at `at` ends, or -1 when the grammar does not hold. */
export function numberEnd(text: string, at: number): number {
	let index = at;
	if (text.charCodeAt(index) === 0x2d) index++;
	const first = text.charCodeAt(index);
	if (first === 0x30) index++;
	else if (first >= 0x31 && first <= 0x39) while (isDigit(text.charCodeAt(++index)));
	else return -1;
	if (text.charCodeAt(index) === 0x2e) {
		if (!isDigit(text.charCodeAt(++index))) return -1;
		while (isDigit(text.charCodeAt(++index)));
	}
	const exponent = text.charCodeAt(index);
	if (exponent === 0x65 || exponent === 0x45) {
		const sign = text.charCodeAt(++index);
		if (sign === 0x2b || sign === 0x2d) index++;
		if (!isDigit(text.charCodeAt(index))) return -1;
		while (isDigit(text.charCodeAt(++index)));
	}
	return index;
}

/**
 * The fields of `text` named in `wanted` as `JSON.parse(text)` has them, in a new object; undefined
 * when `text` is not a compact, flat object of printable ASCII (see the module comment).
 */
export function readFlatObject(text: string, wanted: FlatKeys): Record<string, unknown> | undefined {
	if (text.charCodeAt(0) !== 0x7b || text.charCodeAt(1) === 0x7d || NOT_SIMPLE.test(text)) return undefined;
	const object: Record<string, unknown> = {};
	let index = 1;
	for (;;) {
		if (text.charCodeAt(index) !== 0x22) return undefined;
		const keyEnd = text.indexOf('"', index + 1);
		// An empty key is refused: the table reads `''` (a template's values: the record itself).
		if (keyEnd <= index + 1 || text.charCodeAt(keyEnd + 1) !== 0x3a) return undefined;
		const key = wantedKey(text, index + 1, keyEnd, wanted);
		index = keyEnd + 2;
		const code = text.charCodeAt(index);
		let value: unknown;
		if (code === 0x22) {
			const end = text.indexOf('"', index + 1);
			if (end < 0) return undefined;
			if (key !== undefined) value = text.slice(index + 1, end);
			index = end + 1;
		} else if (code === 0x2d || isDigit(code)) {
			const end = numberEnd(text, index);
			if (end < 0) return undefined;
			if (key !== undefined) value = Number(text.slice(index, end));
			index = end;
		} else if (text.startsWith('true', index)) {
			value = true;
			index += 4;
		} else if (text.startsWith('false', index)) {
			value = false;
			index += 5;
		} else if (text.startsWith('null', index)) {
			value = null;
			index += 4;
		} else {
			// An object, an array, a space: the general parser's.
			return undefined;
		}
		if (key !== undefined) {
			// JSON.parse makes `__proto__` an own field; an assignment would set the prototype.
			if (key === '__proto__') return undefined;
			object[key] = value;
		}
		const next = text.charCodeAt(index++);
		if (next === 0x2c) continue;
		return next === 0x7d && index === text.length ? object : undefined;
	}
}

let fastPath = true;
let keysFor: ShapeReader | undefined;
let keysOfShapes: FlatKeys = flatKeys([]);

/**
 * Fills `reading` from a flat, compact record without `JSON.parse` (`shapes.read` of its
 * readable fields); false when the record must be parsed whole (then `reading` means nothing).
 */
export function readFlatRecord(text: string, shapes: ShapeReader, reading: ShapeReading): boolean {
	if (!fastPath) return false;
	if (keysFor !== shapes) {
		keysFor = shapes;
		// An OTLP logs request (otlp_json) is the general parser's.
		keysOfShapes = flatKeys([...shapes.flatKeys, 'resourceLogs']);
	}
	const object = readFlatObject(text, keysOfShapes);
	if (object === undefined || object.resourceLogs !== undefined) return false;
	shapes.read(object, reading, false);
	// The whole record is needed without a message (shown as compact JSON) or for a template;
	// an envelope's content is read by the general path too.
	const {message, inner, shape} = reading;
	return message !== undefined && inner === undefined && shape.messageTemplate === undefined;
}

/** Runs `run` with the fast path off: the tests and bench/worker-micro.ts compare both paths. */
export function withoutFastPath<T>(run: () => T): T {
	fastPath = false;
	try {
		return run();
	} finally {
		fastPath = true;
	}
}
