import {compactJson} from './compact-json.js';
import {decodedByteLength, decodeText} from './decode-text.js';
import {guessLevelFromText, normalizeLevel} from './level.js';
import type {Level, LogRecord, RawRecord} from './log-record.js';
import {MAX_MESSAGE_LENGTH, MAX_VALUE_LENGTH} from './log-record.js';
import {looksLikeLogfmt, parseLogfmt} from './logfmt.js';
import {parseBodyTime} from './parse-time.js';
import {sanitizeForTerminal} from './sanitize.js';

/**
 * One Kafka record → one `LogRecord`, without configuration.
 *
 * Understood shapes (the first field present wins):
 * - message: `message`, `msg`, `log` (Docker/fluentd), `event` (structlog), when a
 *   string; numbers and booleans as text; objects and arrays as compact JSON; a
 *   record with none of these shows as compact JSON of the whole record.
 * - level: `level`, `log.level` (ECS, dotted or nested `log: {level}`), `severity`
 *   (GCP, syslog), `lvl`, `levelname`, `loglevel`; names and numbers as
 *   `normalizeLevel` reads them. With no level field, the level is guessed from
 *   the message where obvious.
 * - service: body `service` (or `service.name`, nested `service: {name}`),
 *   `serviceName`, `service_name`, `app`, `application`, `name` (pino, bunyan),
 *   winston's `defaultMeta.service`; then the record key; then a header
 *   `service`, `service.name` or `app`; then the body's `hostname` (pino and
 *   bunyan always write one, so it comes after key and headers); else `unknown`.
 * - time: `timestamp`, `@timestamp`, `time`, `ts` (ISO strings, epoch s/ms/µs/ns,
 *   numeric strings); else Kafka's timestamp.
 * Values that do not start with `{` are text: logfmt (`level=warn msg="…"`) when
 * they start with `key=`, else plain text with a guessed level.
 *
 * Bounded work and memory for hostile input: only values up to
 * {@link MAX_PARSE_BYTES} are parsed as JSON (larger ones are shown as text), the
 * value kept is at most `MAX_VALUE_LENGTH` bytes, the message about
 * `MAX_MESSAGE_LENGTH` characters, and every string but `value` is sanitised.
 */

/** Values larger than this are not parsed as JSON (or logfmt) but shown as text. */
export const MAX_PARSE_BYTES = 262_144;
/** Longest service name kept, in characters. */
export const MAX_SERVICE_LENGTH = 64;
/** Bytes of a record key kept. */
export const MAX_KEY_BYTES = 1024;
/** Bytes (or characters) of a header value kept. */
export const MAX_HEADER_VALUE_LENGTH = 1024;
/** Longest header name kept, in characters. */
export const MAX_HEADER_NAME_LENGTH = 256;
/** Headers kept per record; the rest are counted in a `…` header. */
export const MAX_HEADERS = 64;

/** Service of records that name none. */
export const UNKNOWN_SERVICE = 'unknown';
/** Message of a record whose value is null (a tombstone, deleting its key on a compacted topic). */
export const TOMBSTONE_MESSAGE = '(tombstone)';
/** Message of a record whose value is empty. */
export const EMPTY_MESSAGE = '(empty)';

const SINGLE_LINE = {singleLine: true} as const;
const EMPTY_HEADERS: Readonly<Record<string, string>> = Object.freeze(Object.create(null));

type JsonObject = Record<string, unknown>;

/**
 * What the body says, filled by the readers below. One scratch object reused for
 * every record (parsing is synchronous), so the hot path allocates only the record.
 */
const body = {
	message: '',
	level: 'unknown' as Level,
	/** Sanitised service name, or undefined when the body names none. */
	service: undefined as string | undefined,
	/** Sanitised host name (the last fallback for the service). */
	hostname: undefined as string | undefined,
	time: undefined as number | undefined,
	json: false,
};

/** A copy of `text` that shares no memory with a larger string it was cut from. */
function detached(text: string): string {
	return Buffer.from(text, 'utf16le').toString('utf16le');
}

/** Cut `text` to at most `length` code units, never between the halves of a surrogate pair. */
function cutAt(text: string, length: number): string {
	const code = text.charCodeAt(length - 1);
	const end = code >= 0xd800 && code <= 0xdbff ? length - 1 : length;
	return detached(text.slice(0, end));
}

/** Sanitise to one line, capped at about `maxLength` characters with a visible note of what was cut. */
function safeLine(text: string, maxLength: number): string {
	if (text.length <= maxLength) {
		const safe = sanitizeForTerminal(text, SINGLE_LINE);
		return safe.length <= maxLength ? safe : `${cutAt(safe, maxLength)}…`;
	}

	const omitted = text.length - maxLength;
	let safe = sanitizeForTerminal(cutAt(text, maxLength), SINGLE_LINE);
	if (safe.length > maxLength) {
		safe = cutAt(safe, maxLength);
	}

	return `${safe}…(+${omitted} chars)`;
}

