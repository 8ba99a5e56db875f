import {flatSpans, LEVEL, MESSAGE, readFlatLayout, SERVICE, TIME} from '../record/flat-layout.js';
import {normalizeLevel} from '../record/level.js';
import type {RawRecord} from '../record/log-record.js';
import {MAX_KEY_BYTES} from '../record/parse-record.js';
import {MAX_SERVICE_LENGTH} from '../record/record-text.js';
import type {ShapeReader} from '../record/shapes/read-shape.js';
import {asciiBytes} from '../terminal-text/json-line-bytes.js';

/**
 * The `--output json` line of a common record straight from its value bytes, with no
 * `LogRecord` and no string but the value's text: a flat JSON object of printable ASCII whose
 * layout (record/flat-layout.ts) names the strings that are its service, level, time and
 * message. Those strings are what the parser would keep as they are (printable ASCII needs no
 * sanitising; a service of at most `MAX_SERVICE_LENGTH` is not cut; a time in the canonical
 * `YYYY-MM-DDTHH:MM:SS.mmmZ` is printed back the same), so their bytes are copied into the
 * line; the level is the parser's `normalizeLevel` of the text, remembered per text. Anything
 * else (a key or header the parser would change, another time form, a message that may be an
 * envelope's JSON) writes nothing and says so: the caller parses that record. Same bytes as
 * `formatJsonLine` of the parsed record: test/unit/plain/flat-json-line.test.ts.
 */

/** Buffer's own Latin-1 decoder: `toString('latin1')` checks its arguments and encoding first. */
type LatinSlicing = Buffer & {latin1Slice(start: number, end: number): string};

/** Buffer's own Latin-1 encoder, which `write(text, at, 'latin1')` checks its arguments for first. */
type LatinWriting = Buffer & {latin1Write(text: string, at: number, length: number): number};

/** Longest value written here: the longest `formatJsonLine` splices as it is (format-json-line.ts). */
const MAX_FLAT_VALUE = 4096;

/** Bytes `writeFlatJsonLine` may need for a record, at most. */
export function flatJsonLineBound(raw: RawRecord): number {
	return flatLineBound(raw.topic.length, raw.value?.length ?? 0, raw.key?.length ?? 0);
}

/** `flatJsonLineBound` by the lengths of the topic (UTF-16), value and key (bytes). */
export const flatLineBound = (topicLength: number, valueBytes: number, keyBytes: number) =>
	320 + 2 * topicLength + 3 * valueBytes + 2 * keyBytes;

/** The minute of the last time read: its `YYYY-MM-DDTHH:MM:` and its start in ms. */
let minuteText = '';
let minuteStart = 0;

function digitAt(text: string, index: number): number {
	const value = text.charCodeAt(index) - 0x30;
	return value >= 0 && value <= 9 ? value : Number.NaN;
}

const twoDigits = (text: string, at: number) => digitAt(text, at) * 10 + digitAt(text, at + 1);

/** Learns the minute `text` starts with at `at`; false for a time JavaScript prints otherwise. */
function learnMinute(text: string, at: number): boolean {
	if (
		text.charCodeAt(at + 4) !== 0x2d ||
		text.charCodeAt(at + 7) !== 0x2d ||
		text.charCodeAt(at + 10) !== 0x54 ||
		text.charCodeAt(at + 13) !== 0x3a ||
		text.charCodeAt(at + 16) !== 0x3a
	)
		return false;
	const year = twoDigits(text, at) * 100 + twoDigits(text, at + 2);
	const hours = twoDigits(text, at + 11);
	const minutes = twoDigits(text, at + 14);
	if (!(hours <= 23 && minutes <= 59)) return false;
	const date = text.slice(at, at + 10);
	const day = Date.UTC(year, twoDigits(text, at + 5) - 1, twoDigits(text, at + 8));
	// Years below 100 (Date.UTC reads them as 19xx), 31 February and the like print otherwise.
	if (!Number.isFinite(day) || new Date(day).toISOString().slice(0, 10) !== date) return false;
	minuteText = text.slice(at, at + 17);
	minuteStart = day + (hours * 60 + minutes) * 60_000;
	return true;
}

