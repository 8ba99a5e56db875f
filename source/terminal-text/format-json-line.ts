import type {LogRecord} from '../record/log-record.js';
import {MAX_VALUE_LENGTH} from '../record/log-record.js';

/**
 * One record → one line of JSON (`--output json`), for jq. The hot path of
 * `--plain --output json`, so it is built by hand rather than by an object and
 * `JSON.stringify`: a JSON value that is whole and clean is spliced in as the text
 * it arrived as (not parsed again), and times come from a per-day cache.
 */

/**
 * Characters that JSON may carry raw but a terminal must not get: DEL, C1
 * controls, invisible format characters (bidi overrides, zero-width, tags),
 * line/paragraph separators and unpaired surrogates. `JSON.stringify` escapes
 * C0 controls and (since ES2019) unpaired surrogates, but not these.
 */
const TERMINAL_UNSAFE_IN_JSON = /[\u007f-\u009f\p{Cf}\u2028\u2029]/gu;
/** Printable ASCII only: nothing to escape and nothing to look at further (no Unicode tables). */
const BEYOND_PRINTABLE_ASCII = /[^\x20-\x7e]/;
/**
 * What a raw JSON value must not hold to be spliced into the line as it is: C0 controls
 * (line breaks and tabs between tokens, which would break the one-line rule), the
 * terminal-unsafe characters above and unpaired surrogates.
 */
const NOT_SPLICEABLE = /[\u0000-\u001f\u007f-\u009f\p{Cf}\p{Cs}\u2028\u2029]/u;
/**
 * Longest JSON value spliced as it is. Longer ones take the parse-and-stringify path,
 * which also turns a value too deeply nested for `JSON.stringify` into text: a value this
 * short cannot nest deep enough for that.
 */
const MAX_SPLICED_LENGTH = 4096;

function unicodeEscape(match: string): string {
	let escaped = '';
	for (let index = 0; index < match.length; index++) {
		escaped += `\\u${match.charCodeAt(index).toString(16).padStart(4, '0')}`;
	}

	return escaped;
}

/** `JSON.stringify` output made safe for a terminal: the characters above as `\uXXXX`. */
function terminalSafeJson(json: string): string {
	if (!BEYOND_PRINTABLE_ASCII.test(json)) return json;
	TERMINAL_UNSAFE_IN_JSON.lastIndex = 0;
	return TERMINAL_UNSAFE_IN_JSON.test(json) ? json.replace(TERMINAL_UNSAFE_IN_JSON, unicodeEscape) : json;
}

const DAY_MS = 86_400_000;
const TWO_DIGITS: readonly string[] = Array.from({length: 60}, (_, n) => String(n).padStart(2, '0'));
const THREE_DIGITS: readonly string[] = Array.from({length: 1000}, (_, n) => String(n).padStart(3, '0'));
/** The UTC day start (ms) and `YYYY-MM-DDT` of one cached day. */
type CachedDay = {start: number; prefix: string};
/**
 * Two days, because a record carries two times that are often days apart (the log's own
 * time and Kafka's): one slot each, so they do not evict each other on every record.
 */
const cachedDays: [CachedDay, CachedDay] = [
	{start: Number.NaN, prefix: ''},
	{start: Number.NaN, prefix: ''},
];
let nextSlot = 0;

/**
 * `new Date(ms).toISOString()`, or null outside the dates JavaScript can hold. Two per
 * record were a tenth of the plain JSON output's CPU: times of a recent UTC day (nearly
 * all of them) reuse the date part and compute the clock part.
 */
export function isoTime(ms: number): string | null {
	if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return null;
	if (Number.isInteger(ms)) {
		for (const day of cachedDays) {
			const inDay = ms - day.start;
			if (inDay >= 0 && inDay < DAY_MS) {
				const hours = Math.floor(inDay / 3_600_000);
				const minutes = Math.floor(inDay / 60_000) % 60;
				const seconds = Math.floor(inDay / 1000) % 60;
				return `${day.prefix}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[inDay % 1000]}Z`;
			}
		}
	}

	const iso = new Date(ms).toISOString();
	// Only plain four-digit years (`2024-05-01T12:00:01.250Z`); `+010000-…` is left uncached.
	if (Number.isInteger(ms) && iso.length === 24) {
		const day = cachedDays[nextSlot]!;
		nextSlot = 1 - nextSlot;
		day.start = ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
		day.prefix = iso.slice(0, 11);
	}

	return iso;
}

function isoJson(ms: number): string {
	const iso = isoTime(ms);
	return iso === null ? 'null' : `"${iso}"`;
}

function numberJson(value: number): string {
	return Number.isFinite(value) ? String(value) : 'null';
}

