/**
 * Where the service, level, time and message of a flat record are, found without reading it
 * into an object: for the plain `--output json` line (plain/flat-json-line.ts), which copies
 * them from the value's bytes. Records of one producer have one layout (the same keys in the
 * same order, their values of the same kinds), and what the record-shape table reads depends
 * only on that: which keys are present, and whether each value is null, an empty string, a
 * string, a number or a literal (the table's checks are `present`, non-empty and `typeof`).
 * So the table is asked once per layout, with a probe object whose strings are unique marks,
 * and the mark each field comes back with names the key it comes from. A record of a known
 * layout is then matched by the layout's own expression (its keys, its values' kinds, the same
 * grammar and text as `readFlatObject`: printable ASCII without a backslash) and walked only to
 * its fields' ends. Any layout the marks
 * cannot explain (a field that is a number, a template, an envelope, no service or time) is
 * remembered as one the caller leaves to the parser. test/unit/plain/flat-json-line.test.ts
 * compares the lines with the parser's on the fuzz corpus and the record-shape fixtures.
 */

import {type FlatKeys, flatKeys, NOT_SIMPLE, numberEnd, wantedKey} from './flat-json.js';
import type {ShapeReader} from './shapes/read-shape.js';
import {emptyReading} from './shapes/read-shape.js';

/** A value's kind, as the layout holds it (ANY: a key the table does not read). */
const ANY = 0;
const EMPTY = 1;
const STRING = 2;
const NUMBER = 3;
const TRUE = 4;
const FALSE = 5;
const NULL = 6;

/** The fields found, each a pair in `flatSpans`: message, level, service, time. */
export const MESSAGE = 0;
export const LEVEL = 2;
export const SERVICE = 4;
export const TIME = 6;

/** Start and end (exclusive, inside the quotes) of each field of the last record read. */
export const flatSpans = new Int32Array(8);

type Layout = {
	/**
	 * Per key, the text before its value: `{"key":` or `,"key":`, with the opening quote for a
	 * string the table reads (its kind is then known to be a string: one compare does both).
	 */
	glue: string[];
	kinds: Uint8Array;
	/** Per key: the span it fills (MESSAGE…TIME), or -1. */
	spans: Int8Array;
	/** False: the parser reads records of this layout. */
	fast: boolean;
	/** The message is the empty string (from a key of kind EMPTY): no span. */
	emptyMessage: boolean;
	/** The whole record of this layout, as one sticky expression (`patternOf`). */
	pattern: RegExp;
	/** Keys up to the last one with a span: how far `matches` walks for the spans. */
	walk: number;
};

/** A JSON string's content the one pass takes: printable ASCII, no quote, no backslash. */
const CONTENT = '[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]';
/** A JSON number, the grammar of `numberEnd`. */
const NUMBER_PATTERN = '-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?';
const KIND_PATTERNS: Readonly<Record<number, string>> = {
	[ANY]: `(?:"${CONTENT}*"|${NUMBER_PATTERN}|true|false|null)`,
	[EMPTY]: '""',
	[STRING]: `"${CONTENT}+"`,
	[NUMBER]: NUMBER_PATTERN,
	[TRUE]: 'true',
	[FALSE]: 'false',
	[NULL]: 'null',
};
const regexText = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/**
 * A record of the layout with these keys and kinds (ANY: any flat value) and nothing else, as a
 * sticky regular expression: one native pass checks the whole record, its keys, its values'
 * kinds and that every byte is one the line can copy (`CONTENT`: the text `NOT_SIMPLE` allows),
 * where a walk with a `startsWith` per key and an `indexOf` per string cost over twice as much
 * (bench/lines-micro.ts). The walk is deterministic (a number or a string ends where the next
 * key's `,` or the `}` starts), so the expression takes exactly the records the walk took.
 */
function patternOf(keys: readonly string[], kinds: Uint8Array): RegExp {
	const parts = keys.map(
		(key, at) => `${at === 0 ? '\\{' : ','}"${regexText(key)}":${KIND_PATTERNS[kinds[at]!]}`,
	);
	return new RegExp(`${parts.join('')}\\}`, 'y');
}