/** Drop the line break loggers end their lines with (Docker's `log`, plain text). */
function withoutTrailingLineBreak(text: string): string {
	let end = text.length;
	while (end > 0) {
		const code = text.charCodeAt(end - 1);
		if (code !== 0x0a && code !== 0x0d) {
			break;
		}

		end--;
	}

	return end === text.length ? text : text.slice(0, end);
}

/** A message: the string itself, numbers as text, objects as compact JSON. */
function messageOf(value: unknown): string {
	if (typeof value === 'string') {
		return safeLine(withoutTrailingLineBreak(value), MAX_MESSAGE_LENGTH);
	}

	if (typeof value === 'number' || typeof value === 'boolean') {
		return String(value);
	}

	return safeLine(compactJson(value, MAX_MESSAGE_LENGTH), MAX_MESSAGE_LENGTH);
}

/** A service name from a body field: non-empty string, number, or an object's `name`. */
function serviceOf(value: unknown): string | undefined {
	if (typeof value === 'string') {
		return value.length === 0 ? undefined : safeLine(value, MAX_SERVICE_LENGTH);
	}

	if (typeof value === 'number' || typeof value === 'boolean') {
		return String(value);
	}

	if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
		return serviceOf((value as JsonObject).name);
	}

	return undefined;
}

function nestedField(parent: unknown, name: string): unknown {
	return typeof parent === 'object' && parent !== null ? (parent as JsonObject)[name] : undefined;
}

function readJsonObject(object: JsonObject): void {
	body.json = true;

	const rawMessage = object.message ?? object.msg ?? textField(object.log) ?? textField(object.event);
	body.message = rawMessage === undefined || rawMessage === null ? messageOf(object) : messageOf(rawMessage);

	const rawLevel =
		object.level ??
		object['log.level'] ??
		nestedField(object.log, 'level') ??
		object.severity ??
		object.lvl ??
		object.levelname ??
		object.loglevel;
	body.level =
		rawLevel !== undefined && rawLevel !== null
			? normalizeLevel(rawLevel)
			: typeof rawMessage === 'string'
				? guessLevelFromText(rawMessage)
				: 'unknown';

	body.service =
		serviceOf(object.service) ??
		serviceOf(object['service.name']) ??
		serviceOf(object.serviceName) ??
		serviceOf(object.service_name) ??
		serviceOf(object.app) ??
		serviceOf(object.application) ??
		serviceOf(object.name) ??
		serviceOf(nestedField(object.defaultMeta, 'service'));
	body.hostname = body.service === undefined ? serviceOf(object.hostname) : undefined;

	body.time = parseBodyTime(object.timestamp ?? object['@timestamp'] ?? object.time ?? object.ts);
}

function textField(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

function readLogfmt(text: string): void {
	const pairs = parseLogfmt(text);
	const rawMessage = pairs.msg ?? pairs.message;
	body.message = messageOf(rawMessage ?? text);
	const rawLevel = pairs.level ?? pairs.lvl ?? pairs.severity;
	body.level = rawLevel === undefined ? guessLevelFromText(text) : normalizeLevel(rawLevel);
	body.service =
		serviceOf(pairs.service) ??
		serviceOf(pairs['service.name']) ??
		serviceOf(pairs.app) ??
		serviceOf(pairs.name);
	body.hostname = body.service === undefined ? serviceOf(pairs.hostname ?? pairs.host) : undefined;
	body.time = parseBodyTime(pairs.time ?? pairs.ts ?? pairs.timestamp);
}

function readPlainText(text: string): void {
	body.message = messageOf(text);
	body.level = guessLevelFromText(text);
}

function resetBody(): void {
	body.message = '';
	body.level = 'unknown';
	body.service = undefined;
	body.hostname = undefined;
	body.time = undefined;
	body.json = false;
}

/** Index of the first character that is not JSON whitespace (or a BOM). */
function firstContentIndex(text: string): number {
	let index = 0;
	while (index < text.length) {
		const code = text.charCodeAt(index);
		if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09 && code !== 0xfeff) {
			break;
		}

		index++;
	}

	return index;
}

/** Understand a decoded value: JSON object, logfmt or plain text. Fills `body`. */
function readText(text: string, parseable: boolean): void {
	const start = firstContentIndex(text);
	if (parseable && text.charCodeAt(start) === 0x7b) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(start === 0 ? text : text.slice(start));
		} catch {
			parsed = undefined;
		}

		if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
			readJsonObject(parsed as JsonObject);
			return;
		}
	}

	const content = start === 0 ? text : text.slice(start);
	if (parseable && looksLikeLogfmt(content)) {
		readLogfmt(content);
		return;
	}

	readPlainText(content);
}

