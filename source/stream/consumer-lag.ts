/**
 * The lag of the consumer groups that read the viewed topics: what `klog-tui lag` prints and
 * the lag panel draws. Pure: the Kafka adapter fills these in (`kafka/consumer-lag.ts`).
 */

/** One partition of a group: its committed offset, the partition's end, and the difference. */
export type PartitionLag = {
	topic: string;
	partition: number;
	/** The group's committed offset (the next record it will read). */
	committed: number;
	/** The partition's high watermark (the offset the next record written gets). */
	end: number;
	/** Records written but not yet committed by the group; never negative. */
	lag: number;
};

/** One consumer group that has committed offsets on the viewed topics. */
export type GroupLag = {
	groupId: string;
	/** As the broker reports it: Stable, Empty, PreparingRebalance, CompletingRebalance, Dead. */
	state: string;
	members: number;
	/** Sum of `lag` over the group's partitions of the viewed topics. */
	totalLag: number;
	partitions: PartitionLag[];
};

/** `end - committed`, at least 0 (a committed offset past the end happens after truncation). */
export function partitionLag(committed: number, end: number): number {
	return Math.max(0, end - committed);
}

/** Groups with the most lag first, then by id: what needs looking at comes first. */
export function byLagDescending(a: GroupLag, b: GroupLag): number {
	return b.totalLag - a.totalLag || a.groupId.localeCompare(b.groupId);
}

/** Whether a group's total lag went up, down or stayed, over the samples of the last minute. */
export type LagTrend = 'growing' | 'shrinking' | 'steady' | 'unknown';

/** One reading of a group's total lag. */
export type LagSample = {time: number; lag: number};

/** How far back the trend looks. */
export const LAG_TREND_WINDOW_MS = 60_000;

/**
 * The trend of the samples within `windowMs` before `now`: the lowest lag of the newest third
 * against the lowest of the oldest third. The floor, because a live consumer's lag jumps with
 * each burst of records and falls back (0, 40, 3, 38...): its floor stays near 0 (steady),
 * while a consumer that falls behind raises its floor (growing) and one that catches up
 * lowers it (shrinking). Newest against oldest, or medians, flipped between growing and
 * shrinking from one reading to the next on such a consumer. A change of at most 1% of the
 * older floor (at least 1 record) is steady; fewer than two samples, or samples less than 5 s
 * apart, say nothing yet.
 */
export function lagTrend(
	samples: readonly LagSample[],
	now: number,
	windowMs = LAG_TREND_WINDOW_MS,
): LagTrend {
	const recent = samples.filter((sample) => sample.time >= now - windowMs);
	const oldest = recent[0];
	const newest = recent.at(-1);
	if (!oldest || !newest || newest.time - oldest.time < 5000) return 'unknown';
	const third = Math.max(1, Math.floor(recent.length / 3));
	const older = floor(recent.slice(0, third));
	const newer = floor(recent.slice(-third));
	const tolerance = Math.max(1, older * 0.01);
	const change = newer - older;
	if (change > tolerance) return 'growing';
	if (change < -tolerance) return 'shrinking';
	return 'steady';
}

function floor(samples: readonly LagSample[]): number {
	return Math.min(...samples.map((sample) => sample.lag));
}
