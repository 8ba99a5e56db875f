import stringWidth from 'string-width';
import {clusterEnd} from './cluster-boundary.js';

/**
 * Fit sanitised text into terminal cells. Widths come from `string-width`
 * (East Asian Wide and emoji take two cells, combining marks none); a
 * character is never split and never overflows: when a two-cell character does
 * not fit in the last cell, it is left out (and the cell padded when asked).
 * Pure printable ASCII, the common case, is cut with `slice`; other text is
 * walked cluster by cluster (see `cluster-boundary.ts`) with widths cached.
 */

/** Options for {@link truncateToWidth}. */
export type TruncateOptions = {
	/** Appended when the text is cut, counted in the width. Default `…`; `''` for a hard cut. */
	ellipsis?: string;
	/** Pad with spaces to exactly `width` cells. Default false. */
	pad?: boolean;
};

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Widths of single BMP characters, 255 = not yet measured (string-width is slow per call). */
const bmpWidths = new Uint8Array(0x10000).fill(255);
/** Widths of other graphemes (astral characters, emoji sequences, combining runs); bounded. */
const graphemeWidths = new Map<string, number>();
const MAX_CACHED_GRAPHEMES = 4096;

/** Terminal cells of one grapheme cluster. */
function graphemeWidth(segment: string): number {
	if (segment.length === 1) {
		const code = segment.charCodeAt(0);
		if (code >= 0x20 && code < 0x7f) {
			return 1;
		}

		let width = bmpWidths[code]!;
		if (width === 255) {
			width = stringWidth(segment);
			bmpWidths[code] = width;
		}

		return width;
	}

	let width = graphemeWidths.get(segment);
	if (width === undefined) {
		width = stringWidth(segment);
		if (graphemeWidths.size >= MAX_CACHED_GRAPHEMES) {
			graphemeWidths.clear();
		}

		graphemeWidths.set(segment, width);
	}

	return width;
}

/** Spaces to make `cells` up to `width`. */
function padding(cells: number, width: number): string {
	return cells < width ? ' '.repeat(width - cells) : '';
}

/** Where a scan of `text` stopped: see {@link scanWidth}. */
type Scan = {
	/** End index of the longest prefix of at most `inner` cells, and its width. */
	innerEnd: number;
	innerCells: number;
	/** True when the whole text fits in `outer` cells; `cells` is then its width. */
	fits: boolean;
	cells: number;
};

/**
 * Walk the grapheme clusters of `text` only as far as needed: find the longest
 * prefix of at most `inner` cells, and whether the whole text fits in `outer`
 * (`inner` ≤ `outer`). Stops as soon as `outer` is exceeded, so a long line
 * costs no more than a short one.
 */
function scanWidth(text: string, inner: number, outer: number): Scan {
	let cells = 0;
	let innerEnd = -1;
	let innerCells = 0;
	let index = 0;
	while (index < text.length) {
		const code = text.charCodeAt(index);
		const following = text.charCodeAt(index + 1);
		let end: number;
		let width: number;
		if (code >= 0x20 && code < 0x7f && !(following >= 0x7f)) {
			// ASCII followed by ASCII (or the end: NaN): a cluster of its own, one cell.
			end = index + 1;
			width = 1;
		} else {
			end = clusterEnd(text, index);
			width = graphemeWidth(text.slice(index, end));
		}

		if (innerEnd === -1 && cells + width > inner) {
			innerEnd = index;
			innerCells = cells;
		}

		cells += width;
		if (cells > outer) {
			return {innerEnd, innerCells, fits: false, cells};
		}

		index = end;
	}

	return innerEnd === -1
		? {innerEnd: text.length, innerCells: cells, fits: true, cells}
		: {innerEnd, innerCells, fits: true, cells};
}

/**
 * Terminal cells of `text`, as `string-width` counts them, quicker: printable ASCII is its
 * length, other text is walked cluster by cluster with cached widths. Drawing a frame measures
 * every segment of every row, so this is on the per-frame path.
 */
export function textWidth(text: string): number {
	return PRINTABLE_ASCII.test(text) ? text.length : scanWidth(text, 0, Number.POSITIVE_INFINITY).cells;
}

/**
 * Cut `text` to at most `width` terminal cells, ending in `ellipsis` (default
 * `…`) when it had to be cut; with `pad`, fill with spaces to exactly `width`.
 * `text` must already be sanitised (control characters have no width here).
 */
export function truncateToWidth(text: string, width: number, options?: TruncateOptions): string {
	const cellsWanted = Math.max(0, Math.floor(width));
	const pad = options?.pad === true;
	const ellipsis = options?.ellipsis ?? '…';

	if (PRINTABLE_ASCII.test(text)) {
		if (text.length <= cellsWanted) {
			return pad ? text + padding(text.length, cellsWanted) : text;
		}

		const ellipsisCells = stringWidth(ellipsis);
		if (ellipsisCells > cellsWanted) {
			return text.slice(0, cellsWanted);
		}

		// The cut fills the width exactly: no padding needed.
		return text.slice(0, cellsWanted - ellipsisCells) + ellipsis;
	}

	const ellipsisCells = stringWidth(ellipsis);
	const withEllipsis = ellipsisCells <= cellsWanted;
	const scan = scanWidth(text, withEllipsis ? cellsWanted - ellipsisCells : cellsWanted, cellsWanted);
	if (scan.fits) {
		return pad ? text + padding(scan.cells, cellsWanted) : text;
	}

	const cut = withEllipsis ? text.slice(0, scan.innerEnd) + ellipsis : text.slice(0, scan.innerEnd);
	const usedCells = withEllipsis ? scan.innerCells + ellipsisCells : scan.innerCells;
	return pad ? cut + padding(usedCells, cellsWanted) : cut;
}

/**
 * Split `text` into a head of at most `width` cells and the rest, for wrapping
 * a message over several rows. The head is empty only when the first
 * character alone is wider than `width`.
 */
export function splitAtWidth(text: string, width: number): [head: string, tail: string] {
	const cellsWanted = Math.max(0, Math.floor(width));
	if (PRINTABLE_ASCII.test(text)) {
		return text.length <= cellsWanted ? [text, ''] : [text.slice(0, cellsWanted), text.slice(cellsWanted)];
	}

	const {innerEnd} = scanWidth(text, cellsWanted, cellsWanted);
	return [text.slice(0, innerEnd), text.slice(innerEnd)];
}

/**
 * `splitAtWidth` that breaks between words: the head ends before the last space that fits
 * and the rest starts after it, so a wrapped message never splits "captur/ed". Only a word
 * wider than `width` is broken inside.
 */
export function splitAtWord(text: string, width: number): [head: string, tail: string] {
	const [head, tail] = splitAtWidth(text, width);
	if (tail === '' || head === '') return [head, tail];
	if (tail.startsWith(' ')) return [head, tail.slice(1)];
	const space = head.lastIndexOf(' ');
	// No space after some text (only an indent): the word is wider than the row.
	if (space <= 0 || head.slice(0, space).trim() === '') return [head, tail];
	return [head.slice(0, space), head.slice(space + 1) + tail];
}