/** Decode a key or header value: at most `maxBytes`, sanitised to one line, with a note of what was cut. */
function decodeField(bytes: Buffer, maxBytes: number): string {
	const kept = decodedByteLength(bytes, maxBytes);
	const text = sanitizeForTerminal(decodeText(bytes, maxBytes), SINGLE_LINE);
	return kept === bytes.length ? text : `${text}…(+${bytes.length - kept} bytes)`;
}

function headerText(value: Buffer | string): string {
	return typeof value === 'string'
		? safeLine(value, MAX_HEADER_VALUE_LENGTH)
		: decodeField(Buffer.isBuffer(value) ? value : Buffer.from(value), MAX_HEADER_VALUE_LENGTH);
}

/** Service header names, most specific first. */
const SERVICE_HEADERS = ['service', 'service.name', 'app'] as const;

let headerService: string | undefined;

/** Decode and sanitise headers; sets `headerService` to the service a header names. */
function decodeHeaders(raw: NonNullable<RawRecord['headers']>): Record<string, string> {
	headerService = undefined;
	const names = Object.keys(raw);
	if (names.length === 0) {
		return EMPTY_HEADERS;
	}

	const headers = Object.create(null) as Record<string, string>;
	let servicePriority: number = SERVICE_HEADERS.length;
	let kept = 0;
	for (const rawName of names) {
		const value = raw[rawName];
		if (value === undefined || value === null) {
			continue;
		}

		if (kept === MAX_HEADERS) {
			headers['…'] = `+${names.length - MAX_HEADERS} more headers`;
			break;
		}

		const text = Array.isArray(value) ? value.map(headerText).join(', ') : headerText(value);
		const name = safeLine(rawName, MAX_HEADER_NAME_LENGTH);
		headers[name] = text;
		kept++;

		const priority = SERVICE_HEADERS.indexOf(rawName.toLowerCase() as (typeof SERVICE_HEADERS)[number]);
		if (priority !== -1 && priority < servicePriority && text.length > 0) {
			servicePriority = priority;
			headerService = text.length > MAX_SERVICE_LENGTH ? `${cutAt(text, MAX_SERVICE_LENGTH)}…` : text;
		}
	}

	return headers;
}

let lastTopic = '';
let lastSafeTopic = '';

/** Topic names are restricted by Kafka, but cheap to check once per topic. */
function safeTopic(topic: string): string {
	if (topic !== lastTopic) {
		lastTopic = topic;
		lastSafeTopic = safeLine(topic, MAX_HEADER_NAME_LENGTH);
	}

	return lastSafeTopic;
}

/**
 * Parse one Kafka record into a terminal-safe `LogRecord` (see the module
 * comment for what is understood). Never throws on any value, key or headers.
 *
 * @param seq - position in this run's stream, assigned by the caller (the store).
 */
export function parseRecord(raw: RawRecord, seq: number): LogRecord {
	const bytes = raw.value;
	const size = bytes === null ? 0 : bytes.length;
	const key = raw.key === null ? null : decodeField(raw.key, MAX_KEY_BYTES);
	const headers =
		raw.headers === undefined || raw.headers === null ? EMPTY_HEADERS : decodeHeaders(raw.headers);
	const fromHeader = headers === EMPTY_HEADERS ? undefined : headerService;

	resetBody();
	let value: string | null;
	if (bytes === null) {
		value = null;
		body.message = TOMBSTONE_MESSAGE;
	} else if (size === 0) {
		value = '';
		body.message = EMPTY_MESSAGE;
	} else if (size <= MAX_VALUE_LENGTH) {
		value = decodeText(bytes);
		readText(value, true);
	} else {
		const kept = decodedByteLength(bytes, MAX_VALUE_LENGTH);
		const prefix = decodeText(bytes, MAX_VALUE_LENGTH);
		value = `${prefix}…(+${size - kept} bytes)`;
		if (size <= MAX_PARSE_BYTES) {
			readText(decodeText(bytes), true);
		} else {
			readText(prefix, false);
		}
	}

	const service =
		body.service ??
		(key !== null && key.length > 0
			? key.length > MAX_SERVICE_LENGTH
				? `${cutAt(key, MAX_SERVICE_LENGTH)}…`
				: key
			: undefined) ??
		fromHeader ??
		body.hostname ??
		UNKNOWN_SERVICE;

	return {
		seq,
		topic: safeTopic(raw.topic),
		partition: raw.partition,
		offset: raw.offset,
		time: body.time ?? raw.timestamp,
		kafkaTime: raw.timestamp,
		service,
		level: body.level,
		message: body.message,
		key,
		headers,
		value,
		json: body.json,
		size,
	};
}
