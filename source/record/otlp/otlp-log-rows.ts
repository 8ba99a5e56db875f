import {base64Encode} from '@bufbuild/protobuf/wire';
import {normalizeLevel} from '../level.js';
import {LEVELS, type Level} from '../log-record.js';
import {MAX_DEPTH} from './decode-otlp-proto.js';

/**
 * One OTLP logs request (`ExportLogsServiceRequest`, from `otlp_json` or decoded from
 * `otlp_proto`) → one row per log record, in request order (resource logs, scope logs, log
 * records): its service, level, time and message, and the document the detail view and JSON
 * output show, with the attribute lists flattened to objects (`{"http.method": "GET"}`), ids in
 * hex and times as the OTLP/JSON decimal strings of nanoseconds:
 *
 * `{timeUnixNano, observedTimeUnixNano, severityNumber, severityText?, body?, attributes?,
 *   traceId?, spanId?, flags?, eventName?, droppedAttributesCount?, resource, scope?}`
 *
 * Pure and defensive: a value that is not shaped like a request with at least one log record
 * gives undefined (the caller reads it as it would any other value).
 */

export type OtlpLogRow = {
	/** The resource's `service.name`, raw. */
	service: unknown;
	/** From `severityNumber` (its six ranges), else `severityText`; `unknown` when neither says. */
	level: Level;
	/** `timeUnixNano`, else `observedTimeUnixNano`, in ms; undefined when neither is set. */
	time: number | undefined;
	/** What the row's message shows: the body, else the event name, else the attributes. */
	message: unknown;
	document: Record<string, unknown>;
};

export type OtlpLogRows = {
	rows: OtlpLogRow[];
	/** Log records in the request, `rows` holding at most the `maxRows` first. */
	total: number;
};

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A list field: absent is empty; anything but an array of objects is not OTLP. */
function listOf(value: unknown): JsonObject[] | undefined {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value) || !value.every(isObject)) return undefined;
	return value as JsonObject[];
}

/** An int64 as a number when exact, else as its decimal text. */
function integer(value: unknown): unknown {
	if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
	if (typeof value === 'string' && /^-?\d{1,20}$/.test(value)) {
		const number = Number(value);
		return Number.isSafeInteger(number) ? number : value;
	}

	return typeof value === 'number' ? value : null;
}

function hex(bytes: Uint8Array): string {
	let text = '';
	for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
	return text;
}

