/**
 * The terminal's mouse reports (xterm's SGR encoding, mode 1006): `ESC [ < b ; x ; y M` for a
 * press, `m` for a release. Read strictly, so nothing else is taken for a click and no report
 * reaches the key handling: a report that does not match the grammar, with its limits on
 * digits, is dropped whole, never shown nor typed into a prompt. Pure: no streams.
 */

/** Reporting on (1000: presses, releases and the wheel; 1006: SGR coordinates, any size). */
export const ENABLE_MOUSE = '\x1b[?1000h\x1b[?1006h';
/** Reporting off, in the reverse order: the terminal as it was. */
export const DISABLE_MOUSE = '\x1b[?1006l\x1b[?1000l';

export type MouseButton =
	| 'left'
	| 'middle'
	| 'right'
	| 'wheelUp'
	| 'wheelDown'
	| 'wheelLeft'
	| 'wheelRight'
	| 'other';

/** One report: which button, press or release, and the cell (0-based, column and row). */
export type MouseReport = {
	button: MouseButton;
	release: boolean;
	/** With the button held since an earlier press (mode 1002's drags; 1000 sends none). */
	motion: boolean;
	shift: boolean;
	alt: boolean;
	ctrl: boolean;
	column: number;
	row: number;
};

/** A report is at most `ESC [ <` + 3 + 1 + 4 + 1 + 4 digits and separators + the final byte. */
const MAX_REPORT_LENGTH = 3 + 3 + 1 + 4 + 1 + 4 + 1;
const REPORT = /^\x1b\[<(\d{1,3});(\d{1,4});(\d{1,4})([Mm])$/;
const WHEEL: readonly MouseButton[] = ['wheelUp', 'wheelDown', 'wheelLeft', 'wheelRight'];
const BUTTONS: readonly MouseButton[] = ['left', 'middle', 'right', 'other'];

/** The report a whole sequence stands for, or undefined when it is not one we accept. */
export function parseMouseReport(sequence: string): MouseReport | undefined {
	const match = REPORT.exec(sequence);
	if (!match) return undefined;
	const code = Number(match[1]);
	const column = Number(match[2]);
	const row = Number(match[3]);
	// Codes above 255 and cells before the first are no terminal's: xterm counts from 1.
	if (code > 255 || column < 1 || row < 1) return undefined;
	const low = code & 3;
	// Bit 64: the wheel (its low bits say which way); bit 128: the extra buttons 8-11.
	const button = code & 128 ? 'other' : code & 64 ? WHEEL[low]! : BUTTONS[low]!;
	return {
		button,
		release: match[4] === 'm',
		motion: (code & 32) !== 0,
		shift: (code & 4) !== 0,
		alt: (code & 8) !== 0,
		ctrl: (code & 16) !== 0,
		column: column - 1,
		row: row - 1,
	};
}

/** Parameter (0-9 : ; < = > ?) and intermediate (space to /) bytes of a control sequence. */
function isParameterByte(code: number): boolean {
	return code >= 0x20 && code <= 0x3f;
}

/** The byte that ends a control sequence. */
function isFinalByte(code: number): boolean {
	return code >= 0x40 && code <= 0x7e;
}

/** What one chunk of input comes to: the text left for the key handling and the reports. */
export type FilteredInput = {text: string; reports: MouseReport[]};

export type MouseInputFilter = {
	/** Take the next chunk read from the terminal. */
	push(chunk: string): FilteredInput;
	/**
	 * True while the input ends in `ESC` or `ESC [`: the start of a report, or the Escape key
	 * (Alt+[) when nothing follows. The caller gives it to `flush` after a short wait.
	 */
	holdsKey(): boolean;
	/** The held `ESC` or `ESC [` as typed; a held start of a report (`ESC [ <`...) stays held. */
	flush(): string;
};

/**
 * Take mouse reports out of the terminal's input, chunk by chunk. A report cut between two
 * reads is held (only a start that can still become one: `ESC`, `ESC [`, `ESC [ <` and digits)
 * and finished by the next chunk; `ESC` and `ESC [` are keys too, which `flush` gives back
 * when no more input came (the caller's timer). Anything that
 * starts as a report (`ESC [ <`) is consumed up to its final byte: kept when it is a valid
 * report, dropped when not, and an over-long one is dropped up to its end, however long.
 */
export function createMouseInputFilter(): MouseInputFilter {
	let held = '';
	let skipping = false;
	return {
		holdsKey: () => held === '\x1b' || held === '\x1b[',
		flush() {
			if (held !== '\x1b' && held !== '\x1b[') return '';
			const key = held;
			held = '';
			return key;
		},
		push(chunk) {
			const data = held + chunk;
			held = '';
			const reports: MouseReport[] = [];
			let text = '';
			let at = 0;
			if (skipping) {
				while (at < data.length && isParameterByte(data.charCodeAt(at))) at++;
				if (at === data.length) return {text, reports};
				skipping = false;
				if (isFinalByte(data.charCodeAt(at))) at++;
			}
			while (at < data.length) {
				const start = data.indexOf('\x1b', at);
				if (start < 0) {
					text += data.slice(at);
					break;
				}
				text += data.slice(at, start);
				const rest = data.length - start;
				if (rest === 1) {
					held = '\x1b';
					break;
				}
				if (data[start + 1] !== '[') {
					text += '\x1b';
					at = start + 1;
					continue;
				}
				if (rest === 2) {
					held = '\x1b[';
					break;
				}
				if (data[start + 2] !== '<') {
					text += '\x1b[';
					at = start + 2;
					continue;
				}
				let end = start + 3;
				while (end < data.length && end - start < MAX_REPORT_LENGTH && isParameterByte(data.charCodeAt(end)))
					end++;
				if (end === data.length) {
					if (end - start < MAX_REPORT_LENGTH) held = data.slice(start);
					else skipping = true;
					break;
				}
				const code = data.charCodeAt(end);
				if (isFinalByte(code)) {
					const report = parseMouseReport(data.slice(start, end + 1));
					if (report) reports.push(report);
					at = end + 1;
				} else if (isParameterByte(code)) {
					// Longer than any report: drop it to its end, in this chunk or the next ones.
					while (end < data.length && isParameterByte(data.charCodeAt(end))) end++;
					if (end === data.length) {
						skipping = true;
						break;
					}
					at = isFinalByte(data.charCodeAt(end)) ? end + 1 : end;
				} else {
					// Cut short by another byte (a key, another escape): drop the start, keep that byte.
					at = end;
				}
			}
			return {text, reports};
		},
	};
}

/** Where the app hears of reports: `subscribe` returns the way to stop listening. */
export type MouseSource = {
	subscribe(listener: (report: MouseReport) => void): () => void;
};
