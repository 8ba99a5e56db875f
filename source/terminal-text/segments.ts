import {textWidth, truncateToWidth} from './truncate-to-width.js';
/** A run of text with one style: lines are built from a few of these, never styled per character. */
export type Segment = {
	text: string;
	color?: string;
	backgroundColor?: string;
	dim?: boolean;
	bold?: boolean;
	inverse?: boolean;
};

/**
 * Cut segments so that together they take at most `width` terminal cells; the segment
 * that overflows is truncated with an ellipsis and the rest are dropped.
 */
export function fitSegments(segments: readonly Segment[], width: number): Segment[] {
	const fitted: Segment[] = [];
	let used = 0;
	for (const segment of segments) {
		if (segment.text === '') continue;
		const cells = textWidth(segment.text);
		if (used + cells <= width) {
			fitted.push(segment);
			used += cells;
			continue;
		}
		const room = width - used;
		if (room > 0) fitted.push({...segment, text: truncateToWidth(segment.text, room)});
		break;
	}
	return fitted;
}

/** Total width of segments in terminal cells. */
export function segmentsWidth(segments: readonly Segment[]): number {
	let cells = 0;
	for (const segment of segments) cells += textWidth(segment.text);
	return cells;
}

/** Pad segments with spaces (in the last segment's background) to exactly `width` cells. */
export function padSegments(
	segments: readonly Segment[],
	width: number,
	fill: Segment = {text: ''},
): Segment[] {
	const fitted = fitSegments(segments, width);
	const missing = width - segmentsWidth(fitted);
	return missing > 0 ? [...fitted, {...fill, text: ' '.repeat(missing)}] : fitted;
}

/** `text` cut or padded with spaces to exactly `width` cells (a table column). */
export function fitCell(text: string, width: number): string {
	if (width <= 0) return '';
	const cut = textWidth(text) > width ? truncateToWidth(text, width) : text;
	return cut + ' '.repeat(Math.max(0, width - textWidth(cut)));
}