/** `"logIndex":N,` for a row of an OTLP request (its log record's place in it), else nothing. */
function logIndexJson(record: LogRecord): string {
	return record.logIndex === undefined ? '' : `"logIndex":${record.logIndex},`;
}

function headersJson(headers: Record<string, string>): string {
	for (const _name in headers) return JSON.stringify(headers);
	return '{}';
}

/** The value for the parse-and-stringify path: the parsed object when the record is JSON (and whole), else the text. */
function parsedValue(record: LogRecord): unknown {
	if (!record.json || record.value === null) {
		return record.value;
	}

	try {
		return JSON.parse(record.value);
	} catch {
		// Shortened (a huge record): the text with its `…(+N bytes)` note.
		return record.value;
	}
}

/** True when a JSON value is whole (not cut with a `…(+N bytes)` note) and short enough to splice as it is. */
export function splicedValueFits(record: LogRecord): boolean {
	return record.size <= MAX_VALUE_LENGTH && (record.value?.length ?? 0) <= MAX_SPLICED_LENGTH;
}

/** The JSON text of the value when it can be used as it is; undefined when it must be parsed again. */
function directValue(record: LogRecord): string | undefined {
	const {value} = record;
	if (value === null) return 'null';
	// Text: JSON.stringify escapes C0 controls but not DEL, C1 or format characters.
	if (!record.json) return terminalSafeJson(JSON.stringify(value));
	// Whole (not cut with a `…(+N bytes)` note), short, one line and terminal-safe: the text
	// parsed as a JSON object when the record was read, so it is valid JSON as it is.
	if (!splicedValueFits(record)) return undefined;
	if (BEYOND_PRINTABLE_ASCII.test(value) && NOT_SPLICEABLE.test(value)) return undefined;
	return value;
}

/** The slow path: every field through `JSON.stringify`, the value parsed again. */
function stringifiedLine(record: LogRecord): string {
	const fields = {
		topic: record.topic,
		partition: record.partition,
		offset: record.offset,
		...(record.logIndex === undefined ? {} : {logIndex: record.logIndex}),
		time: isoTime(record.time),
		kafkaTime: isoTime(record.kafkaTime),
		service: record.service,
		level: record.level,
		message: record.message,
		key: record.key,
		headers: record.headers,
		size: record.size,
		value: parsedValue(record),
	};
	try {
		return JSON.stringify(fields);
	} catch {
		// A value too deeply nested for JSON.stringify's recursion: keep it as text.
		return JSON.stringify({...fields, value: record.value});
	}
}

/**
 * One line of JSON with every field, for jq: topic, partition, offset, logIndex (only for
 * the rows of an OTLP logs request: which of its log records), time
 * and kafkaTime (ISO 8601), service, level, message, key, headers, size and
 * value (the JSON object for JSON records, else the text; null for a
 * tombstone). Safe to print to a terminal: no raw control, C1 or bidi character.
 */
export function formatJsonLine(record: LogRecord): string {
	const value = directValue(record);
	if (value === undefined) return terminalSafeJson(stringifiedLine(record));
	const line = splicedLine(record, value);
	// The spliced value was checked, and the other strings are sanitised: the only characters
	// left to escape are ZWJ/ZWNJ, which sanitising keeps. Printable ASCII fields cannot hold
	// them, so the line needs no second look (a scan of the whole line per record).
	return hasOnlyAsciiFields(record) ? line : terminalSafeJson(line);
}

function isPrintableAscii(text: string): boolean {
	return !BEYOND_PRINTABLE_ASCII.test(text);
}

function hasOnlyAsciiFields(record: LogRecord): boolean {
	if (!isPrintableAscii(record.message) || !isPrintableAscii(record.service)) return false;
	if (record.key !== null && !isPrintableAscii(record.key)) return false;
	for (const name in record.headers) {
		if (!isPrintableAscii(name) || !isPrintableAscii(record.headers[name]!)) return false;
	}
	return isPrintableAscii(record.topic);
}

/** The line with every field written by hand and `value` (already JSON) spliced in. */
function splicedLine(record: LogRecord, value: string): string {
	return (
		`{"topic":${JSON.stringify(record.topic)},"partition":${numberJson(record.partition)},` +
		`"offset":${numberJson(record.offset)},${logIndexJson(record)}"time":${isoJson(record.time)},"kafkaTime":${isoJson(record.kafkaTime)},` +
		`"service":${JSON.stringify(record.service)},"level":${JSON.stringify(record.level)},` +
		`"message":${JSON.stringify(record.message)},"key":${record.key === null ? 'null' : JSON.stringify(record.key)},` +
		`"headers":${headersJson(record.headers)},"size":${numberJson(record.size)},"value":${value}}`
	);
}