/**
 * The ms of a canonical time at `at` (24 characters, checked), NaN for any other text. What
 * `parseRfc3339` reads it as; its `toISOString` is the text itself (a real day, no leap second).
 */
function canonicalTime(text: string, at: number, end: number): number {
	if (end - at !== 24 || text.charCodeAt(at + 19) !== 0x2e || text.charCodeAt(at + 23) !== 0x5a)
		return Number.NaN;
	if (!text.startsWith(minuteText, at) || minuteText.length !== 17) {
		if (!learnMinute(text, at)) return Number.NaN;
	}
	const seconds = twoDigits(text, at + 17);
	const millis = digitAt(text, at + 20) * 100 + twoDigits(text, at + 21);
	if (!(seconds <= 59 && millis >= 0)) return Number.NaN;
	return minuteStart + seconds * 1000 + millis;
}

/** Level texts seen and what is written for each: `","level":"info","message":"`. */
const MAX_LEVEL_TEXTS = 64;
const levelTexts: string[] = [];
const levelTextBytes: Uint8Array[] = [];

/** The text from the end of the service to the start of the message, for the level text at `start`. */
function levelText(text: string, start: number, end: number): Uint8Array {
	const length = end - start;
	for (let index = 0; index < levelTexts.length; index++) {
		const known = levelTexts[index]!;
		if (known.length === length && text.startsWith(known, start)) return levelTextBytes[index]!;
	}
	const level = text.slice(start, end);
	const bytes = asciiBytes(`","level":"${normalizeLevel(level)}","message":"`);
	if (levelTexts.length < MAX_LEVEL_TEXTS) {
		levelTexts.push(level);
		levelTextBytes.push(bytes);
	}
	return bytes;
}

const TIME_TEXT = asciiBytes(',"time":"');
const NO_KEY_TEXT = asciiBytes('","key":null,"headers":{},"size":');
const KEY_TEXT = asciiBytes('","key":');
const HEADERS_TEXT = asciiBytes(',"headers":{},"size":');
const VALUE_TEXT = asciiBytes(',"value":');

/** The record's `time` of the last line written (`writeFlatJsonLine`). */
let lineTime = 0;
export const flatLineTime = () => lineTime;

/*
 * The writers below take the target and the place to write and give back where they ended:
 * the place stays a local of the caller (json-line-bytes.ts keeps it in module variables,
 * which each write read and wrote back; ~15% of the main thread's busy time went to those
 * writes in a profile of the whole path).
 */

/** Copies `bytes` (a constant) to `target` at `at`: a loop for a few bytes, cheaper than a `set` call. */
function put(target: Uint8Array, at: number, bytes: Uint8Array): number {
	const {length} = bytes;
	if (length > 24) target.set(bytes, at);
	else for (let index = 0; index < length; index++) target[at + index] = bytes[index]!;
	return at + length;
}

/** Copies `source[from, to)`, known to be text the line can take as it is. */
function copy(target: Uint8Array, at: number, source: Uint8Array, from: number, to: number): number {
	const shift = at - from;
	for (let index = from; index < to; index++) target[index + shift] = source[index]!;
	return at + to - from;
}

/** `String(n)` of a safe non-negative integer (the caller checked), as digits. */
function putInteger(target: Uint8Array, at: number, n: number): number {
	let digits = 1;
	for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits++;
	let digit = at + digits;
	let rest = n;
	do {
		target[--digit] = 0x30 + (rest % 10);
		rest = Math.floor(rest / 10);
	} while (rest > 0);
	return at + digits;
}

const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0;

/** `{"topic":…,"partition":N,"offset":` of the last topic and partition written. */
let lineStartFor: {topicJson: string; partition: number; bytes: Uint8Array} = {
	topicJson: '',
	partition: -1,
	bytes: new Uint8Array(0),
};

