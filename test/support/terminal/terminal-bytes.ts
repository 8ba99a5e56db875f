/**
 * The bytes klog-tui writes to a real terminal (recorded with tmux pipe-pane), checked against
 * an allow-list of what its renderer writes itself: tui/screen.tsx's ENTER_SCREEN/LEAVE_SCREEN,
 * the mouse reporting it turns on and off,
 * Ink's frame updates (log-update: cursor up, erase line, to column 1, synchronized output)
 * and chalk's colours for what the components ask (bold, dim, inverse, 16/256/true colours).
 * Anything else (OSC, DCS, APC, another CSI, a C0 or C1 control, invalid UTF-8) did not come
 * from the renderer, so it came from a record.
 */
import fs from 'node:fs';
import {findTerminalUnsafe} from '../records/hostile-corpus.js';

/**
 * The renderer's own non-SGR sequences (sticky: each must start at the ESC), as whole as the renderer
 * writes them: a record's lone `ESC[2J` or `ESC[?1049h` is not Ink's clearTerminal or
 * tui/screen.tsx's ENTER_SCREEN, so it fails. (A record's plain colour, say `ESC[31m`, cannot be told
 * from the renderer's by its bytes; the sanitizer turns every ESC into `\e`, so a leak shows
 * up with the corpus's other sequences, and the test also looks for their visible forms.)
 */
const RENDERER_SEQUENCES: readonly RegExp[] = [
	// tui/screen.tsx ENTER_SCREEN: alternate screen, cursor hidden, screen cleared, cursor home.
	/\u001b\[\?1049h\u001b\[\?25l\u001b\[2J\u001b\[H/y,
	// LEAVE_SCREEN's end (its cursor-shown part is below): the alternate screen left.
	/\u001b\[\?1049l/y,
	// terminal-text/mouse-report.ts ENABLE_MOUSE and DISABLE_MOUSE, whole: SGR mouse reports on, off.
	/\u001b\[\?1000h\u001b\[\?1006h/y,
	/\u001b\[\?1006l\u001b\[\?1000l/y,
	// Cursor shown / hidden (cli-cursor, LEAVE_SCREEN), synchronized output around a frame.
	/\u001b\[\?(?:25|2026)[hl]/y,
	// ansi-escapes' clearTerminal: a full-height frame is drawn on a cleared screen.
	/\u001b\[2J\u001b\[3J\u001b\[H/y,
	// eraseLines(n): erase a line and go up, n times, then to column 1.
	/(?:\u001b\[2K\u001b\[1A)*\u001b\[2K\u001b\[G/y,
	// Incremental frames: cursor up n rows, to the next line, to column 1, erase to the line's end.
	/\u001b\[\d+A/y,
	/\u001b\[(?:E|1G|K)/y,
];

const SGR = /\u001b\[([0-9;]*)m/y;

/**
 * SGR parameters the components can produce: reset, bold, dim, inverse, their ends, the 16
 * foreground and background colours (normal and bright), 256 and true colours. Not concealed
 * text, blink, italic, underline or anything else.
 */
function isRendererSgr(parameters: string): boolean {
	const parts = parameters === '' ? ['0'] : parameters.split(';');
	for (let index = 0; index < parts.length; index++) {
		const value = Number(parts[index]);
		if (value === 38 || value === 48) {
			const kind = parts[index + 1];
			const extra = kind === '5' ? 2 : kind === '2' ? 4 : -1;
			if (extra < 0 || index + extra >= parts.length) return false;
			index += extra;
			continue;
		}
		const allowed =
			[0, 1, 2, 7, 22, 27, 39, 49].includes(value) ||
			(value >= 30 && value <= 37) ||
			(value >= 40 && value <= 47) ||
			(value >= 90 && value <= 97) ||
			(value >= 100 && value <= 107);
		if (!allowed) return false;
	}
	return true;
}

/** Length of the renderer's own sequence at `index` (an ESC) of `output`, or 0. */
export function rendererEscapeLength(output: string, index: number): number {
	SGR.lastIndex = index;
	const sgr = SGR.exec(output);
	if (sgr) return isRendererSgr(sgr[1]!) ? sgr[0].length : 0;
	for (const sequence of RENDERER_SEQUENCES) {
		sequence.lastIndex = index;
		const match = sequence.exec(output);
		if (match) return match[0].length;
	}
	return 0;
}

/**
 * The first thing in `bytes` the renderer does not write itself, described, or undefined:
 * an escape sequence off the allow-list, a C0 control other than LF and CRLF, DEL, a C1
 * control, an invisible format character or invalid UTF-8 (see findTerminalUnsafe).
 */
export function findForeignTerminalBytes(bytes: Buffer): string | undefined {
	return findTerminalUnsafe(bytes, {allowNewlines: true, allowCrLf: true, allowEscape: rendererEscapeLength});
}

/** The bytes recorded in `file`, failing with the first foreign one found. Returns the bytes. */
export function expectOnlyRendererBytes(file: string): Buffer {
	const bytes = fs.readFileSync(file);
	const problem = findForeignTerminalBytes(bytes);
	if (problem !== undefined)
		throw new Error(`the terminal received bytes the renderer never writes: ${problem}`);
	return bytes;
}
