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

const RESET = '\x1b[0m';
const segmenter = new Intl.Segmenter();

/** Answers per non-ASCII code point, bounded so hostile text cannot grow it. */
const standaloneCache = new Map<number, boolean>();
const STANDALONE_CACHE_LIMIT = 4096;
/** Marks, format characters, controls and surrogates: never one plain cell. */
const NOT_PLAIN = /[\p{M}\p{Cf}\p{Cc}\p{Cs}\p{Zl}\p{Zp}]/u;

/** How many graphemes the segmenter finds in `text`. */
function graphemes(text: string): number {
	let count = 0;
	for (const _ of segmenter.segment(text)) count++;
	return count;
}

/**
 * True when the code point is one narrow cell and a grapheme of its own whatever stands beside
 * it: after and before a letter it stays apart (no extending or spacing mark, no prepended
 * sign), and twice in a row it stays two (no regional indicator pair, no Hangul jamo run).
 * With marks, joiners and controls refused, those are every way Unicode's grapheme rules join
 * two code points, so a line of such code points is one cell per code point, as Ink places
 * it, and the segmenter runs once per code point ever seen, not on every line of every frame.
 */
function isStandaloneNarrow(code: number): boolean {
	let standalone = standaloneCache.get(code);
	if (standalone === undefined) {
		const character = String.fromCodePoint(code);
		standalone =
			!NOT_PLAIN.test(character) &&
			stringWidth(character) === 1 &&
			graphemes(`a${character}a`) === 3 &&
			graphemes(character + character) === 2;
		if (standaloneCache.size < STANDALONE_CACHE_LIMIT) standaloneCache.set(code, standalone);
	}
	return standalone;
}

/** Where an SGR sequence (`ESC [ digits and ; m`) starting at `at` ends, or -1 when it is not one. */
function sgrEnd(line: string, at: number): number {
	if (line.charCodeAt(at + 1) !== 0x5b) return -1;
	for (let index = at + 2; index < line.length; index++) {
		const code = line.charCodeAt(index);
		if (code === 0x6d) return index + 1;
		if (code !== 0x3b && (code < 0x30 || code > 0x39)) return -1;
	}
	return -1;
}

/**
 * The cells a line takes when every character of it is one plain cell (printable ASCII, or
 * narrow characters that each stand alone as a grapheme) among SGR sequences (colours and
 * text attributes, the only escapes our rows carry); undefined otherwise (wide, zero-width,
 * combining or any other escape), which Ink's own per-character composition handles. One pass,
 * no copy: the segmenter on whole lines took a third of a frame (bench/frame-micro.ts profile).
 */
export function plainCells(line: string): number | undefined {
	let cells = 0;
	for (let index = 0; index < line.length; ) {
		const code = line.charCodeAt(index);
		if (code >= 0x20 && code <= 0x7e) {
			cells++;
			index++;
			continue;
		}
		if (code === 0x1b) {
			index = sgrEnd(line, index);
			if (index < 0) return undefined;
			continue;
		}
		if (code < 0x20 || code === 0x7f) return undefined;
		const point = line.codePointAt(index)!;
		if (!isStandaloneNarrow(point)) return undefined;
		cells++;
		index += point > 0xffff ? 2 : 1;
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
