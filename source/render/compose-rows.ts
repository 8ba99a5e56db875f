import stringWidth from 'string-width';

/**
 * What Ink's `Output` collects while it renders a frame: text written at a cell, and clip
 * regions pushed and popped around the children of `overflow="hidden"` boxes.
 */
export type OutputOperation =
	| {
			type: 'write';
			x: number;
			y: number;
			text: string;
			transformers: ReadonlyArray<(line: string, index: number) => string>;
	  }
	| {type: 'clip'; clip: {x1?: number; x2?: number; y1?: number; y2?: number}}
	| {type: 'unclip'};

/** One line placed on a row: its column and its text with every transformer applied. */
export type PlacedLine = {x: number; text: string};

/** SGR sequences (colours and text attributes), the only escapes our rows carry. */
const SGR = /\x1b\[[0-9;]*m/g;
const RESET = '\x1b[0m';
const segmenter = new Intl.Segmenter();

/** Width-1 answers per non-ASCII code point, bounded so hostile text cannot grow it. */
const narrowCache = new Map<number, boolean>();
const NARROW_CACHE_LIMIT = 4096;
/** Marks, format characters, controls and surrogates: never one plain cell. */
const NOT_PLAIN = /[\p{M}\p{Cf}\p{Cc}\p{Cs}\p{Zl}\p{Zp}]/u;

function isNarrowCodePoint(code: number): boolean {
	let narrow = narrowCache.get(code);
	if (narrow === undefined) {
		const character = String.fromCodePoint(code);
		narrow = !NOT_PLAIN.test(character) && stringWidth(character) === 1;
		if (narrowCache.size < NARROW_CACHE_LIMIT) narrowCache.set(code, narrow);
	}
	return narrow;
}

/**
 * True when `text` is printable ASCII and box drawing or block elements (U+2500-U+259F) only:
 * each such character is a grapheme of its own (none extends, joins or prepends), so each is one
 * cell when narrow, with no segmenter. Borders, sparklines and the timeline's bars are these,
 * and segmenting a row of 200 of them took milliseconds a frame.
 */
function isAsciiOrBoxDrawing(text: string): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code >= 0x20 && code <= 0x7e) continue;
		if (code < 0x2500 || code > 0x259f || !isNarrowCodePoint(code)) return false;
	}
	return true;
}

/**
 * The cells a line takes when every character of it is one plain cell (printable ASCII, or
 * narrow characters that each stand alone as a grapheme); undefined otherwise (wide, zero-width,
 * combining or any escape but SGR), which Ink's own per-character composition handles.
 */
export function plainCells(line: string): number | undefined {
	const text = line.includes('\x1b') ? line.replace(SGR, '') : line;
	let ascii = true;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 0x20 || code === 0x7f) return undefined;
		if (code > 0x7e) {
			ascii = false;
			break;
		}
	}
	if (ascii) return text.length;
	if (isAsciiOrBoxDrawing(text)) return text.length;
	let cells = 0;
	for (const {segment} of segmenter.segment(text)) {
		const code = segment.codePointAt(0)!;
		// One code point per grapheme, narrow: a cell of its own, as Ink places it.
		if (segment.length !== (code > 0xffff ? 2 : 1) || !isNarrowCodePoint(code)) return undefined;
		cells++;
	}
	return cells;
}

/**
 * The lines each row of a `height`-row frame gets, in the order they were written, exactly as
 * Ink's `Output.get` places them (vertical clips, transformers with their line index).
 * Undefined when a clip cuts horizontally (not something this app does; Ink handles it).
 */
export function placeLines(
	height: number,
	operations: readonly OutputOperation[],
): PlacedLine[][] | undefined {
	const rows: PlacedLine[][] = Array.from({length: height}, () => []);
	const clips: Array<{x1?: number; x2?: number; y1?: number; y2?: number}> = [];
	for (const operation of operations) {
		if (operation.type === 'clip') {
			clips.push(operation.clip);
			continue;
		}
		if (operation.type === 'unclip') {
			clips.pop();
			continue;
		}
		const {text, transformers, x} = operation;
		if (!text) continue;
		let {y} = operation;
		let lines = text.split('\n');
		const clip = clips.at(-1);
		if (clip) {
			if (typeof clip.x1 === 'number' && typeof clip.x2 === 'number') return undefined;
			if (typeof clip.y1 === 'number' && typeof clip.y2 === 'number') {
				if (y + lines.length < clip.y1 || y > clip.y2) continue;
				const from = y < clip.y1 ? clip.y1 - y : 0;
				const to = y + lines.length > clip.y2 ? clip.y2 - y : lines.length;
				lines = lines.slice(from, to);
				if (y < clip.y1) y = clip.y1;
			}
		}
		for (let index = 0; index < lines.length; index++) {
			const row = rows[y + index];
			if (!row) continue;
			let line = lines[index]!;
			for (const transformer of transformers) line = transformer(line, index);
			row.push({x, text: line});
		}
	}
	return rows;
}

/**
 * One row as a string when its lines are plain (see `plainCells`) and do not overlap:
 * spaces up to each line's column, then the line as it is, styles reset after it, trailing
 * blanks dropped as Ink drops them. Undefined when the row needs Ink's per-character composition.
 */
export function composePlainRow(lines: readonly PlacedLine[]): string | undefined {
	if (lines.length === 0) return '';
	const ordered = lines.length === 1 ? lines : [...lines].sort((a, b) => a.x - b.x);
	let row = '';
	let cursor = 0;
	for (const {x, text} of ordered) {
		const cells = plainCells(text);
		if (cells === undefined || x < cursor) return undefined;
		if (x > cursor) row += ' '.repeat(x - cursor);
		row += text.includes('\x1b') ? text + RESET : text;
		cursor = x + cells;
	}
	return row.trimEnd();
}
