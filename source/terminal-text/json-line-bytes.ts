import type {LogRecord} from '../record/log-record.js';
import {EMPTY_HEADERS} from '../record/record-headers.js';
import {splicedValueFits} from './format-json-line.js';

/**
 * `formatJsonLine` written straight into bytes for the common record, with the value's bytes
 * copied as they were read: no line string is built, so none is encoded again, and the
 * checks for what must be escaped run while the bytes are written. Every field printable
 * ASCII and the value JSON of printable ASCII: then JSON.stringify escapes only `"` and `\`,
 * and the line needs no second look (see `formatJsonLine`). For any other record this writes
 * nothing and says so; the caller formats it with `formatJsonLine`. Same bytes either way:
 * test/unit/plain/json-line-packing.test.ts compares them on the fuzz corpus.
 */

/** Bytes `writeJsonLineBytes` may need for a record, at most. */
export function jsonLineBytesBound(record: LogRecord, topicJson: string, valueBytes: number): number {
	let bound = 256 + topicJson.length + valueBytes;
	bound += 2 * (record.service.length + record.message.length + (record.key?.length ?? 0));
	// The parser's one object for records without headers: no walk over it (for-in is not cheap).
	if (record.headers === EMPTY_HEADERS) return bound;
	for (const name in record.headers) bound += 6 + 2 * (name.length + record.headers[name]!.length);
	return bound;
}

/**
 * Where the writing is: the target and the next free byte. Module variables, not an object's
 * fields: every byte written reads them (writing is synchronous, one line at a time).
 */
let out: Uint8Array = new Uint8Array(0);
let at = 0;

/** Writes a JSON string of printable ASCII (`"` and `\` escaped); false for anything else. */
export function writeJsonString(text: string): boolean {
	// Locals in the loops: a module variable is read and written back on every byte.
	const target = out;
	let next = at;
	target[next++] = 0x22;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 0x20 || code > 0x7e) return false;
		if (code === 0x22 || code === 0x5c) target[next++] = 0x5c;
		target[next++] = code;
	}
	target[next++] = 0x22;
	at = next;
	return true;
}

