import {decodeText} from './decode-text.js';
import {readFlatRecord} from './flat-json.js';
import {readJsonPath} from './json-path.js';
import {guessLevelFromText, normalizeLevel} from './level.js';
import type {Level, LogRecord, RawRecord} from './log-record.js';
import {MAX_VALUE_LENGTH} from './log-record.js';
import {looksLikeLogfmt, parseLogfmt} from './logfmt.js';
import {decodeOtlpLogsProto} from './otlp/decode-otlp-proto.js';
import {type OtlpLogRows, otlpLogRows} from './otlp/otlp-log-rows.js';
import {MAX_OTLP_ROWS, otlpRecords} from './otlp/otlp-records.js';
import {parseBodyTime} from './parse-time.js';
import {
	decodeField,
	decodeHeaders,
	EMPTY_HEADERS,
	headerService,
	MAX_HEADER_NAME_LENGTH,
} from './record-headers.js';
import {
	EMPTY_MESSAGE,
	keptValue,
	MAX_SERVICE_LENGTH,
	messageOf,
	serviceOf,
	TOMBSTONE_MESSAGE,
	UNKNOWN_SERVICE,
} from './record-text.js';
import {cutAt, safeLine, withoutColours} from './safe-text.js';
import {
	framesJson,
	SCHEMA_REGISTRY_HEADER,
	schemaRegistryId,
	schemaRegistryMessage,
} from './schema-registry.js';
import {looksLikeServiceName} from './service-name.js';
import {
	createShapeReader,
	emptyReading,
	type ShapeFieldSettings,
	type ShapeReader,
} from './shapes/read-shape.js';
import {GENERIC_SHAPE} from './shapes/record-shapes.js';
import {createZoneReader, leadingTextTime, type TimeContext} from './time-formats.js';

export {MAX_OTLP_ROWS} from './otlp/otlp-records.js';
export {MAX_HEADER_NAME_LENGTH, MAX_HEADER_VALUE_LENGTH, MAX_HEADERS} from './record-headers.js';
export {
	EMPTY_MESSAGE,
	MAX_SERVICE_LENGTH,
	TOMBSTONE_MESSAGE,
	UNKNOWN_SERVICE,
} from './record-text.js';

/**
 * One Kafka record → one `LogRecord`.
 *
 * JSON objects are read by the record-shape table (`shapes/record-shapes.ts`): the row whose
 * fields the record has says where its service, level, time and message are, and a log
 * shipper's envelope is unwrapped to the application's record inside it. The service is the
 * body's; else the record key when it reads like a service name (`service-name.ts`); else a
 * header `service`, `service.name` or `app`; else the host that wrote it; else `unknown`. The
 * level, when no field names one, is guessed from the message where obvious; the time, when no
 * field holds a plausible one, is Kafka's. Values that do not start with `{` are text: logfmt
 * (`level=warn msg="…"`) when they start with `key=`, else plain text with a guessed level and
 * the time it starts with. SGR colour codes are dropped from messages (`safe-text.ts`). A value
 * in the Schema Registry wire format is unwrapped (`schema-registry.ts`).
 *
 * Bounded work and memory for hostile input: only values up to {@link MAX_PARSE_BYTES} are
 * parsed as JSON (of larger ones, service, level and time are read from the first
 * {@link PREFIX_BYTES}), the value kept is at most `MAX_VALUE_LENGTH` bytes, the message about
 * `MAX_MESSAGE_LENGTH` characters, and every string but `value` is sanitised.
 */

/** Values larger than this are not parsed whole; the worker parses up to this much. */
export const MAX_PARSE_BYTES = 4 * 1024 * 1024;
/** Of a value larger than `MAX_PARSE_BYTES`, how much is read for its service, level and time. */
export const PREFIX_BYTES = 65_536;
/** Bytes of a record key kept. */
export const MAX_KEY_BYTES = 1024;

/** What the parser is told besides the record: the config file's field names and time zone. */
export type ParseSettings = {
	/** Field names tried before the record-shape table's (`"fields": {"service": ["app"]}`). */
	fields?: ShapeFieldSettings;
	/** IANA zone of times written without one (default UTC). */
	timeZone?: string;
};

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
	/** The log records of an OTLP logs request, when the value is one (a row each). */
	otlp: undefined as OtlpLogRows | undefined,
};

/** The settings of the parse under way (set by each parser before it reads a record). */
let shapes: ShapeReader = createShapeReader();
const timeContext: TimeContext = {kafkaTime: 0, zone: undefined};
const reading = emptyReading();

