import type {PartitionStatus} from '../../stream/stream-status.js';

/** The partition table for the receiver, at most once per `everyMs`. */
export type PartitionReporter = {
	/** The table changed: send it soon (at once when the last one went long enough ago). */
	schedule(): void;
	/** Send it now, outside the schedule (the last one, on stop). */
	emitNow(): void;
	/** No more scheduled sends. */
	dispose(): void;
};

export type PartitionReporterOptions = {
	snapshot: () => PartitionStatus[];
	onPartitions?: (partitions: PartitionStatus[]) => void;
	everyMs?: number;
	now?: () => number;
};

export function createPartitionReporter({
	snapshot,
	onPartitions,
	everyMs = 250,
	now = Date.now,
}: PartitionReporterOptions): PartitionReporter {
	let timer: NodeJS.Timeout | undefined;
	let lastAt = 0;
	const emit = () => {
		timer = undefined;
		lastAt = now();
		onPartitions?.(snapshot());
	};
	return {
		schedule() {
			if (!onPartitions || timer) return;
			timer = setTimeout(emit, Math.max(0, lastAt + everyMs - now()));
		},
		emitNow: () => onPartitions?.(snapshot()),
		dispose: () => clearTimeout(timer),
	};
}
