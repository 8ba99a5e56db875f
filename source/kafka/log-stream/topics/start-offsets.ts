import type {StartPosition} from '../../../stream/start-position.js';

/** A partition's offset range: `low` is the first offset still stored, `high` the next one to be written. */
export type PartitionRange = {partition: number; low: number; high: number};

/**
 * How many of the last `count` records to take from each partition, so that together they
 * are the last `count` records of the topic as far as partition sizes allow: an even share
 * each, and what a short partition cannot give is handed to the others.
 */
export function tailShares(count: number, ranges: readonly PartitionRange[]): Map<number, number> {
	const shares = new Map<number, number>();
	let remaining = Math.max(0, Math.floor(count));
	// Smallest partitions first: each takes an even share of what is left, or all it has,
	// so whatever a short partition cannot give is spread over the larger ones.
	const bySize = [...ranges].sort((a, b) => a.high - a.low - (b.high - b.low));
	bySize.forEach((range, index) => {
		const left = bySize.length - index;
		const share = Math.min(Math.max(0, range.high - range.low), Math.ceil(remaining / left));
		shares.set(range.partition, share);
		remaining -= share;
	});
	return shares;
}

/**
 * The first offset to read in each partition for a start position. `since` needs the
 * broker's offsets-by-timestamp answer (`sinceOffsets`, partition → first offset at or after
 * the time); the others are computed from the ranges alone. Results are clamped to `[low, high]`.
 */
export function startOffsets(
	position: StartPosition,
	ranges: readonly PartitionRange[],
	sinceOffsets?: ReadonlyMap<number, number>,
): Map<number, number> {
	const result = new Map<number, number>();
	const shares = position.kind === 'tail' ? tailShares(position.count, ranges) : undefined;
	for (const range of ranges) {
		let offset: number;
		switch (position.kind) {
			case 'beginning':
				offset = range.low;
				break;
			case 'end':
				offset = range.high;
				break;
			case 'tail':
				offset = range.high - (shares?.get(range.partition) ?? 0);
				break;
			case 'since': {
				const found = sinceOffsets?.get(range.partition);
				if (found === undefined) throw new Error(`no offset for time in partition ${range.partition}`);
				offset = found < 0 ? range.high : found;
				break;
			}
		}
		result.set(range.partition, Math.min(range.high, Math.max(range.low, offset)));
	}
	return result;
}