/** Fill `body` from what the shape reader found in a JSON object (or logfmt's pairs). */
function readFields(object: JsonObject, wholeText: string | undefined): void {
	shapes.read(object, reading, false);
	fillBody(wholeText);
}

/** Fill `body` from `reading`. */
function fillBody(wholeText: string | undefined): void {
	const rawMessage = reading.message;
	body.message =
		rawMessage !== undefined
			? messageOf(rawMessage)
			: wholeText !== undefined
				? messageOf(wholeText)
				: messageOf(reading.whole);
	body.level =
		reading.level !== undefined
			? normalizeLevel(reading.level)
			: guessLevelFromText(typeof rawMessage === 'string' ? withoutColours(rawMessage) : (wholeText ?? ''));
	body.service = serviceOf(reading.service);
	body.hostname = body.service === undefined ? serviceOf(reading.host) : undefined;
	body.time = parseBodyTime(reading.time, timeContext);
	// A text line in a shipper's envelope (or logfmt's msg) may start with its own time.
	if (body.time === undefined && typeof rawMessage === 'string')
		body.time = leadingTextTime(rawMessage, timeContext);
}

function readLogfmt(text: string): void {
	readFields(parseLogfmt(text), text);
}

function readPlainText(text: string): void {
	const clean = withoutColours(text);
	body.message = messageOf(clean);
	body.level = guessLevelFromText(clean);
	body.time = leadingTextTime(clean, timeContext);
}

/**
 * Service, level, time and message of a JSON value too large to parse, from its first bytes:
 * the generic row's fields, each as far as the text holds it whole.
 */
function readPrefix(prefix: string): void {
	const find = (paths: readonly (string | readonly string[])[] | undefined): string | undefined => {
		for (const path of paths ?? []) {
			const found = readJsonPath(prefix, typeof path === 'string' ? path.split('.') : path);
			if (found !== undefined && found !== '') return found;
		}

		return undefined;
	};
	const message = find(GENERIC_SHAPE.message);
	body.message = messageOf(message ?? prefix);
	const level = find(GENERIC_SHAPE.level);
	body.level = level === undefined ? guessLevelFromText(message ?? prefix) : normalizeLevel(level);
	body.service = serviceOf(find(GENERIC_SHAPE.service));
	body.hostname = body.service === undefined ? serviceOf(find(GENERIC_SHAPE.host)) : undefined;
	body.time = parseBodyTime(find(GENERIC_SHAPE.time), timeContext);
}

function resetBody(): void {
	body.message = '';
	body.level = 'unknown';
	body.service = undefined;
	body.hostname = undefined;
	body.time = undefined;
	body.json = false;
	body.otlp = undefined;
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
	if (parseable && start === 0 && readFlatRecord(text, shapes, reading)) {
		body.json = true;
		fillBody(undefined);
		return;
	}
	if (parseable && text.charCodeAt(start) === 0x7b) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(start === 0 ? text : text.slice(start));
		} catch {
			parsed = undefined;
		}

		if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
			// otlp_json: an OTLP logs request, a row per log record.
			if ((parsed as JsonObject).resourceLogs !== undefined) {
				body.otlp = otlpLogRows(parsed as JsonObject, MAX_OTLP_ROWS);
				if (body.otlp !== undefined) return;
			}

			body.json = true;
			readFields(parsed as JsonObject, undefined);
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

/** The value's text and what it says, from its bytes (which may be Schema Registry framed). */
function readValue(bytes: Buffer): string {
	let payload = bytes;
	const schemaId = schemaRegistryId(bytes);
	if (schemaId !== undefined) {
		if (!framesJson(bytes)) {
			body.message = schemaRegistryMessage(schemaId, bytes.length - SCHEMA_REGISTRY_HEADER);
			return keptValue(bytes);
		}

		payload = bytes.subarray(SCHEMA_REGISTRY_HEADER);
	}

	const size = payload.length;
	// otlp_proto: an ExportLogsServiceRequest starts with field 1 (resource_logs), tag 0x0a.
	if (payload[0] === 0x0a && size <= MAX_PARSE_BYTES && schemaId === undefined) {
		const request = decodeOtlpLogsProto(payload);
		body.otlp = request === undefined ? undefined : otlpLogRows(request, MAX_OTLP_ROWS);
		if (body.otlp !== undefined) return '';
	}

	if (size <= MAX_VALUE_LENGTH) {
		const value = decodeText(payload);
		readText(value, true);
		return value;
	}

	if (size <= MAX_PARSE_BYTES) {
		readText(decodeText(payload), true);
		return keptValue(payload);
	}

	const prefix = decodeText(payload, PREFIX_BYTES);
	if (prefix.charCodeAt(firstContentIndex(prefix)) === 0x7b) readPrefix(prefix);
	else readText(prefix, false);
	return keptValue(payload);
}

