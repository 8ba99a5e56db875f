import {flatSpans, LEVEL, MESSAGE, readFlatLayout, SERVICE, TIME} from '../record/flat-layout.js';
import {normalizeLevel} from '../record/level.js';
import type {RawRecord} from '../record/log-record.js';
import {MAX_KEY_BYTES} from '../record/parse-record.js';
import {MAX_SERVICE_LENGTH} from '../record/record-text.js';
import type {ShapeReader} from '../record/shapes/read-shape.js';
import {
	asciiBytes,
	HEADERS,
	KAFKA_TIME,
	KEY,
	LEVEL as LEVEL_NAME,
	MESSAGE as MESSAGE_NAME,
	NULL,
	SERVICE as SERVICE_NAME,
	SIZE,
	startWriting,
	TIME as TIME_NAME,
	VALUE,
	writeByte,
	writeConstant,
	writeInteger,
	writeIsoTime,
	writeLineStart,
	writeSlice,
	writtenTo,
} from '../terminal-text/json-line-bytes.js';

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

/** Longest value written here: the longest `formatJsonLine` splices as it is (format-json-line.ts). */
const MAX_FLAT_VALUE = 4096;

/** Bytes `writeFlatJsonLine` may need for a record, at most. */
export function flatJsonLineBound(raw: RawRecord): number {
	return 320 + 2 * raw.topic.length + 3 * (raw.value?.length ?? 0) + 2 * (raw.key?.length ?? 0);
}

/** The UTC day of the last time read: its `YYYY-MM-DD` and its start in ms. */
let dayText = '';
let dayStart = 0;

function digitAt(text: string, index: number): number {
	const value = text.charCodeAt(index) - 0x30;
	return value >= 0 && value <= 9 ? value : Number.NaN;
}

const twoDigits = (text: string, at: number) => digitAt(text, at) * 10 + digitAt(text, at + 1);

/** Learns the day `text` starts with at `at`; false for a date JavaScript prints otherwise. */
function learnDay(text: string, at: number): boolean {
	const year = twoDigits(text, at) * 100 + twoDigits(text, at + 2);
	const date = text.slice(at, at + 10);
	const start = Date.UTC(year, twoDigits(text, at + 5) - 1, twoDigits(text, at + 8));
	// Years below 100 (Date.UTC reads them as 19xx), 31 February and the like print otherwise.
	if (!Number.isFinite(start) || new Date(start).toISOString().slice(0, 10) !== date) return false;
	dayText = date;
	dayStart = start;
	return true;
}

/**
 * The ms of a canonical time at `at` (24 characters, checked), NaN for any other text. What
 * `parseRfc3339` reads it as; its `toISOString` is the text itself (a real day, no leap second).
 */
function canonicalTime(text: string, at: number, end: number): number {
	if (
		end - at !== 24 ||
		text.charCodeAt(at + 10) !== 0x54 ||
		text.charCodeAt(at + 13) !== 0x3a ||
		text.charCodeAt(at + 16) !== 0x3a ||
		text.charCodeAt(at + 19) !== 0x2e ||
		text.charCodeAt(at + 23) !== 0x5a
	)
		return Number.NaN;
	if (!text.startsWith(dayText, at) || dayText.length !== 10) {
		if (text.charCodeAt(at + 4) !== 0x2d || text.charCodeAt(at + 7) !== 0x2d || !learnDay(text, at))
			return Number.NaN;
	}
	const hours = twoDigits(text, at + 11);
	const minutes = twoDigits(text, at + 14);
	const seconds = twoDigits(text, at + 17);
	const millis = digitAt(text, at + 20) * 100 + twoDigits(text, at + 21);
	if (!(hours <= 23 && minutes <= 59 && seconds <= 59 && millis >= 0)) return Number.NaN;
	return dayStart + ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
}

/** Level texts seen and the bytes of what the parser makes of each (`"info"`). */
const MAX_LEVEL_TEXTS = 64;
const levelTexts: string[] = [];
const levelLines: Uint8Array[] = [];

/** `"<level>"` for the level text at `start`. */
function levelLine(text: string, start: number, end: number): Uint8Array {
	const length = end - start;
	for (let index = 0; index < levelTexts.length; index++) {
		const known = levelTexts[index]!;
		if (known.length === length && text.startsWith(known, start)) return levelLines[index]!;
	}
	const level = text.slice(start, end);
	const line = asciiBytes(`"${normalizeLevel(level)}"`);
	if (levelTexts.length < MAX_LEVEL_TEXTS) {
		levelTexts.push(level);
		levelLines.push(line);
	}
	return line;
}

/** The record's `time` of the last line written (`writeFlatJsonLine`). */
let lineTime = 0;
export const flatLineTime = () => lineTime;

/** A string copied from the value: `"` and the bytes (no `"` or `\` in them: flat-layout's grammar). */
function writeQuoted(value: Uint8Array, start: number, end: number): void {
	writeByte(0x22);
	writeSlice(value, start, end);
	writeByte(0x22);
}

/** A key `decodeField` keeps as it is (printable ASCII, not cut), as JSON; false for any other. */
function writeKey(key: Uint8Array): boolean {
	if (key.length > MAX_KEY_BYTES) return false;
	writeByte(0x22);
	for (let index = 0; index < key.length; index++) {
		const byte = key[index]!;
		if (byte < 0x20 || byte > 0x7e) return false;
		if (byte === 0x22 || byte === 0x5c) writeByte(0x5c);
		writeByte(byte);
	}
	writeByte(0x22);
	return true;
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
	target: Uint8Array,
	start: number,
): number {
	const {value, key, headers} = raw;
	if (value === null || value.length > MAX_FLAT_VALUE || value[0] !== 0x7b) return -1;
	if (headers !== undefined && headers !== null) for (const _name in headers) return -1;
	// Latin-1 is the UTF-8 text of ASCII, and any other byte fails the layout's printable check.
	const text = value.toString('latin1');
	const layout = readFlatLayout(text, shapes);
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
	startWriting(target, start);
	if (!writeLineStart(topicJson, raw.partition) || !writeInteger(raw.offset)) return -1;
	writeConstant(TIME_NAME);
	writeQuoted(value, flatSpans[TIME]!, flatSpans[TIME + 1]!);
	writeConstant(KAFKA_TIME);
	if (!writeIsoTime(raw.timestamp, 1)) return -1;
	writeConstant(SERVICE_NAME);
	writeQuoted(value, serviceStart, serviceEnd);
	writeConstant(LEVEL_NAME);
	writeConstant(levelLine(text, flatSpans[LEVEL]!, flatSpans[LEVEL + 1]!));
	writeConstant(MESSAGE_NAME);
	if (layout.emptyMessage) writeQuoted(value, 0, 0);
	else writeQuoted(value, messageStart, flatSpans[MESSAGE + 1]!);
	writeConstant(KEY);
	if (key === null) writeConstant(NULL);
	else if (!writeKey(key)) return -1;
	writeConstant(HEADERS);
	writeByte(0x7b);
	writeByte(0x7d);
	writeConstant(SIZE);
	writeInteger(value.length);
	writeConstant(VALUE);
	const at = writtenTo();
	target.set(value, at);
	target[at + value.length] = 0x7d;
	lineTime = time;
	return at + value.length + 1;
}
