import type {KafkaLogNote} from '../../kafka-logger.js';
import type {PartitionTracker} from '../partition-tracker.js';
import type {PartitionRange} from './start-offsets.js';

/**
 * Topics change under a running viewer: they are deleted, created again (offsets start again
 * at 0, with a new topic id kafkajs cannot see) and grow partitions. This is the bookkeeping
 * of the first two; the stream (`log-stream.ts`) looks, and acts on what this decides.
 *
 * A new incarnation is known by a gap (the topic was seen missing) or by offsets that went
 * backwards (a partition ends below our position). Within one incarnation the
 * exactly-once-per-(partition, offset) rule holds; across two it cannot, so the receiver is
 * told to forget the topic's offsets (`onTopicReset`) before the first record of the new one.
 */

/** Why a topic is read (again) from its start; `matched`: new, and a topic pattern matches it. */
export type TopicChange = 'deleted' | 'recreated' | 'matched';

/** What the watch needs from the stream. */
export type TopicWatchDeps = {
	topics: readonly string[];
	tracker: PartitionTracker;
	/** A topic's partition offsets (the admin client); throws when the cluster cannot tell. */
	ranges(topic: string): Promise<PartitionRange[]>;
	/** Whether the topic exists; undefined when the cluster cannot tell. */
	exists(topic: string): Promise<boolean | undefined>;
	/** True while batches of the topic arrive (its offsets come with them; no need to ask). */
	busy(topic: string): boolean;
	/** `topic` changed: the stream drops its consumer and starts a session, which calls `startFresh`. */
	restart(topic: string, change: TopicChange): void;
	/** The partition table changed. */
	changed(): void;
};

export type TopicWatch = {
	/**
	 * Look at the topics that are not busy (every topic with `all`): high watermarks for the
	 * partition table, partitions added since we started (read from their log start), and
	 * whether a topic was deleted or created again. Never throws; one look at a time.
	 */
	refresh(all?: boolean): Promise<void>;
	/** kafkajs hinted that a topic changed (`signalsTopicChange`): look at every topic soon. */
	soon(): void;
	/** Another part of the stream saw the topic change (e.g. a partition ending below our position). */
	report(topic: string, change: TopicChange): void;
	/** Seen missing since its last start (the session waits for it). */
	isDeleted(topic: string): boolean;
	/** Deleted or created again, and not started afresh yet: its old positions mean nothing. */
	isWaiting(topic: string): boolean;
	/**
	 * In a session, once every topic exists: each topic deleted or created again is started
	 * from its log start (positions and high watermarks in the tracker), then `started` is
	 * called with its ranges. Throws like `ranges`; what was not started is tried next session,
	 * as are the topics `ready` says no to (still missing).
	 */
	startFresh(
		started: (topic: string, ranges: PartitionRange[]) => void,
		ready?: (topic: string) => boolean,
	): Promise<void>;
	/** The connection state's reason while `missing` topics are waited for. */
	waitingReason(missing: readonly string[]): string;
	/** No more looks (the stream stops). */
	dispose(): void;
};

/** How soon after kafkajs' hint the topics are looked at (hints come in bursts). */
const SOON_MS = 200;