/** The service of a record whose value names none: its key when it reads like one, else a header's. */
function serviceAround(key: string | null, fromHeader: string | undefined): string | undefined {
	if (key !== null && looksLikeServiceName(key)) return key;
	if (fromHeader === undefined) return undefined;
	return fromHeader.length > MAX_SERVICE_LENGTH ? `${cutAt(fromHeader, MAX_SERVICE_LENGTH)}…` : fromHeader;
}

function parseWith(raw: RawRecord, seq: number, out: LogRecord[] | undefined): LogRecord {
	const bytes = raw.value;
	const size = bytes === null ? 0 : bytes.length;
	const key = raw.key === null ? null : decodeField(raw.key, MAX_KEY_BYTES);
	const headers =
		raw.headers === undefined || raw.headers === null ? EMPTY_HEADERS : decodeHeaders(raw.headers);
	const fromHeader = headers === EMPTY_HEADERS ? undefined : headerService;

	resetBody();
	timeContext.kafkaTime = raw.timestamp;
	let value: string | null;
	if (bytes === null) {
		value = null;
		body.message = TOMBSTONE_MESSAGE;
	} else if (size === 0) {
		value = '';
		body.message = EMPTY_MESSAGE;
	} else {
		value = readValue(bytes);
	}

	const record: LogRecord = {
		seq,
		topic: safeTopic(raw.topic),
		partition: raw.partition,
		offset: raw.offset,
		time: body.time ?? raw.timestamp,
		kafkaTime: raw.timestamp,
		service: body.service ?? serviceAround(key, fromHeader) ?? body.hostname ?? UNKNOWN_SERVICE,
		level: body.level,
		message: body.message,
		key,
		headers,
		value,
		json: body.json,
		size,
	};
	if (body.otlp !== undefined) return otlpRecords(record, body.otlp, out);
	out?.push(record);
	return record;
}

const DEFAULT_SHAPES = shapes;

/**
 * Parse one Kafka record into a terminal-safe `LogRecord` (see the module comment for what is
 * understood), without configuration. Never throws on any value, key or headers.
 *
 * @param seq - position in this run's stream, assigned by the caller (the store).
 */
export function parseRecord(raw: RawRecord, seq: number): LogRecord {
	shapes = DEFAULT_SHAPES;
	timeContext.zone = undefined;
	return parseWith(raw, seq, undefined);
}

/** A parser that appends a Kafka record's rows to `out`: one, or one per log record of an OTLP request. */
export type RowParser = (raw: RawRecord, out: LogRecord[]) => void;

/**
 * `parseRecord` for every row of a record: an OTLP logs request (`otlp_proto` or `otlp_json`) is
 * one row per log record, each with its `logIndex`; any other value one row. `parseRecord` gives
 * the first row only. Seqs are 0: the store assigns them.
 */
export const parseRecordRows: RowParser = (raw, out) => {
	shapes = DEFAULT_SHAPES;
	timeContext.zone = undefined;
	parseWith(raw, 0, out);
};

/** The config file's field names and time zone, compiled; undefined when there are none. */
function compiledSettings(
	settings: ParseSettings,
): {reader: ShapeReader; zone: TimeContext['zone']} | undefined {
	const fields = settings.fields ?? {};
	if (Object.keys(fields).length === 0 && settings.timeZone === undefined) return undefined;
	return {
		reader: createShapeReader(fields),
		zone: settings.timeZone === undefined ? undefined : createZoneReader(settings.timeZone),
	};
}

/** A `parseRecord` that uses the config file's field names and time zone (throws RangeError for an unknown zone). */
export function createRecordParser(settings: ParseSettings = {}): (raw: RawRecord, seq: number) => LogRecord {
	const compiled = compiledSettings(settings);
	if (compiled === undefined) return parseRecord;
	return (raw, seq) => {
		shapes = compiled.reader;
		timeContext.zone = compiled.zone;
		return parseWith(raw, seq, undefined);
	};
}

/** `createRecordParser` as a `RowParser` (the stream worker's: every row of every record). */
export function createRowParser(settings: ParseSettings = {}): RowParser {
	const compiled = compiledSettings(settings);
	if (compiled === undefined) return parseRecordRows;
	return (raw, out) => {
		shapes = compiled.reader;
		timeContext.zone = compiled.zone;
		parseWith(raw, 0, out);
	};
}
