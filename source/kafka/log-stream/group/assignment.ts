import type {Consumer} from 'kafkajs';
import type {PartitionTracker} from '../partition-tracker.js';

/** The partitions the group assigned to our consumer, and seeking them to our own positions. */
export type Assignment = {
	/** The group's assignment (per topic); the tracker shows it. */
	set(memberAssignment: Readonly<Record<string, readonly number[]>>): void;
	/** Nothing assigned (the consumer crashed or was dropped). */
	clear(): void;
	/** Seek every partition we own to our own next offset (after a join, a rebalance or a restart). */
	seekAll(target: Consumer): void;
	/** Every partition we own, per topic, in order. */
	readonly partitions: ReadonlyMap<string, readonly number[]>;
};

export function createAssignment({
	topics,
	tracker,
}: {
	topics: readonly string[];
	tracker: PartitionTracker;
}): Assignment {
	let assigned = new Map<string, number[]>();
	return {
		set(memberAssignment) {
			assigned = new Map(
				topics.map((topic) => [topic, [...(memberAssignment[topic] ?? [])].sort((a, b) => a - b)]),
			);
			for (const [topic, partitions] of assigned) tracker.setAssigned(topic, partitions);
		},
		clear() {
			assigned = new Map();
		},
		seekAll(target) {
			for (const [topic, partitions] of assigned) {
				for (const partition of partitions) {
					const position = tracker.position(topic, partition);
					// A partition we have never heard of (the topic grew): partitionStarts seeks it
					// to its log start once that is known.
					if (position === undefined) continue;
					try {
						target.seek({topic, partition, offset: String(position)});
					} catch {
						// The consumer is between runs; the next join seeks again.
					}
				}
			}
		},
		get partitions() {
			return assigned;
		},
	};
}

/** Pause or resume fetching `topics` on `target`, as `paused` says. */
export function applyPause(target: Consumer, topics: readonly string[], paused: boolean): void {
	try {
		if (paused) target.pause(topics.map((topic) => ({topic})));
		else target.resume(topics.map((topic) => ({topic})));
	} catch {
		// Not running yet: the next group join applies it.
	}
}
