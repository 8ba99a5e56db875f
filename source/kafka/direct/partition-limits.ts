/**
 * Per-partition fetch limits that grow to fit the producer's batches.
 *
 * A producer may write batches bigger than our partition limit (librdkafka's batch.size is
 * 1 MB, ours 128 KB). KIP-74 sends such a batch whole only to the first partition of a
 * response; the others get nothing, so each fetch round moved one partition (500k records of
 * kcat's batches on 6 partitions: 134 rounds, 41 with this). A partition that came back empty
 * though it has records is asked for more (fetch-records.ts says how much); the most it ever
 * needed stays, bounded by the whole response's limit.
 */
export type PartitionLimits = {
	/** The limit to ask for `partition`: `base`, or more once its batches proved bigger. */
	limit(topic: string, partition: number, base: number): number;
	/** A partition's fetch said its next batch needs `firstBatchBytes`. */
	learn(fetched: {topic: string; partition: number; firstBatchBytes?: number}): void;
};

export function createPartitionLimits(most: number): PartitionLimits {
	const needed = new Map<string, number>();
	const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;
	return {
		limit: (topic, partition, base) => Math.min(most, Math.max(base, needed.get(key(topic, partition)) ?? 0)),
		learn({topic, partition, firstBatchBytes}) {
			if (firstBatchBytes === undefined) return;
			const at = key(topic, partition);
			needed.set(at, Math.max(firstBatchBytes, needed.get(at) ?? 0));
		},
	};
}