/** Layouts seen, most recent first (a topic has a few producers). */
const MAX_LAYOUTS = 16;
let layouts: Layout[] = [];
let layoutsFor: ShapeReader | undefined;
/** Probes allowed now: one more every eight records, at most `MAX_PROBES` saved up. */
const MAX_PROBES = 64;
let probes = MAX_PROBES;
let wanted: FlatKeys = flatKeys([]);
const reading = emptyReading();

/** The kind of the value at `index` and where it ends; -1 when it is not a flat value. */
let valueEnd = 0;
function kindAt(text: string, index: number): number {
	const code = text.charCodeAt(index);
	if (code === 0x22) {
		valueEnd = text.indexOf('"', index + 1);
		if (valueEnd < 0) return -1;
		valueEnd++;
		return valueEnd === index + 2 ? EMPTY : STRING;
	}
	if (code === 0x2d || (code >= 0x30 && code <= 0x39)) {
		valueEnd = numberEnd(text, index);
		return valueEnd < 0 ? -1 : NUMBER;
	}
	if (text.startsWith('true', index)) {
		valueEnd = index + 4;
		return TRUE;
	}
	if (text.startsWith('false', index)) {
		valueEnd = index + 5;
		return FALSE;
	}
	if (text.startsWith('null', index)) {
		valueEnd = index + 4;
		return NULL;
	}
	return -1;
}

/**
 * Whether `text[start, end)` is a record of `layout`, by its pattern; then fills `flatSpans`,
 * walking the keys up to the last field it needs (the pattern checked what the walk passes).
 */
function matches(text: string, start: number, end: number, layout: Layout): boolean {
	const {pattern} = layout;
	pattern.lastIndex = start;
	if (!pattern.test(text) || pattern.lastIndex !== end) return false;
	const {glue, kinds, spans, walk} = layout;
	let index = start;
	for (let at = 0; at < walk; at++) {
		index += glue[at]!.length;
		const kind = kinds[at]!;
		if (kind === STRING) {
			// The glue ends with the value's opening quote.
			valueEnd = text.indexOf('"', index) + 1;
			index--;
		} else if (kind === EMPTY) {
			valueEnd = index + 1;
			index--;
		} else kindAt(text, index);
		const span = spans[at]!;
		if (span >= 0) {
			flatSpans[span] = index + 1;
			flatSpans[span + 1] = valueEnd - 1;
		}
		index = valueEnd;
	}
	return true;
}

/** The keys and kinds of the flat record `text[start, end)`, or undefined when it is not one. */
function scan(text: string, start: number, end: number): {keys: string[]; kinds: number[]} | undefined {
	const keys: string[] = [];
	const kinds: number[] = [];
	let index = start + 1;
	for (;;) {
		if (text.charCodeAt(index) !== 0x22) return undefined;
		const keyEnd = text.indexOf('"', index + 1);
		if (keyEnd <= index + 1 || text.charCodeAt(keyEnd + 1) !== 0x3a) return undefined;
		keys.push(text.slice(index + 1, keyEnd));
		const kind = kindAt(text, keyEnd + 2);
		if (kind < 0) return undefined;
		kinds.push(kind);
		index = valueEnd;
		const next = text.charCodeAt(index++);
		if (next === 0x2c) continue;
		return next === 0x7d && index === end ? {keys, kinds} : undefined;
	}
}

/** The probe value of a key of `kind`: strings are marks that name the key. */
function probeValue(kind: number, at: number): unknown {
	if (kind === STRING) return `\u0001${at}`;
	if (kind === EMPTY) return '';
	if (kind === NUMBER) return at + 0.5;
	return kind === TRUE ? true : kind === FALSE ? false : null;
}

/** The key index a mark names, or -1 for anything else. */
function markedKey(value: unknown): number {
	if (typeof value !== 'string' || value.charCodeAt(0) !== 1) return -1;
	return Number(value.slice(1));
}

