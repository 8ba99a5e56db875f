import {sanitizeForTerminal} from '../record/sanitize.js';

/**
 * Bytes of text sent to the clipboard at most. Terminals cap OSC 52 (xterm and kitty at about
 * 100 kB of base64, some lower); a longer sequence is dropped whole, so we cut instead and say so.
 */
export const CLIPBOARD_MAX_BYTES = 74_000;

/** What a copy writes to the terminal, and what it copied. */
export type ClipboardCopy = {
	/** `ESC ] 52 ; c ; <base64> BEL`: base64 holds no control byte, whatever the record held. */
	sequence: string;
	/** The text on the clipboard: sanitised as on screen, so pasting it into a terminal is safe too. */
	text: string;
	/** True when the text was cut to `CLIPBOARD_MAX_BYTES`. */
	truncated: boolean;
};

/** The OSC 52 sequence that puts `text` (sanitised, then cut to `maxBytes`) on the system clipboard. */
export function clipboardCopy(text: string, maxBytes = CLIPBOARD_MAX_BYTES): ClipboardCopy {
	const safe = sanitizeForTerminal(text);
	let bytes = Buffer.from(safe, 'utf8');
	const truncated = bytes.length > maxBytes;
	if (truncated) {
		// Cut on a character boundary: step back over UTF-8 continuation bytes.
		let end = maxBytes;
		while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
		bytes = bytes.subarray(0, end);
	}
	return {sequence: `\u001b]52;c;${bytes.toString('base64')}\u0007`, text: bytes.toString('utf8'), truncated};
}