/**
 * The text from the end of the record's time to the start of its service, for a Kafka time:
 * `","kafkaTime":"YYYY-MM-DDTHH:MM:SS.mmmZ","service":"`, `writeIsoTime`'s text. Records of a
 * partition come with the same or a close Kafka time: only the milliseconds change within a
 * second. Undefined for a time `writeIsoTime` refuses (not an integer, a year of other than
 * four digits).
 */
const kafkaTimeText = asciiBytes(`","kafkaTime":"${new Date(0).toISOString()}","service":"`);
const KAFKA_ISO_AT = 15;
let kafkaSecond = Number.NaN;
function kafkaTimeBlock(ms: number): Uint8Array | undefined {
	if (!Number.isInteger(ms) || Math.abs(ms) > 8.64e15) return undefined;
	let millis = ms - kafkaSecond;
	if (!(millis >= 0 && millis < 1000)) {
		const iso = new Date(ms).toISOString();
		if (iso.length !== 24) return undefined;
		for (let index = 0; index < 20; index++) kafkaTimeText[KAFKA_ISO_AT + index] = iso.charCodeAt(index);
		kafkaSecond = ms - (((ms % 1000) + 1000) % 1000);
		millis = ms - kafkaSecond;
	}
	kafkaTimeText[KAFKA_ISO_AT + 20] = 0x30 + Math.floor(millis / 100);
	kafkaTimeText[KAFKA_ISO_AT + 21] = 0x30 + (Math.floor(millis / 10) % 10);
	kafkaTimeText[KAFKA_ISO_AT + 22] = 0x30 + (millis % 10);
	return kafkaTimeText;
}

/**
 * A key `decodeField` keeps as it is (printable ASCII, not cut), as JSON, from `source[from, to)`
 * to `target` at `at`; where it ends, or -1 for any other key.
 */
function putKey(target: Uint8Array, at: number, source: Uint8Array, from: number, to: number): number {
	if (to - from > MAX_KEY_BYTES) return -1;
	let next = at;
	target[next++] = 0x22;
	for (let index = from; index < to; index++) {
		const byte = source[index]!;
		if (byte < 0x20 || byte > 0x7e) return -1;
		if (byte === 0x22 || byte === 0x5c) target[next++] = 0x5c;
		target[next++] = byte;
	}
	target[next++] = 0x22;
	return next;
}

/**
 * Writes the line of `raw` (no newline) at `start` in `target`, which has room for
 * `flatJsonLineBound`, and sets `flatLineTime`; returns where it ends, or -1 when the record is
 * the parser's (nothing meaningful written). `topicJson`: the topic as JSON, printable ASCII,
 * as the parser keeps it.
 */
export function writeFlatJsonLine(
	raw: RawRecord,
	topicJson: string,
	shapes: ShapeReader,
	target: Buffer,
	start: number,
): number {
	const {value, key, headers} = raw;
	if (value === null || value.length > MAX_FLAT_VALUE) return -1;
	if (headers !== undefined && headers !== null) for (const _name in headers) return -1;
	const text = (value as LatinSlicing).latin1Slice(0, value.length);
	const line: FlatSource = flatSource;
	line.text = text;
	line.textStart = 0;
	line.source = value;
	line.valueStart = 0;
	line.valueEnd = value.length;
	line.keySource = key;
	line.keyStart = 0;
	line.keyEnd = key === null ? 0 : key.length;
	line.partition = raw.partition;
	line.offset = raw.offset;
	line.timestamp = raw.timestamp;
	return writeFlatLine(line, topicJson, shapes, target, start);
}

/**
 * A record without headers as `writeFlatLine` reads it: its value is `source[valueStart,
 * valueEnd)` and its key `keySource[keyStart, keyEnd)` (null: no key). The bytes may be a
 * record's own or those of a batch packed in the stream worker (plain/raw-line-batch.ts).
 * `text` holds the value's bytes read as Latin-1 from `textStart` on (the value's own text, or
 * one of many records of a batch; the layout match takes only printable ASCII).
 */
