/**
 * The offsets `--commit` may commit: per partition, the offset after the last batch that reached
 * the output. Never further: a record fetched but dropped (paused, stale after a seek) or still
 * on its way to the output is not committed, so the group never claims a record nobody saw.
 * Pure bookkeeping; the log stream commits what `take()` returns.
 */

/** One partition's offset to commit (kafkajs' `commitOffsets` shape). */
export type CommitEntry = {topic: string; partition: number; offset: string};

export type ShownOffsets = {
	/**
	 * A batch was handed on, its next offset is `next`. Without acknowledgements it counts as
	 * shown at once; with them, only when `acknowledge()` is called for it.
	 */
	handed(topic: string, partition: number, next: number): void;
	/** The oldest handed batch not yet acknowledged reached the output. */
	acknowledge(): void;
	/** Offsets shown since the last `take()`, one entry per partition. */
	take(): CommitEntry[];
	/** A commit failed: keep its entries for the next one, unless a newer offset came meanwhile. */
	putBack(entries: readonly CommitEntry[]): void;
};

/**
 * `acknowledged`: batches count as shown only on `acknowledge()`, in the order they were handed
 * (the stream worker: a batch is shown once the main thread has handled it).
 */
export function createShownOffsets(options: {acknowledged: boolean}): ShownOffsets {
	const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;
	const ready = new Map<string, CommitEntry>();
	const unacknowledged: CommitEntry[] = [];
	let head = 0;
	const show = (entry: CommitEntry) => ready.set(key(entry.topic, entry.partition), entry);
	return {
		handed(topic, partition, next) {
			const entry = {topic, partition, offset: String(next)};
			if (options.acknowledged) unacknowledged.push(entry);
			else show(entry);
		},
		acknowledge() {
			const entry = unacknowledged[head];
			if (!entry) return;
			head += 1;
			// Compact now and then instead of shifting on every acknowledgement.
			if (head > 1024 && head * 2 > unacknowledged.length) {
				unacknowledged.splice(0, head);
				head = 0;
			}
			show(entry);
		},
		take() {
			const entries = [...ready.values()];
			ready.clear();
			return entries;
		},
		putBack(entries) {
			for (const entry of entries) {
				const id = key(entry.topic, entry.partition);
				if (!ready.has(id)) ready.set(id, entry);
			}
		},
	};
}
