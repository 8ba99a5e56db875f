import {decodedByteLength, decodeText} from './decode-text.js';
import type {RawRecord} from './log-record.js';
import {safeLine} from './safe-text.js';
import {sanitizeForTerminal} from './sanitize.js';

/** Bytes (or characters) of a header value kept. */
export const MAX_HEADER_VALUE_LENGTH = 1024;
/** Longest header name kept, in characters. */
export const MAX_HEADER_NAME_LENGTH = 256;
/** Headers kept per record; the rest are counted in a `…` header. */
export const MAX_HEADERS = 64;

const SINGLE_LINE = {singleLine: true} as const;
export const EMPTY_HEADERS: Readonly<Record<string, string>> = Object.freeze(Object.create(null));

/** Decode a key or header value: at most `maxBytes`, sanitised to one line, with a note of what was cut. */
export function decodeField(bytes: Buffer, maxBytes: number): string {
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

/** The service the last headers decoded name (`decodeHeaders` is synchronous). */
export let headerService: string | undefined;

/** Decode and sanitise headers; sets `headerService` to the service a header names. */
export function decodeHeaders(raw: NonNullable<RawRecord['headers']>): Record<string, string> {
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
			headerService = text;
		}
	}

	return headers;
}