export type FlatSource = {
	text: string;
	textStart: number;
	source: Buffer;
	valueStart: number;
	valueEnd: number;
	keySource: Uint8Array | null;
	keyStart: number;
	keyEnd: number;
	partition: number;
	offset: number;
	timestamp: number;
};

/** A `FlatSource` to fill in: one per caller, reused for every record (no object per record). */
export const emptyFlatSource = (): FlatSource => ({
	text: '',
	textStart: 0,
	source: Buffer.alloc(0),
	valueStart: 0,
	valueEnd: 0,
	keySource: null,
	keyStart: 0,
	keyEnd: 0,
	partition: 0,
	offset: 0,
	timestamp: 0,
});

const flatSource = emptyFlatSource();

/** `writeFlatJsonLine` of a record given as `FlatSource` (no headers). */
export function writeFlatLine(
	line: FlatSource,
	topicJson: string,
	shapes: ShapeReader,
	target: Buffer,
	start: number,
): number {
	const {source, valueStart, valueEnd, text, textStart} = line;
	const length = valueEnd - valueStart;
	if (length > MAX_FLAT_VALUE) return -1;
	const layout = readFlatLayout(text, textStart, textStart + length, shapes);
	if (layout === undefined) return -1;
	const time = canonicalTime(text, flatSpans[TIME]!, flatSpans[TIME + 1]!);
	if (Number.isNaN(time)) return -1;
	const serviceStart = flatSpans[SERVICE]!;
	const serviceEnd = flatSpans[SERVICE + 1]!;
	if (serviceEnd - serviceStart > MAX_SERVICE_LENGTH) return -1;
	const messageStart = flatSpans[MESSAGE]!;
	// A message that may be JSON text is the generic row's envelope (shapes/read-shape.ts).
	const first = layout.emptyMessage ? 0 : text.charCodeAt(messageStart);
	if (first === 0x7b || first === 0x20) return -1;
	const {partition, offset} = line;
	if (lineStartFor.topicJson !== topicJson || lineStartFor.partition !== partition) {
		if (!isCount(partition)) return -1;
		const bytes = asciiBytes(`{"topic":${topicJson},"partition":${partition},"offset":`);
		lineStartFor = {topicJson, partition, bytes};
	}
	const kafkaTime = kafkaTimeBlock(line.timestamp);
	if (kafkaTime === undefined || !isCount(offset)) return -1;
	// The spans are positions in `text`; in `source` they are `shift` further.
	const shift = valueStart - textStart;
	// Few writes: the text between the copied strings is written as one constant each.
	let at = put(target, start, lineStartFor.bytes);
	at = putInteger(target, at, offset);
	at = put(target, at, TIME_TEXT);
	at = copy(target, at, source, shift + flatSpans[TIME]!, shift + flatSpans[TIME + 1]!);
	at = put(target, at, kafkaTime);
	at = copy(target, at, source, shift + serviceStart, shift + serviceEnd);
	at = put(target, at, levelText(text, flatSpans[LEVEL]!, flatSpans[LEVEL + 1]!));
	if (!layout.emptyMessage)
		at = copy(target, at, source, shift + messageStart, shift + flatSpans[MESSAGE + 1]!);
	const {keySource} = line;
	if (keySource === null) at = put(target, at, NO_KEY_TEXT);
	else {
		at = putKey(target, put(target, at, KEY_TEXT), keySource, line.keyStart, line.keyEnd);
		if (at < 0) return -1;
		at = put(target, at, HEADERS_TEXT);
	}
	at = putInteger(target, at, length);
	at = put(target, at, VALUE_TEXT);
	// From the value's text (its bytes, read as Latin-1): a view of the value, for `set`, would be
	// an object per record, and a loop costs more than the native copy. Of a text of many
	// records, a slice of it (V8 makes a view, not a copy).
	const value = text.length === length ? text : text.substring(textStart, textStart + length);
	(target as LatinWriting).latin1Write(value, at, length);
	target[at + length] = 0x7d;
	lineTime = time;
	return at + length + 1;
}
