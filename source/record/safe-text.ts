import {sanitizeForTerminal} from './sanitize.js';

/**
 * The text helpers of record parsing: one terminal-safe line of bounded length, cut where no
 * character is split, sharing no memory with the (possibly megabytes long) string it came from.
 */

const SINGLE_LINE = {singleLine: true} as const;

/** A copy of `text` that shares no memory with a larger string it was cut from. */
export function detached(text: string): string {
	return Buffer.from(text, 'utf16le').toString('utf16le');
}

/** Cut `text` to at most `length` code units, never between the halves of a surrogate pair. */
export function cutAt(text: string, length: number): string {
	const code = text.charCodeAt(length - 1);
	const end = code >= 0xd800 && code <= 0xdbff ? length - 1 : length;
	return detached(text.slice(0, end));
}

/** Sanitise to one line, capped at about `maxLength` characters with a visible note of what was cut. */
export function safeLine(text: string, maxLength: number): string {
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
export function withoutTrailingLineBreak(text: string): string {
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

/** SGR (colour and style) sequences: `ESC[31m`, `ESC[1;32m`, `ESC[0m`. */
const SGR = /\u001b\[[0-9;:]*m/g;

/**
 * `text` without its SGR colour codes, which coloured console output (Spring Boot's pattern,
 * NestJS, a logger with colours left on in a container) puts around levels and names. Any other
 * escape sequence stays, to be shown escaped: colours say nothing, the rest may be an attack.
 */
export function withoutColours(text: string): string {
	return text.includes('\u001b') ? text.replace(SGR, '') : text;
}
