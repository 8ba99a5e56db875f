import {Box} from 'ink';
import type {Segment} from '../terminal-text/segments.js';
import {SEEK_CHOICES} from '../view/view-state.js';
import {SegmentRows} from './segment-line.js';

export type SeekMenuProps = {choice: number; width: number; height: number};

/** The `r` menu: where to re-read the stream from (filters are kept). */
export function SeekMenu({choice, width, height}: SeekMenuProps) {
	const title: Segment[] = [
		{text: ' Re-read the stream', bold: true, inverse: true},
		{text: '  ↑/↓ choose · Enter go · Esc cancel · the view is cleared, filters stay', dim: true},
	];
	const rows = SEEK_CHOICES.slice(0, Math.max(0, height - 1)).map((entry, index): Segment[] => [
		{text: index === choice ? ' ▶ ' : '   ', color: 'cyan', bold: true},
		{text: entry.label, inverse: index === choice},
	]);
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			<SegmentRows rows={[title, ...rows]} width={width} />
		</Box>
	);
}
