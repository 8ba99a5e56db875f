/**
 * The sizes of one benchmark run. The full run is sized to finish in under 10 minutes on an
 * otherwise idle 2-core machine (broker, producer and contender share the two cores): sized from
 * the CPU µs per record of quick runs (about 1 kcat, 26 classic, 9 bare, 31 plain, 45 TUI for
 * 200 B records), the main variant's 3 x 1 000 000 records take about 6 minutes, which leaves
 * about 4 for the rest. `--quick` is for development: 100 000 records, one run each.
 */
export type BenchConfig = {
	quick: boolean;
	/** Timed runs per contender and variant (they alternate: run 1 of each, then run 2 of each...). */
	runs: number;
	/** The main variant: records of about 200 bytes in a 6-partition topic. */
	mainRecords: number;
	/** The 1 KB variant. Fewer records: 1 000 000 x 1 KB would be 1 GB to fill and read 15 times. */
	kilobyteRecords: number;
	/** The small point of the records scaling rows (the large point is the main variant). */
	scaleSmallRecords: number;
	/** Records in each topic of the partition scaling rows (1, 6 and 12 partitions). */
	partitionScaleRecords: number;
	/** Records buffered before the TUI latency phase starts (the store's default capacity). */
	liveBufferedRecords: number;
	/** Records per second streamed in during the latency phase. */
	liveRate: number;
	/** How long the latency phase streams and presses keys. */
	liveSeconds: number;
	/**
	 * One latency phase per list, each on a fresh topic: the keys pressed once before it measures,
	 * the panels to have open meanwhile (empty: the log view alone; `T` the timeline; `L` the lag
	 * panel, issue 14's done-when).
	 */
	liveKeySets: ReadonlyArray<readonly string[]>;
	/** Records of each compressed variant (200 B records, 6 partitions, lz4 and zstd), and of `--focus plain`'s uncompressed run. */
	compressedRecords: number;
};

/** The sizes of a full run and of `--quick`. */
export function benchConfig(quick: boolean): BenchConfig {
	return quick
		? {
				quick,
				runs: 1,
				mainRecords: 100_000,
				kilobyteRecords: 20_000,
				scaleSmallRecords: 20_000,
				partitionScaleRecords: 50_000,
				liveBufferedRecords: 50_000,
				liveRate: 20_000,
				liveSeconds: 6,
				liveKeySets: [[], ['T'], ['L']],
				compressedRecords: 100_000,
			}
		: {
				quick,
				runs: 3,
				mainRecords: 1_000_000,
				kilobyteRecords: 100_000,
				scaleSmallRecords: 100_000,
				partitionScaleRecords: 200_000,
				liveBufferedRecords: 50_000,
				liveRate: 20_000,
				liveSeconds: 10,
				liveKeySets: [[], ['T'], ['L']],
				compressedRecords: 500_000,
			};
}