/** Asks the table about a layout (see the module comment), and compiles what `matches` needs. */
function learn(keys: string[], scanned: number[], shapes: ShapeReader): Layout {
	const layout = learnFields(keys, scanned, shapes);
	layout.pattern = patternOf(keys, layout.kinds);
	layout.walk = layout.spans.findLastIndex((span) => span >= 0) + 1;
	return layout;
}

function learnFields(keys: string[], scanned: number[], shapes: ShapeReader): Layout {
	const kinds = new Uint8Array(keys.length);
	const spans = new Int8Array(keys.length).fill(-1);
	const glue = keys.map((key, at) => `${at === 0 ? '{' : ','}"${key}":`);
	const layout: Layout = {glue, kinds, spans, fast: false, emptyMessage: false, pattern: /$^/y, walk: 0};
	const probe: Record<string, unknown> = {};
	for (let at = 0; at < keys.length; at++) {
		const key = keys[at]!;
		if (wantedKey(key, 0, key.length, wanted) === undefined) continue;
		// As readFlatRecord: the parser's own cases (a prototype key, an OTLP request, a key twice).
		if (key === '__proto__' || key === 'resourceLogs' || Object.hasOwn(probe, key)) return layout;
		kinds[at] = scanned[at]!;
		if (kinds[at] === STRING || kinds[at] === EMPTY) glue[at] += '"';
		probe[key] = probeValue(scanned[at]!, at);
	}
	shapes.read(probe, reading, false);
	const {shape} = reading;
	// An envelope may hold JSON text in any of its fields; a template renders the values.
	if (reading.inner !== undefined || shape.messageTemplate !== undefined) return layout;
	if (shape.match !== undefined && (shape.unwrap?.length ?? 0) > 0) return layout;
	const fields: Array<[unknown, number]> = [
		[reading.level, LEVEL],
		[reading.service, SERVICE],
		[reading.time, TIME],
	];
	if (reading.message === '') layout.emptyMessage = true;
	else fields.push([reading.message, MESSAGE]);
	for (const [value, span] of fields) {
		const at = markedKey(value);
		if (at < 0 || kinds[at] !== STRING || spans[at] !== -1) return layout;
		spans[at] = span;
	}
	layout.fast = true;
	return layout;
}

/**
 * Fills `flatSpans` (positions in `text`) for the flat record `text[start, end)` of printable
 * ASCII without a backslash (as `readFlatObject` takes) whose layout reads its service, level,
 * time and message from strings; false when the record is for the parser (then `flatSpans`
 * means nothing). The text around the record may be anything (a whole batch's values).
 * `emptyMessage` says the message is `""`, with no span.
 */
export function readFlatLayout(
	text: string,
	start: number,
	end: number,
	shapes: ShapeReader,
): {emptyMessage: boolean} | undefined {
	if (end - start < 3 || text.charCodeAt(start) !== 0x7b || text.charCodeAt(start + 1) === 0x7d)
		return undefined;
	if (layoutsFor !== shapes) {
		layoutsFor = shapes;
		layouts = [];
		wanted = flatKeys([...shapes.flatKeys, 'resourceLogs']);
	}
	probes = Math.min(probes + 1 / 8, MAX_PROBES);
	for (let at = 0; at < layouts.length; at++) {
		const layout = layouts[at]!;
		if (!matches(text, start, end, layout)) continue;
		return layout.fast ? layout : undefined;
	}
	// Records of ever new layouts (keys that name ids, say) cost a probe each on top of the
	// parser: past the first few, at most one record in eight is probed.
	if (probes < 1) return undefined;
	// Only a record the patterns could take teaches a layout (a key with other bytes never matches).
	if (NOT_SIMPLE.test(text.slice(start, end))) return undefined;
	probes--;
	const scanned = scan(text, start, end);
	if (scanned === undefined) return undefined;
	const layout = learn(scanned.keys, scanned.kinds, shapes);
	layouts.unshift(layout);
	if (layouts.length > MAX_LAYOUTS) layouts.pop();
	return layout.fast && matches(text, start, end, layout) ? layout : undefined;
}

/** Forgets every layout and count (tests: each case starts as a new stream would). */
export function forgetLayouts(): void {
	layouts = [];
	probes = MAX_PROBES;
}
