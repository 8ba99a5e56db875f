import {Transform} from 'ink';
import {textWidth, truncateToWidth} from '../core/truncate-to-width.js';
import {styleSegments} from './style-segments.js';

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

export type SegmentLineProps = {segments: readonly Segment[]; width: number};

/** Blank rows by width: what Ink lays out and measures for a row (see `SegmentLine`). */
const blanks = new Map<number, string>();

function blankRow(width: number): string {
	let blank = blanks.get(width);
	if (blank === undefined) {
		blank = ' '.repeat(Math.max(1, width));
		blanks.set(width, blank);
	}
	return blank;
}

/**
 * One terminal row, exactly `width` cells wide in the layout, holding its pre-cut segments
 * so it can never wrap into a second row and push the frame past the terminal's height.
 *
 * Ink lays out and measures a blank row of `width` spaces, and a `<Transform>` swaps in the
 * styled text only when the frame is written. Why: Ink measures every text it lays out and
 * caches the result by its content forever (a module-level Map, ink#986), so styled log
 * rows (new text every frame) would grow memory without bound while tailing; blank rows of
 * a few widths are all it ever sees. It is also less work per frame than a `<Text>` per segment.
 */
export function SegmentLine({segments, width}: SegmentLineProps) {
	const line = styleSegments(fitSegments(segments, width));
	return <Transform transform={() => line}>{blankRow(width)}</Transform>;
}

/** `text` cut or padded with spaces to exactly `width` cells (a table column). */
export function fitCell(text: string, width: number): string {
	if (width <= 0) return '';
	const cut = textWidth(text) > width ? truncateToWidth(text, width) : text;
	return cut + ' '.repeat(Math.max(0, width - textWidth(cut)));
}
