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

/** Where the writing is: the target and the next free byte (-1 once a field did not fit the fast path). */
type Cursor = {bytes: Uint8Array; at: number};
const cursor: Cursor = {bytes: new Uint8Array(0), at: 0};

/** Writes a JSON string of printable ASCII (`"` and `\` escaped); false for anything else. */
function writeJsonString(text: string): boolean {
	const {bytes} = cursor;
	let at = cursor.at;
	bytes[at++] = 0x22;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 0x20 || code > 0x7e) return false;
		if (code === 0x22 || code === 0x5c) bytes[at++] = 0x5c;
		bytes[at++] = code;
	}
	bytes[at++] = 0x22;
	cursor.at = at;
	return true;
}

/** Writes text known to be plain ASCII (the field names). */
function writeAscii(text: string): void {
	const {bytes} = cursor;
	let at = cursor.at;
	for (let index = 0; index < text.length; index++) bytes[at++] = text.charCodeAt(index);
	cursor.at = at;
}

/** `String(n)` of a safe non-negative integer, as digits; false for any other number. */
function writeInteger(n: number): boolean {
	if (!Number.isSafeInteger(n) || n < 0) return false;
	const {bytes} = cursor;
	let digits = 1;
	for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits++;
	let at = cursor.at + digits;
	cursor.at = at;
	let rest = n;
	do {
		bytes[--at] = 0x30 + (rest % 10);
		rest = Math.floor(rest / 10);
	} while (rest > 0);
	return true;
}

const DAY_MS = 86_400_000;
/** The UTC day start (ms) and the bytes of `"YYYY-MM-DDT` of one cached day, as in `isoTime`. */
type CachedDay = {start: number; prefix: Uint8Array};
const cachedDays: [CachedDay, CachedDay] = [
	{start: Number.NaN, prefix: new Uint8Array(12)},
	{start: Number.NaN, prefix: new Uint8Array(12)},
];
let nextSlot = 0;

function writeTwo(at: number, n: number): void {
	cursor.bytes[at] = 0x30 + Math.floor(n / 10);
	cursor.bytes[at + 1] = 0x30 + (n % 10);
}

/** `"${new Date(ms).toISOString()}"` for an integer time of a four-digit year; false otherwise. */
function writeIsoTime(ms: number): boolean {
	if (!Number.isInteger(ms) || Math.abs(ms) > 8.64e15) return false;
	let day = cachedDays[0].start <= ms && ms - cachedDays[0].start < DAY_MS ? cachedDays[0] : undefined;
	if (day === undefined && cachedDays[1].start <= ms && ms - cachedDays[1].start < DAY_MS)
		day = cachedDays[1];
	if (day === undefined) {
		const iso = new Date(ms).toISOString();
		if (iso.length !== 24) return false;
		day = cachedDays[nextSlot]!;
		nextSlot = 1 - nextSlot;
		day.start = ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
		day.prefix[0] = 0x22;
		for (let index = 0; index < 11; index++) day.prefix[index + 1] = iso.charCodeAt(index);
	}
	const inDay = ms - day.start;
	let at = cursor.at;
	for (let index = 0; index < 12; index++) cursor.bytes[at++] = day.prefix[index]!;
	writeTwo(at, Math.floor(inDay / 3_600_000));
	cursor.bytes[at + 2] = 0x3a;
	writeTwo(at + 3, Math.floor(inDay / 60_000) % 60);
	cursor.bytes[at + 5] = 0x3a;
	writeTwo(at + 6, Math.floor(inDay / 1000) % 60);
	cursor.bytes[at + 8] = 0x2e;
	const millis = inDay % 1000;
	cursor.bytes[at + 9] = 0x30 + Math.floor(millis / 100);
	writeTwo(at + 10, millis % 100);
	cursor.bytes[at + 12] = 0x5a;
	cursor.bytes[at + 13] = 0x22;
	cursor.at = at + 14;
	return true;
}

function writeHeaders(headers: Record<string, string>): boolean {
	if (headers === EMPTY_HEADERS) {
		cursor.bytes[cursor.at++] = 0x7b;
		cursor.bytes[cursor.at++] = 0x7d;
		return true;
	}
	cursor.bytes[cursor.at++] = 0x7b;
	let first = true;
	for (const name in headers) {
		if (!first) cursor.bytes[cursor.at++] = 0x2c;
		first = false;
		if (!writeJsonString(name)) return false;
		cursor.bytes[cursor.at++] = 0x3a;
		if (!writeJsonString(headers[name]!)) return false;
	}
	cursor.bytes[cursor.at++] = 0x7d;
	return true;
}

const BEYOND_PRINTABLE_ASCII = /[^\x20-\x7e]/;

/**
 * Writes `formatJsonLine(record)` (no newline) at `at` in `bytes`, which has room for
 * `jsonLineBytesBound`. `topicJson` is `JSON.stringify(record.topic)`, printable ASCII;
 * `valueBytes` the record's value as read. Returns where the line ends, or -1 when the record
 * is not one for this path (nothing meaningful was written).
 */
export function writeJsonLineBytes(
	record: LogRecord,
	topicJson: string,
	valueBytes: Uint8Array,
	bytes: Uint8Array,
	at: number,
): number {
	const {value} = record;
	// The value's text is its bytes when it is printable ASCII and as long as they are.
	if (!record.json || value === null || value.length !== valueBytes.length || !splicedValueFits(record))
		return -1;
	// Printable ASCII only, the test `formatJsonLine` makes of a value it splices.
	if (BEYOND_PRINTABLE_ASCII.test(value)) return -1;
	cursor.bytes = bytes;
	cursor.at = at;
	writeAscii('{"topic":');
	writeAscii(topicJson);
	writeAscii(',"partition":');
	if (!writeInteger(record.partition)) return -1;
	writeAscii(',"offset":');
	if (!writeInteger(record.offset)) return -1;
	writeAscii(',"time":');
	if (!writeIsoTime(record.time)) return -1;
	writeAscii(',"kafkaTime":');
	if (!writeIsoTime(record.kafkaTime)) return -1;
	writeAscii(',"service":');
	if (!writeJsonString(record.service)) return -1;
	writeAscii(',"level":');
	if (!writeJsonString(record.level)) return -1;
	writeAscii(',"message":');
	if (!writeJsonString(record.message)) return -1;
	writeAscii(',"key":');
	if (record.key === null) writeAscii('null');
	else if (!writeJsonString(record.key)) return -1;
	writeAscii(',"headers":');
	if (!writeHeaders(record.headers)) return -1;
	writeAscii(',"size":');
	if (!writeInteger(record.size)) return -1;
	writeAscii(',"value":');
	bytes.set(valueBytes, cursor.at);
	at = cursor.at + valueBytes.length;
	bytes[at++] = 0x7d;
	return at;
}
