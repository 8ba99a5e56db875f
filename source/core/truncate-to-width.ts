import stringWidth from 'string-width';

/**
 * Fit sanitised text into terminal cells. Widths come from `string-width`
 * (East Asian Wide and emoji take two cells, combining marks none); a
 * character is never split and never overflows: when a two-cell character does
 * not fit in the last cell, it is left out (and the cell padded when asked).
 * Pure printable ASCII, the common case, is cut with `slice`.
 */

/** Options for {@link truncateToWidth}. */
export type TruncateOptions = {
	/** Appended when the text is cut, counted in the width. Default `…`; `''` for a hard cut. */
	ellipsis?: string;
	/** Pad with spaces to exactly `width` cells. Default false. */
	pad?: boolean;
};

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

let segmenter: Intl.Segmenter | undefined;

/** Grapheme clusters of `text` (what a terminal draws as one character). */
function graphemes(text: string): Iterable<Intl.SegmentData> {
	segmenter ??= new Intl.Segmenter();
	return segmenter.segment(text);
}

/** Spaces to make `cells` up to `width`. */
function padding(cells: number, width: number): string {
	return cells < width ? ' '.repeat(width - cells) : '';
}

/**
 * Index in `text` where the longest prefix of at most `width` cells ends, and
 * that prefix's width. Never ends inside a grapheme cluster.
 */
function prefixEnd(text: string, width: number): {end: number; cells: number} {
	let cells = 0;
	for (const {segment, index} of graphemes(text)) {
		const cellsOfSegment = stringWidth(segment);
		if (cells + cellsOfSegment > width) {
			return {end: index, cells};
		}

		cells += cellsOfSegment;
	}

	return {end: text.length, cells};
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

	const total = stringWidth(text);
	if (total <= cellsWanted) {
		return pad ? text + padding(total, cellsWanted) : text;
	}

	const ellipsisCells = stringWidth(ellipsis);
	const withEllipsis = ellipsisCells <= cellsWanted;
	const {end, cells} = prefixEnd(text, withEllipsis ? cellsWanted - ellipsisCells : cellsWanted);
	const cut = withEllipsis ? text.slice(0, end) + ellipsis : text.slice(0, end);
	const usedCells = withEllipsis ? cells + ellipsisCells : cells;
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

	const {end} = prefixEnd(text, cellsWanted);
	return [text.slice(0, end), text.slice(end)];
}