/** Trace and span ids: bytes (protobuf) or hex text (OTLP/JSON); empty is none. */
function idOf(value: unknown): string | undefined {
	if (value instanceof Uint8Array) return value.length === 0 ? undefined : hex(value);
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** An `AnyValue` as the plain value it holds (bytes as base64, as OTLP/JSON writes them). */
function plainValue(any: unknown, depth: number): unknown {
	if (!isObject(any) || depth > MAX_DEPTH) return null;
	if (typeof any.stringValue === 'string') return any.stringValue;
	if (typeof any.boolValue === 'boolean') return any.boolValue;
	if (any.intValue !== undefined) return integer(any.intValue);
	if (any.doubleValue !== undefined) {
		const number = Number(any.doubleValue);
		// JSON has no NaN or Infinity: those stay text.
		return Number.isFinite(number) ? number : String(any.doubleValue);
	}

	if (isObject(any.arrayValue)) {
		const values = listOf(any.arrayValue.values) ?? [];
		return values.map((value) => plainValue(value, depth + 1));
	}

	if (isObject(any.kvlistValue)) return attributesOf(any.kvlistValue.values, depth + 1);
	if (any.bytesValue instanceof Uint8Array) return base64Encode(any.bytesValue);
	return typeof any.bytesValue === 'string' ? any.bytesValue : null;
}

/** A `KeyValue` list as an object. */
function attributesOf(list: unknown, depth = 0): JsonObject {
	// A plain object (JSON.stringify is several times faster on it than on a null-prototype
	// one, which V8 keeps as a dictionary), so `__proto__` from a record is defined, not set.
	const object: JsonObject = {};
	for (const pair of listOf(list) ?? []) {
		const key = pair.key;
		if (typeof key !== 'string') continue;
		const value = plainValue(pair.value, depth + 1);
		if (key === '__proto__') Object.defineProperty(object, key, {value, enumerable: true, writable: true});
		else object[key] = value;
	}

	return object;
}

function isEmpty(object: JsonObject): boolean {
	for (const _key in object) return false;
	return true;
}

/** Nanoseconds since the epoch (fixed64: bigint, or OTLP/JSON's decimal text); 0 when unset. */
function nanosOf(value: unknown): bigint {
	if (typeof value === 'bigint') return value;
	if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return BigInt(value);
	if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return BigInt(value);
	return 0n;
}

/** Milliseconds of a time in nanoseconds, when it is a date JavaScript can hold. */
function millisOf(nanos: bigint): number | undefined {
	if (nanos <= 0n) return undefined;
	const ms = Number(nanos / 1_000_000n);
	return ms <= 8.64e15 ? ms : undefined;
}

function levelOf(severityNumber: unknown, severityText: unknown): Level {
	if (typeof severityNumber === 'number' && Number.isInteger(severityNumber)) {
		if (severityNumber >= 1 && severityNumber <= 24) return LEVELS[(severityNumber - 1) >> 2]!;
	}

	return typeof severityText === 'string' && severityText !== '' ? normalizeLevel(severityText) : 'unknown';
}

function scopeDocument(scope: unknown): JsonObject | undefined {
	if (!isObject(scope)) return undefined;
	const document: JsonObject = {};
	if (typeof scope.name === 'string' && scope.name !== '') document.name = scope.name;
	if (typeof scope.version === 'string' && scope.version !== '') document.version = scope.version;
	const attributes = attributesOf(scope.attributes);
	if (!isEmpty(attributes)) document.attributes = attributes;
	return isEmpty(document) ? undefined : document;
}

function rowOf(log: JsonObject, resource: JsonObject, scope: JsonObject | undefined): OtlpLogRow {
	const time = nanosOf(log.timeUnixNano);
	const observed = nanosOf(log.observedTimeUnixNano);
	const severityNumber = typeof log.severityNumber === 'number' ? log.severityNumber : 0;
	const document: JsonObject = {
		timeUnixNano: String(time),
		observedTimeUnixNano: String(observed),
		severityNumber,
	};
	if (typeof log.severityText === 'string' && log.severityText !== '')
		document.severityText = log.severityText;
	const body = log.body === undefined ? undefined : plainValue(log.body, 0);
	if (body !== undefined && body !== null) document.body = body;
	const attributes = attributesOf(log.attributes);
	if (!isEmpty(attributes)) document.attributes = attributes;
	const traceId = idOf(log.traceId);
	if (traceId !== undefined) document.traceId = traceId;
	const spanId = idOf(log.spanId);
	if (spanId !== undefined) document.spanId = spanId;
	if (typeof log.flags === 'number' && log.flags !== 0) document.flags = log.flags;
	if (typeof log.eventName === 'string' && log.eventName !== '') document.eventName = log.eventName;
	if (typeof log.droppedAttributesCount === 'number' && log.droppedAttributesCount > 0)
		document.droppedAttributesCount = log.droppedAttributesCount;
	document.resource = resource;
	if (scope !== undefined) document.scope = scope;
	return {
		service: resource['service.name'],
		level: levelOf(log.severityNumber, log.severityText),
		time: millisOf(time) ?? millisOf(observed),
		message: document.body ?? document.eventName ?? document.attributes,
		document,
	};
}

/**
 * The rows of a request (the first `maxRows` of its log records), or undefined when it is not
 * an OTLP logs request holding at least one log record.
 */
export function otlpLogRows(request: JsonObject, maxRows: number): OtlpLogRows | undefined {
	const resourceLogs = listOf(request.resourceLogs);
	if (resourceLogs === undefined) return undefined;
	const rows: OtlpLogRow[] = [];
	let total = 0;
	for (const resourceLog of resourceLogs) {
		const scopeLogs = listOf(resourceLog.scopeLogs);
		if (scopeLogs === undefined) return undefined;
		const resource = attributesOf(
			isObject(resourceLog.resource) ? resourceLog.resource.attributes : undefined,
		);
		for (const scopeLog of scopeLogs) {
			const logRecords = listOf(scopeLog.logRecords);
			if (logRecords === undefined) return undefined;
			const scope = scopeDocument(scopeLog.scope);
			for (const log of logRecords) {
				if (rows.length < maxRows) rows.push(rowOf(log, resource, scope));
				total++;
			}
		}
	}

	return total === 0 ? undefined : {rows, total};
}
