import {type GroupLag, LAG_TREND_WINDOW_MS, type LagSample, type LagTrend, lagTrend} from './consumer-lag.js';

/**
 * Each group's total lag over the last minute, one sample per reading, for the lag panel's
 * trend. Pure: a new history per reading, the old one untouched.
 */
export type LagHistory = ReadonlyMap<string, readonly LagSample[]>;

/**
 * The history after a reading at `now`: each group's total lag appended, samples older than
 * the window dropped, and groups missing from the reading forgotten (gone, or no longer
 * committing on the topics), so the history never grows past groups × samples per minute.
 */
export function recordLagSamples(
	history: LagHistory,
	groups: readonly GroupLag[],
	now: number,
	windowMs = LAG_TREND_WINDOW_MS,
): LagHistory {
	const next = new Map<string, LagSample[]>();
	for (const group of groups) {
		const kept = (history.get(group.groupId) ?? []).filter((sample) => sample.time >= now - windowMs);
		next.set(group.groupId, [...kept, {time: now, lag: group.totalLag}]);
	}
	return next;
}

/** The trend of one group at `now` (unknown when it has no samples yet). */
export function groupTrend(history: LagHistory, groupId: string, now: number): LagTrend {
	return lagTrend(history.get(groupId) ?? [], now);
}
