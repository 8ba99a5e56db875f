import type {GroupLag} from '../stream/consumer-lag.js';

/** One JSON object per group and line: `{groupId, state, members, totalLag, partitions}`. */
export function lagJsonLines(groups: readonly GroupLag[]): string {
	return groups.map((group) => `${JSON.stringify(group)}\n`).join('');
}

/** A table for people: one row per group, most lag first, partitions as `topic/partition:lag`. */
export function lagTable(groups: readonly GroupLag[], topics: readonly string[]): string {
	if (groups.length === 0) return `no consumer group has committed offsets on ${topics.join(', ')}\n`;
	const rows = groups.map((group) => [
		group.groupId,
		group.state,
		String(group.members),
		String(group.totalLag),
		group.partitions
			.map((partition) => `${partition.topic}/${partition.partition}:${partition.lag}`)
			.join(' '),
	]);
	const header = ['GROUP', 'STATE', 'MEMBERS', 'LAG', 'PARTITIONS (topic/partition:lag)'];
	const widths = header.map((title, column) =>
		Math.max(title.length, ...rows.map((row) => row[column]!.length)),
	);
	const line = (cells: readonly string[]) =>
		cells
			.map((cell, column) =>
				column === cells.length - 1
					? cell
					: column === 2 || column === 3
						? cell.padStart(widths[column]!)
						: cell.padEnd(widths[column]!),
			)
			.join('  ');
	return `${[header, ...rows].map(line).join('\n')}\n`;
}