/** Bytes of text known to be plain ASCII (the field names), made once. */
export function asciiBytes(text: string): Uint8Array {
	return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

/** Writes bytes made by `asciiBytes` (a loop: a `set` call costs more for a few bytes). */
function writeConstant(constant: Uint8Array): void {
	const target = out;
	const from = at;
	const {length} = constant;
	if (length > 24) target.set(constant, from);
	else for (let index = 0; index < length; index++) target[from + index] = constant[index]!;
	at = from + length;
}

/** `String(n)` of a safe non-negative integer, as digits; false for any other number. */
function writeInteger(n: number): boolean {
	if (!Number.isSafeInteger(n) || n < 0) return false;
	let digits = 1;
	for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits++;
	let digit = at + digits;
	at = digit;
	let rest = n;
	do {
		out[--digit] = 0x30 + (rest % 10);
		rest = Math.floor(rest / 10);
	} while (rest > 0);
	return true;
}

/**
 * The bytes of `"YYYY-MM-DDTHH:MM:SS.` of the last second written, one cache per time of the
 * record (its own, Kafka's): a partition's records come in time order, many in one second,
 * and then only the milliseconds are written.
 */
type CachedSecond = {start: number; prefix: Uint8Array};
const cachedSeconds: [CachedSecond, CachedSecond] = [
	{start: Number.NaN, prefix: new Uint8Array(21)},
	{start: Number.NaN, prefix: new Uint8Array(21)},
];

function twoDigits(target: Uint8Array, offset: number, n: number): void {
	target[offset] = 0x30 + Math.floor(n / 10);
	target[offset + 1] = 0x30 + (n % 10);
}

/** Fills `second` for the second that holds `ms`; false for a date of no four-digit year. */
function cacheSecond(second: CachedSecond, ms: number): boolean {
	const iso = new Date(ms).toISOString();
	if (iso.length !== 24) return false;
	second.start = ms - (((ms % 1000) + 1000) % 1000);
	second.prefix[0] = 0x22;
	for (let index = 0; index < 20; index++) second.prefix[index + 1] = iso.charCodeAt(index);
	return true;
}

/**
 * `"${new Date(ms).toISOString()}"` for an integer time of a four-digit year; false otherwise.
 * `slot`: which of the record's times (0 its own, 1 Kafka's), for the cache.
 */
export function writeIsoTime(ms: number, slot: 0 | 1): boolean {
	if (!Number.isInteger(ms) || Math.abs(ms) > 8.64e15) return false;
	const second = cachedSeconds[slot];
	let millis = ms - second.start;
	if (!(millis >= 0 && millis < 1000)) {
		if (!cacheSecond(second, ms)) return false;
		millis = ms - second.start;
	}
	const {prefix} = second;
	const target = out;
	const from = at;
	for (let index = 0; index < 21; index++) target[from + index] = prefix[index]!;
	target[from + 21] = 0x30 + Math.floor(millis / 100);
	twoDigits(target, from + 22, millis % 100);
	target[from + 24] = 0x5a;
	target[from + 25] = 0x22;
	at = from + 26;
	return true;
}

function writeHeaders(headers: Record<string, string>): boolean {
	out[at++] = 0x7b;
	if (headers === EMPTY_HEADERS) {
		out[at++] = 0x7d;
		return true;
	}
	let first = true;
	for (const name in headers) {
		if (!first) out[at++] = 0x2c;
		first = false;
		if (!writeJsonString(name)) return false;
		out[at++] = 0x3a;
		if (!writeJsonString(headers[name]!)) return false;
	}
	out[at++] = 0x7d;
	return true;
}

const BEYOND_PRINTABLE_ASCII = /[^\x20-\x7e]/;

/** `{"topic":…,"partition":N,"offset":` of the last topic and partition written. */
let lineStart: {topicJson: string; partition: number; bytes: Uint8Array} = {
	topicJson: '',
	partition: -1,
	bytes: new Uint8Array(0),
};
const TIME = asciiBytes(',"time":');
const KAFKA_TIME = asciiBytes(',"kafkaTime":');
const SERVICE = asciiBytes(',"service":');
const LEVEL = asciiBytes(',"level":');
const MESSAGE = asciiBytes(',"message":');
const KEY = asciiBytes(',"key":');
const NULL = asciiBytes('null');
const HEADERS = asciiBytes(',"headers":');
const SIZE = asciiBytes(',"size":');
const VALUE = asciiBytes(',"value":');

/** The line's start for a topic and partition; false for a partition `writeInteger` refuses. */
function writeLineStart(topicJson: string, partition: number): boolean {
	if (lineStart.topicJson !== topicJson || lineStart.partition !== partition) {
		if (!Number.isSafeInteger(partition) || partition < 0) return false;
		lineStart = {
			topicJson,
			partition,
			bytes: asciiBytes(`{"topic":${topicJson},"partition":${partition},"offset":`),
		};
	}
	writeConstant(lineStart.bytes);
	return true;
}

/**
 * Writes `formatJsonLine(record)` (no newline) at `start` in `bytes`, which has room for
 * `jsonLineBytesBound`. `topicJson` is `JSON.stringify(record.topic)`, printable ASCII;
 * `valueBytes` the record's value as read. Returns where the line ends, or -1 when the record
 * is not one for this path (nothing meaningful was written).
 */
export function writeJsonLineBytes(
	record: LogRecord,
	topicJson: string,
	valueBytes: Uint8Array,
	bytes: Uint8Array,
	start: number,
): number {
	const {value} = record;
	// The value's text is its bytes when it is printable ASCII and as long as they are.
	if (!record.json || value === null || value.length !== valueBytes.length || !splicedValueFits(record))
		return -1;
	out = bytes;
	at = start;
	if (!writeLineStart(topicJson, record.partition)) return -1;
	if (!writeInteger(record.offset)) return -1;
	writeConstant(TIME);
	if (!writeIsoTime(record.time, 0)) return -1;
	writeConstant(KAFKA_TIME);
	if (!writeIsoTime(record.kafkaTime, 1)) return -1;
	writeConstant(SERVICE);
	if (!writeJsonString(record.service)) return -1;
	writeConstant(LEVEL);
	if (!writeJsonString(record.level)) return -1;
	writeConstant(MESSAGE);
	if (!writeJsonString(record.message)) return -1;
	writeConstant(KEY);
	if (record.key === null) writeConstant(NULL);
	else if (!writeJsonString(record.key)) return -1;
	writeConstant(HEADERS);
	if (!writeHeaders(record.headers)) return -1;
	writeConstant(SIZE);
	if (!writeInteger(record.size)) return -1;
	writeConstant(VALUE);
	// Printable ASCII only, the test `formatJsonLine` makes of a value it splices.
	if (BEYOND_PRINTABLE_ASCII.test(value)) return -1;
	bytes.set(valueBytes, at);
	at += valueBytes.length;
	bytes[at++] = 0x7d;
	return at;
}
