import type {GroupLag, LagTrend} from './consumer-lag.js';

/**
 * What the lag panel draws and how it asks for readings: the contract between the TUI and
 * whatever reads the consumer groups (a worker thread in `kafka/worker/`, wired in
 * `session/lag-session.ts`). Plain data and a subscription, as the stream status is.
 */

/** A group as the panel shows it: its lag and the trend over the last minute. */
export type GroupLagRow = GroupLag & {trend: LagTrend};

export type LagSnapshot = {
	/** No reading yet (just opened), or the latest reading's groups, most lag first. */
	status: 'waiting' | 'ready';
	groups: readonly GroupLagRow[];
	/** Listed groups that could not be read (gone, or not allowed by the ACLs). */
	unreadable: number;
	/** When the latest good reading was taken (ms since the epoch). */
	updatedAt: number | undefined;
	/** The last reading's failure, one line; cleared by the next good reading. */
	error: string | undefined;
	/** How often the groups are read while the panel is open. */
	intervalMs: number;
};

export type LagSource = {
	snapshot(): LagSnapshot;
	/** Called after every change of the snapshot; returns the unsubscribe. */
	subscribe(listener: () => void): () => void;
	/** Read every `intervalMs` while active (the panel is open); idle otherwise. */
	setActive(active: boolean): void;
};
