import {Box} from 'ink';
import {memo} from 'react';
import type {PartitionStatus} from '../stream/stream-status.js';
import {formatCount, formatRate} from '../terminal-text/format-count.js';
import {fitCell, type Segment} from '../terminal-text/segments.js';
import {SegmentRows} from './segment-line.js';

export type PartitionPanelProps = {
	partitions: readonly PartitionStatus[];
	width: number;
	height: number;
};

const COLUMN = 12;

/**
 * Per partition: offset, high watermark, lag and rate; more partitions than rows are summarised.
 * Memoised: it changes with the stream's status, not with each batch of records.
 */
export const PartitionPanel = memo(function PartitionPanel({partitions, width, height}: PartitionPanelProps) {
	const severalTopics = new Set(partitions.map((partition) => partition.topic)).size > 1;
	const nameWidth = severalTopics ? Math.max(10, ...partitions.map((p) => p.topic.length + 5)) : 10;
	const bodyRows = Math.max(0, height - 2);
	const tooMany = partitions.length > bodyRows;
	const shown = partitions.slice(0, tooMany ? Math.max(0, bodyRows - 1) : bodyRows);
	const totalLag = partitions.reduce((sum, partition) => sum + (partition.assigned ? partition.lag : 0), 0);
	const title: Segment[] = [
		{text: ' Partitions', bold: true},
		{text: ` ${partitions.length} · lag ${formatCount(totalLag)}`, dim: true},
	];
	const head: Segment[] = [
		{
			text: ` ${fitCell('partition', nameWidth)}${['offset', 'high', 'lag', 'rate/s'].map((name) => name.padStart(COLUMN)).join('')}`,
			dim: true,
		},
	];
	const row = (partition: PartitionStatus): Segment[] => {
		const name = severalTopics ? `${partition.topic}:${partition.partition}` : `${partition.partition}`;
		const known = (value: number) => (value < 0 ? '-' : formatCount(value));
		return [
			{text: ` ${fitCell(name, nameWidth)}`, dim: !partition.assigned},
			{text: known(partition.offset).padStart(COLUMN), dim: !partition.assigned},
			{text: known(partition.highWatermark).padStart(COLUMN), dim: true},
			{text: known(partition.lag).padStart(COLUMN), color: partition.lag > 0 ? 'yellow' : undefined},
			{text: formatRate(partition.rate).padStart(COLUMN)},
			{text: partition.assigned ? '' : '  (not assigned)', dim: true},
		];
	};
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			<SegmentRows
				rows={[
					title,
					head,
					...shown.map(row),
					...(tooMany ? [[{text: ` … ${partitions.length - shown.length} more`, dim: true}]] : []),
				]}
				width={width}
			/>
		</Box>
	);
});
