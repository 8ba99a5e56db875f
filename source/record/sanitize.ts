/**
 * Terminal safety: make any string safe to write to a terminal as it is.
 *
 * A log record is untrusted input. Written raw, an ESC can clear the screen,
 * move the cursor, set the window title, plant a hyperlink or write the
 * clipboard (OSC 52); a CR or BS can overwrite what was already shown; a bidi
 * override can make text read differently from what it is. Instead of trying
 * to recognise every escape sequence, every character a terminal could act on
 * is replaced by a visible escape, so the reader sees exactly what the record
 * holds and the terminal sees only printable text:
 *
 * - ESC → `\e` (so `ESC[2J` reads `\e[2J`, an OSC title `\e]0;title\x07`);
 * - other C0 controls and DEL → `\xNN` (BEL `\x07`, BS `\x08`, NUL `\x00`);
 * - CR → `\r`, except in CRLF, which is a line break;
 * - C1 controls U+0080–U+009F (8-bit CSI U+009B, OSC U+009D…) → `\u009b`;
 * - invisible format characters (bidi overrides and isolates U+202A–U+202E,
 *   U+2066–U+2069, marks, zero-width space, word joiner, U+FEFF, soft hyphen,
 *   tag characters: Unicode category Cf) and the line/paragraph separators
 *   U+2028/U+2029 → `\uXXXX` (`\u{XXXXX}` above U+FFFF); ZWJ and ZWNJ are the
 *   exception, they join emoji and letters of many scripts and hide nothing;
 * - emoji skin-tone modifiers U+1F3FB–U+1F3FF → `\u{1f3fb}`: terminals disagree on
 *   their width (tmux 3.3, like terminals that measure code point by code point, draws the
 *   modifier as a wide character of its own after its emoji; string-width and Ink count it
 *   in the emoji's two cells), so a row holding one could be two cells wider on screen than
 *   laid out, wrap, and push the whole frame up;
 * - unpaired surrogates → `\udXXX`;
 * - a tab → one space in single-line mode, four spaces otherwise (a tab
 *   moves the cursor to the terminal's next tab stop, which a layout cannot
 *   predict);
 * - a line break (LF or CRLF) → `⏎` in single-line mode, LF otherwise.
 *
 * Backslashes are left alone: a record holding the text `\e[2J` reads the same
 * as one holding the escape sequence, which is harmless either way.
 */

/** Options for {@link sanitizeForTerminal}. */
export type SanitizeOptions = {
	/** One line (the log pane, plain output): line breaks become `⏎`, a tab one space. Default true. */
	singleLine?: boolean;
};

/** What a line break becomes in single-line mode. */
export const LINE_BREAK_MARK = '⏎';

/**
 * Anything that needs escaping. A single test of this is the fast path: the hot
 * path is clean ASCII, which it rejects without allocating. (ZWJ/ZWNJ are part
 * of `\p{Cf}` and so take the slow path, which leaves them as they are.)
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Emoji_Modifier}]/u;
/** Cheaper than `UNSAFE` (no Unicode properties): printable ASCII needs no further look. */
const BEYOND_PRINTABLE_ASCII = /[^\x20-\x7e]/;
const UNSAFE_GLOBAL = /\r\n|[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Emoji_Modifier}]/gu;

const ZERO_WIDTH_NON_JOINER = 0x200c;
const ZERO_WIDTH_JOINER = 0x200d;

/** Escapes for U+0000–U+009F (C0, DEL, C1), built once. */
const LOW_ESCAPES: readonly string[] = Array.from({length: 0xa0}, (_, code) => escapeCodePoint(code));

/** The visible escape of one code point: `\xNN` below U+0080, `\uXXXX`, or `\u{XXXXX}`. */
export function escapeCodePoint(code: number): string {
	if (code === 0x1b) {
		return '\\e';
	}

	if (code === 0x0d) {
		return '\\r';
	}

	const hex = code.toString(16);
	if (code < 0x80) {
		return `\\x${hex.padStart(2, '0')}`;
	}

	return code <= 0xffff ? `\\u${hex.padStart(4, '0')}` : `\\u{${hex}}`;
}

function replaceSingleLine(match: string): string {
	if (match.length === 2 && match === '\r\n') {
		return LINE_BREAK_MARK;
	}

	const code = match.codePointAt(0)!;
	if (code === 0x0a) {
		return LINE_BREAK_MARK;
	}

	if (code === 0x09) {
		return ' ';
	}

	return escapeOther(match, code);
}

function replaceMultiLine(match: string): string {
	if (match.length === 2 && match === '\r\n') {
		return '\n';
	}

	const code = match.codePointAt(0)!;
	if (code === 0x0a) {
		return '\n';
	}

	if (code === 0x09) {
		return '    ';
	}

	return escapeOther(match, code);
}

function escapeOther(match: string, code: number): string {
	if (code < 0xa0) {
		return LOW_ESCAPES[code]!;
	}

	if (code === ZERO_WIDTH_JOINER || code === ZERO_WIDTH_NON_JOINER) {
		return match;
	}

	return escapeCodePoint(code);
}

/**
 * Make `text` safe to write to a terminal: every control character, escape
 * sequence introducer, invisible format character and unpaired surrogate is
 * replaced by a visible escape (see the module comment for the exact forms).
 * Returns `text` itself when there is nothing to escape.
 */
export function sanitizeForTerminal(text: string, options?: SanitizeOptions): string {
	if (!BEYOND_PRINTABLE_ASCII.test(text) || !UNSAFE.test(text)) {
		return text;
	}

	return options?.singleLine === false
		? text.replace(UNSAFE_GLOBAL, replaceMultiLine)
		: text.replace(UNSAFE_GLOBAL, replaceSingleLine);
}
