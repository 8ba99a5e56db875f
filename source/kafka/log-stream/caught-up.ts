/** The end of one partition as seen at start: offsets `[low, high)` were there to read. */
export type PartitionEnd = {topic: string; partition: number; low: number; high: number};

/**
 * Whether a partition has nothing left to read up to its end offset. `position` is the
 * next offset this run will read. Positions come from the last offset of each fetched
 * batch (control records and aborted records included), never from counting records, so
 * offsets that never arrive as records (transaction markers, compacted-away records)
 * cannot keep a partition from finishing.
 */
export function isPartitionDone(end: PartitionEnd, position: number | undefined): boolean {
	if (end.high <= end.low) return true;
	return position !== undefined && position >= end.high;
}

/**
 * Watches the end offsets seen at start (like kcat `-e`) and resolves `done` once every
 * partition is done. `setEnds` may be called once per topic; `check` after positions move.
 */
export type CaughtUpWatch = {
	/** The end offsets of one topic's partitions (replaces earlier ones for that topic). */
	setEnds(topic: string, ends: readonly PartitionEnd[]): void;
	/** Re-evaluate with the current positions; resolves `done` when every partition is done. */
	check(position: (topic: string, partition: number) => number | undefined): boolean;
	/** Partitions not done at the last `check`. */
	pending(): PartitionEnd[];
	readonly done: Promise<void>;
	readonly isDone: boolean;
};

/** Build a watch over `topics`; it cannot be done before every topic has its ends. */
export function createCaughtUpWatch(topics: readonly string[]): CaughtUpWatch {
	const ends = new Map<string, readonly PartitionEnd[]>();
	let pending: PartitionEnd[] = [];
	let isDone = false;
	let resolve!: () => void;
	const done = new Promise<void>((resolvePromise) => {
		resolve = resolvePromise;
	});
	return {
		setEnds(topic, topicEnds) {
			ends.set(topic, topicEnds);
		},
		check(position) {
			if (isDone) return true;
			if (!topics.every((topic) => ends.has(topic))) return false;
			pending = [...ends.values()]
				.flat()
				.filter((end) => !isPartitionDone(end, position(end.topic, end.partition)));
			if (pending.length === 0) {
				isDone = true;
				resolve();
			}
			return isDone;
		},
		pending: () => pending,
		done,
		get isDone() {
			return isDone;
		},
	};
}
