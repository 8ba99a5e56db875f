import type {PartitionRange} from './start-offsets.js';

/** How long to wait before looking up a new partition's start again after a failed look-up. */
const RETRY_MS = 1000;

/**
 * Partitions added to a topic after the stream started: kafkajs assigns them (after a metadata
 * refresh and a rejoin) with no position of ours, and on its own would read them from their end,
 * losing whatever was written to them before. They are read from their log start instead: their
 * start is looked up, and until it is known and sought to, their batches are not handed over.
 */
export type PartitionStarts = {
	/**
	 * After a group join: look up the start of every assigned partition that has no position,
	 * then `seek` it there (only while `isCurrent()`, i.e. the same consumer is still ours).
	 */
	afterJoin(
		assigned: ReadonlyMap<string, readonly number[]>,
		isCurrent: () => boolean,
		seek: (topic: string, partition: number, offset: number) => void,
	): void;
	/** True while a partition's start is being looked up: its batches are not ours yet. */
	holds(topic: string, partition: number): boolean;
};

export type PartitionStartsDeps = {
	/** Our next offset in a partition, undefined when we have none. */
	position(topic: string, partition: number): number | undefined;
	/** The offset ranges of a topic's partitions (the admin client's `fetchTopicOffsets`). */
	ranges(topic: string): Promise<PartitionRange[]>;
	/** A partition's start was found: it becomes our position there. */
	setStart(topic: string, range: PartitionRange): void;
};

export function createPartitionStarts(deps: PartitionStartsDeps): PartitionStarts {
	const pending = new Map<string, Set<number>>();

	type Join = {
		isCurrent: () => boolean;
		seek: (topic: string, partition: number, offset: number) => void;
	};

	/** Find the start of the partitions in `waiting`, which a later join may have replaced. */
	const lookUp = async (topic: string, waiting: Set<number>, join: Join): Promise<void> => {
		const mine = () => pending.get(topic) === waiting;
		if (!mine()) return;
		if (!join.isCurrent()) {
			pending.delete(topic);
			return;
		}
		let ranges: PartitionRange[] | undefined;
		try {
			ranges = await deps.ranges(topic);
		} catch {
			// Looked up again below.
		}
		if (!mine()) return;
		for (const range of ranges ?? []) {
			if (!waiting.has(range.partition)) continue;
			deps.setStart(topic, range);
			if (join.isCurrent()) join.seek(topic, range.partition, range.low);
			waiting.delete(range.partition);
		}
		// A failed look-up, or a partition the answer did not list yet (metadata catching up).
		if (waiting.size > 0) setTimeout(() => void lookUp(topic, waiting, join), RETRY_MS).unref?.();
		else pending.delete(topic);
	};

	return {
		afterJoin(assigned, isCurrent, seek) {
			pending.clear();
			for (const [topic, partitions] of assigned) {
				const unknown = partitions.filter((partition) => deps.position(topic, partition) === undefined);
				if (unknown.length === 0) continue;
				const waiting = new Set(unknown);
				pending.set(topic, waiting);
				void lookUp(topic, waiting, {isCurrent, seek});
			}
		},
		holds: (topic, partition) => pending.get(topic)?.has(partition) ?? false,
	};
}
