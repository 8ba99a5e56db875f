import type {PartitionRange} from './start-offsets.js';

/** How long to wait before looking up a partition's offsets again after a failed look-up. */
const RETRY_MS = 1000;

/** The consumer a look-up is for: seeks go to it only while it is still ours. */
export type PartitionJoin = {
	isCurrent: () => boolean;
	seek: (topic: string, partition: number, offset: number) => void;
};

/**
 * Partitions whose position kafkajs would otherwise choose by itself, and choose badly: it reads
 * them from their end, losing what is between. Two cases:
 * - partitions added to a topic after the stream started: kafkajs assigns them (after a metadata
 *   refresh and a rejoin) with no position of ours. They are read from their log start.
 * - a position out of range: kafkajs resets it to the end. When the log start moved past it
 *   (retention, deleteRecords) we read on from the new log start and say what was removed
 *   unread; when the partition ends below it, the topic was created again (`wentBack`).
 * Until a partition's offsets are known and sought to, its batches are not handed over.
 */
export type PartitionStarts = {
	/** After a group join: every assigned partition with no position of ours is looked up. */
	afterJoin(assigned: ReadonlyMap<string, readonly number[]>, join: PartitionJoin): void;
	/** kafkajs found our position in `partition` out of range (and is resetting it to the end). */
	outOfRange(topic: string, partition: number, join: PartitionJoin): void;
	/** True while a partition is looked up: its batches are not ours yet. */
	holds(topic: string, partition: number): boolean;
};

export type PartitionStartsDeps = {
	/** Our next offset in a partition, undefined when we have none. */
	position(topic: string, partition: number): number | undefined;
	/** The offset ranges of a topic's partitions (the admin client's `fetchTopicOffsets`). */
	ranges(topic: string): Promise<PartitionRange[]>;
	/** Where a looked-up partition is read from now (`offset`), with its current end. */
	setPosition(topic: string, partition: number, offset: number, high: number): void;
	/** Records `[from, to)` were removed before we read them. */
	skipped(topic: string, partition: number, from: number, to: number): void;
	/** A partition ends below our position: the topic was created again. */
	wentBack(topic: string): void;
};

export function createPartitionStarts(deps: PartitionStartsDeps): PartitionStarts {
	/** Partition key → the look-up that holds it (a later one replaces it). */
	const pending = new Map<string, object>();
	const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

	/** Where to read `partition` from, given its offsets now. */
	const decide = (topic: string, range: PartitionRange): number | 'went back' => {
		const position = deps.position(topic, range.partition);
		if (position === undefined) return range.low;
		if (position > range.high) return 'went back';
		if (position >= range.low) return position;
		deps.skipped(topic, range.partition, position, range.low);
		return range.low;
	};

	const lookUp = async (topic: string, partitions: number[], join: PartitionJoin): Promise<void> => {
		const token = {};
		for (const partition of partitions) pending.set(key(topic, partition), token);
		let waiting = partitions;
		while (waiting.length > 0) {
			waiting = waiting.filter((partition) => pending.get(key(topic, partition)) === token);
			if (!join.isCurrent()) {
				for (const partition of waiting) pending.delete(key(topic, partition));
				return;
			}
			let ranges: PartitionRange[] = [];
			try {
				ranges = await deps.ranges(topic);
			} catch {
				// Looked up again below.
			}
			for (const range of ranges) {
				const id = key(topic, range.partition);
				if (!waiting.includes(range.partition) || pending.get(id) !== token) continue;
				const offset = decide(topic, range);
				if (offset === 'went back') {
					// The stream drops this consumer; the next one starts the topic afresh.
					for (const partition of waiting) pending.delete(key(topic, partition));
					deps.wentBack(topic);
					return;
				}
				deps.setPosition(topic, range.partition, offset, range.high);
				if (join.isCurrent()) join.seek(topic, range.partition, offset);
				pending.delete(id);
			}
			waiting = waiting.filter((partition) => pending.get(key(topic, partition)) === token);
			// A failed look-up, or a partition the answer did not list yet (metadata catching up).
			if (waiting.length > 0) await new Promise((resolve) => setTimeout(resolve, RETRY_MS).unref?.());
		}
	};

	return {
		afterJoin(assigned, join) {
			pending.clear();
			for (const [topic, partitions] of assigned) {
				const unknown = partitions.filter((partition) => deps.position(topic, partition) === undefined);
				if (unknown.length > 0) void lookUp(topic, unknown, join);
			}
		},
		outOfRange(topic, partition, join) {
			void lookUp(topic, [partition], join);
		},
		holds: (topic, partition) => pending.has(key(topic, partition)),
	};
}