export function createTopicWatch(deps: TopicWatchDeps): TopicWatch {
	const {tracker} = deps;
	const deleted = new Set<string>();
	const fresh = new Set<string>();
	let looking = false;
	let disposed = false;
	let soonTimer: NodeJS.Timeout | undefined;

	const changed = (topic: string, change: TopicChange) => {
		if (fresh.has(topic)) return;
		fresh.add(topic);
		if (change === 'deleted') deleted.add(topic);
		deps.restart(topic, change);
	};

	/** One topic; false when the cluster did not answer (no use asking about the others). */
	const look = async (topic: string): Promise<boolean> => {
		let ranges: PartitionRange[];
		try {
			ranges = await deps.ranges(topic);
		} catch {
			const exists = await deps.exists(topic);
			if (exists === false) changed(topic, 'deleted');
			return exists !== undefined;
		}
		if (offsetsWentBack(ranges, (partition) => tracker.position(topic, partition))) {
			changed(topic, 'recreated');
			return true;
		}
		for (const range of ranges) {
			tracker.setHighWatermark(topic, range.partition, range.high);
			// A partition added since we started is read from its log start.
			if (tracker.position(topic, range.partition) === undefined)
				tracker.setPosition(topic, range.partition, range.low);
		}
		deps.changed();
		return true;
	};

	const watch: TopicWatch = {
		async refresh(all = false) {
			if (looking || disposed) return;
			looking = true;
			try {
				for (const topic of deps.topics) {
					// A topic in `fresh` is the session's to wait for.
					if (disposed || fresh.has(topic) || (!all && deps.busy(topic))) continue;
					if (!(await look(topic))) return;
				}
			} finally {
				looking = false;
			}
		},
		soon() {
			if (soonTimer || disposed) return;
			soonTimer = setTimeout(() => {
				soonTimer = undefined;
				void watch.refresh(true);
			}, SOON_MS);
		},
		report: changed,
		isDeleted: (topic) => deleted.has(topic),
		isWaiting: (topic) => fresh.has(topic),
		async startFresh(started, ready = () => true) {
			for (const topic of [...fresh]) {
				if (!ready(topic)) continue;
				const ranges = await deps.ranges(topic);
				if (disposed) return;
				tracker.forgetTopic(topic);
				for (const range of ranges) {
					tracker.setPosition(topic, range.partition, range.low);
					tracker.setHighWatermark(topic, range.partition, range.high);
				}
				fresh.delete(topic);
				deleted.delete(topic);
				started(topic, ranges);
			}
			deps.changed();
		},
		waitingReason(missing) {
			const names = missing.map((topic) => `'${topic}'`).join(', ');
			return missing.every((topic) => deleted.has(topic))
				? `topic ${names} was deleted; waiting for it to be created again`
				: `waiting for topic ${names}`;
		},
		dispose() {
			disposed = true;
			clearTimeout(soonTimer);
		},
	};
	return watch;
}

/** True when a partition ends below the position we read it at: the topic is a new one under the old name. */
export function offsetsWentBack(
	ranges: readonly PartitionRange[],
	position: (partition: number) => number | undefined,
): boolean {
	return ranges.some((range) => {
		const at = position(range.partition);
		return at !== undefined && range.high < at;
	});
}

/** The line the user reads when records were removed (retention, deleteRecords) before we read them. */
export function removedUnreadMessage(topic: string, partition: number, from: number, to: number): string {
	const which = to - from === 1 ? `record ${from}` : `records ${from}-${to - 1}`;
	return `${which} of topic '${topic}' partition ${partition} were removed (retention or deleteRecords) before they were read`;
}

/**
 * The line the user reads (stderr in plain mode) when a topic changed under the viewer; `waits`
 * is false when a missing topic ends the stream (`--exit`).
 */
export function topicChangeMessage(
	topic: string,
	change: TopicChange,
	brokers: string,
	waits = true,
): string {
	if (change === 'matched') return `topic '${topic}' matches the topic pattern; reading it from its start`;
	if (change === 'recreated')
		return `topic '${topic}' was created again (its offsets went back); reading it from its start`;
	return `topic '${topic}' was deleted from ${brokers}${waits ? '; waiting for it to be created again' : ''}`;
}

/**
 * kafkajs' own signs that a topic changed: a fetch for a partition the broker no longer has, or
 * a position out of range. Either is worth a look at once, not at the next periodic check.
 */
export function signalsTopicChange(note: KafkaLogNote): boolean {
	return (
		note.message.startsWith('Offset out of range') ||
		(note.error?.includes('does not host this topic-partition') ?? false)
	);
}
