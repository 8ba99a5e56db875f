import {Box} from 'ink';
import type {LagSnapshot} from '../stream/lag-source.js';
import {lagPanelLines} from '../view/lag/lag-panel-lines.js';
import {SegmentRows} from './segment-line.js';

export type LagPanelProps = {
	snapshot: LagSnapshot;
	cursor: number;
	topics: readonly string[];
	width: number;
	height: number;
};

/** The consumer lag panel (`L`): draws the lines `lagPanelLines` makes of the latest reading. */
export function LagPanel(props: LagPanelProps) {
	const lines = lagPanelLines(props);
	return (
		<Box flexDirection="column" width={props.width} height={props.height} overflowY="hidden">
			<SegmentRows
				rows={Array.from({length: props.height}, (_, row) => lines[row] ?? [])}
				width={props.width}
			/>
		</Box>
	);
}
