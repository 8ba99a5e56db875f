import {Text} from 'ink';
import stringWidth from 'string-width';
import {truncateToWidth} from '../core/truncate-to-width.js';

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
		const cells = stringWidth(segment.text);
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
	for (const segment of segments) cells += stringWidth(segment.text);
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

/**
 * One terminal row: a single `<Text wrap="truncate-end">` holding its pre-cut segments,
 * so it can never wrap into a second row and push the frame past the terminal's height.
 */
export function SegmentLine({segments, width}: SegmentLineProps) {
	const fitted = fitSegments(segments, width);
	return (
		<Text wrap="truncate-end">
			{fitted.length === 0
				? ' '
				: fitted.map((segment, index) => (
						<Text
							// Segments are positional and never reorder within a row.
							// biome-ignore lint/suspicious/noArrayIndexKey: see above
							key={index}
							color={segment.color}
							backgroundColor={segment.backgroundColor}
							dimColor={segment.dim}
							bold={segment.bold}
							inverse={segment.inverse}
						>
							{segment.text}
						</Text>
					))}
		</Text>
	);
}

/** `text` cut or padded with spaces to exactly `width` cells (a table column). */
export function fitCell(text: string, width: number): string {
	if (width <= 0) return '';
	const cut = stringWidth(text) > width ? truncateToWidth(text, width) : text;
	return cut + ' '.repeat(Math.max(0, width - stringWidth(cut)));
}
