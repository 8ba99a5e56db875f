import type {GroupLag} from '../stream/consumer-lag.js';
import {groupTrend, type LagHistory, recordLagSamples} from '../stream/lag-history.js';
import type {LagSnapshot} from '../stream/lag-source.js';

/** One reading of the consumer groups, as the reader (a worker thread) sends it. */
export type LagReading = {groups: readonly GroupLag[]; unreadable: number; time: number};

/**
 * The lag panel's data outside React: the latest reading with each group's trend, or the last
 * failure as one line (the groups of the last good reading stay, with their time). Listeners
 * hear of every change; readings come every few seconds, so no throttling is needed.
 */
export type LagStore = {
	snapshot(): LagSnapshot;
	subscribe(listener: () => void): () => void;
	setReading(reading: LagReading): void;
	setError(message: string): void;
};

export function createLagStore(intervalMs: number): LagStore {
	let history: LagHistory = new Map();
	let snapshot: LagSnapshot = {
		status: 'waiting',
		groups: [],
		unreadable: 0,
		updatedAt: undefined,
		error: undefined,
		intervalMs,
	};
	const listeners = new Set<() => void>();
	const publish = (next: LagSnapshot) => {
		snapshot = next;
		for (const listener of listeners) listener();
	};
	return {
		snapshot: () => snapshot,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		setReading({groups, unreadable, time}) {
			history = recordLagSamples(history, groups, time);
			publish({
				...snapshot,
				status: 'ready',
				groups: groups.map((group) => ({...group, trend: groupTrend(history, group.groupId, time)})),
				unreadable,
				updatedAt: time,
				error: undefined,
			});
		},
		setError(message) {
			publish({...snapshot, error: message});
		},
	};
}
