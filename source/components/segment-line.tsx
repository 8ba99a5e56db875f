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

/** Blank one-cell lines by count (see `SegmentRows`). */
const blankColumns = new Map<number, string>();

function blankColumn(height: number): string {
	let blank = blankColumns.get(height);
	if (blank === undefined) {
		blank = Array.from({length: height}, () => ' ').join('\n');
		blankColumns.set(height, blank);
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

export type SegmentRowsProps = {rows: ReadonlyArray<readonly Segment[]>; width: number};

/**
 * Rows one under the other as one Ink text node, in a column box (which stretches it to the
 * box's width): a blank line of one cell per row, each swapped for its styled row when the
 * frame is written, as `SegmentLine` does for one. Ink's frame step costs about the same per
 * node whatever its text (its layout's WebAssembly calls, measuring, placing), so a pane of 45
 * rows as one node instead of 45 is that much less per frame; and one-cell lines are less for
 * Ink to scan than rows of spaces. Ink's measure cache sees one blank text per row count.
 */
export function SegmentRows({rows, width}: SegmentRowsProps) {
	if (rows.length === 0) return null;
	const lines = rows.map((segments) => styleSegments(fitSegments(segments, width)));
	return (
		<Transform transform={(_line: string, index: number) => lines[index] ?? ''}>
			{blankColumn(rows.length)}
		</Transform>
	);
}
