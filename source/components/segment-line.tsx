import {Transform} from 'ink';
import {fitSegments, type Segment} from '../terminal-text/segments.js';
import {styleSegments} from '../terminal-text/style-segments.js';

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
