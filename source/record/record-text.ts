import {compactJson} from './compact-json.js';
import {decodedByteLength, decodeText} from './decode-text.js';
import {MAX_MESSAGE_LENGTH, MAX_VALUE_LENGTH} from './log-record.js';
import {safeLine, withoutColours, withoutTrailingLineBreak} from './safe-text.js';

/**
 * Values read from a record → the terminal-safe, bounded text a `LogRecord` holds: its message,
 * its service and the value kept for the detail view.
 */

/** Service of records that name none. */
export const UNKNOWN_SERVICE = 'unknown';
/** Message of a record whose value is null (a tombstone, deleting its key on a compacted topic). */
export const TOMBSTONE_MESSAGE = '(tombstone)';
/** Message of a record whose value is empty. */
export const EMPTY_MESSAGE = '(empty)';

/** Longest service name kept, in characters. */
export const MAX_SERVICE_LENGTH = 64;

/** A message: the string itself, numbers as text, objects as compact JSON. */
export function messageOf(value: unknown): string {
	if (typeof value === 'string') {
		return safeLine(withoutColours(withoutTrailingLineBreak(value)), MAX_MESSAGE_LENGTH);
	}

	if (typeof value === 'number' || typeof value === 'boolean') {
		return String(value);
	}

	return safeLine(compactJson(value, MAX_MESSAGE_LENGTH), MAX_MESSAGE_LENGTH);
}

/** A service name from a body field: non-empty string, number, or an object's `name`. */
export function serviceOf(value: unknown): string | undefined {
	if (typeof value === 'string') {
		return value.length === 0 ? undefined : safeLine(withoutColours(value), MAX_SERVICE_LENGTH);
	}

	if (typeof value === 'number' || typeof value === 'boolean') {
		return String(value);
	}

	if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
		return serviceOf((value as Record<string, unknown>).name);
	}

	return undefined;
}

/** The value as kept: at most `MAX_VALUE_LENGTH` bytes, with a note of what was cut. */
export function keptValue(bytes: Buffer): string {
	if (bytes.length <= MAX_VALUE_LENGTH) return decodeText(bytes);
	const kept = decodedByteLength(bytes, MAX_VALUE_LENGTH);
	return `${decodeText(bytes, MAX_VALUE_LENGTH)}…(+${bytes.length - kept} bytes)`;
}

/** Text kept as a value (an OTLP row's document): the same bound as `keptValue`. */
export function keptText(text: string): string {
	// A UTF-16 unit is at most 3 bytes of UTF-8: short text needs no encoding to be measured.
	return text.length <= MAX_VALUE_LENGTH / 3 ? text : keptValue(Buffer.from(text));
}
