import {
	type AnnouncedPartition,
	createBatchTimeOrder,
	type OrderBatch,
	type OrderedRecord,
	type OrderRun,
	recordBatch,
	recordsOf,
	type TimeOrderOptions,
} from './time-order.js';

/**
 * A `TimeOrderBuffer` (time-order.ts) with a timer: batches go in as the stream hands them over,
 * and `deliver` gets the records in time order as soon as they may leave, the last ones when
 * their wait runs out. The TUI's store and plain output take their records through one.
 */
export type TimeOrderedIntake<R extends OrderedRecord> = Omit<BatchIntake<OrderBatch>, 'push'> & {
	/** One partition's batch, as `BatchIntake.push`. */
	push(records: readonly R[], behind?: boolean): Promise<void>;
};

/** The same over any `OrderBatch` (plain `--output json`'s packed lines): runs of items go out. */
export type BatchIntake<B extends OrderBatch> = {
	/**
	 * One partition's batch; `behind`: more of that partition is being read (see
	 * `TimeOrderBuffer.push`). Resolves once `deliver` has had the batch's last record.
	 */
	push(batch: B, behind?: boolean): Promise<void>;
	/** The stream's partition table (see `TimeOrderBuffer.announce`): what is no longer waited for goes now. */
	announce(partitions: readonly AnnouncedPartition[]): void;
	/**
	 * Deliver everything held now, in time order: before the run ends (`--exit`), the view is
	 * cleared for a re-seek, or a topic's offsets are forgotten (held records of the old
	 * offsets must reach the store first, or its de-duplication would take the new ones for them).
	 */
	flush(): void;
	/** Stop the timer; what is still held stays undelivered (flush first to keep it); later batches go straight through. */
	dispose(): void;
	/** Records held. */
	readonly size: number;
};

export type TimeOrderedIntakeOptions = TimeOrderOptions & {
	/** Clock, injectable for tests. */
	now?: () => number;
};

export function createTimeOrderedIntake<R extends OrderedRecord>(
	deliver: (records: R[]) => void,
	options: TimeOrderedIntakeOptions = {},
): TimeOrderedIntake<R> {
	const intake = createBatchIntake<OrderBatch & {records: readonly R[]}>(
		(runs) => deliver(recordsOf(runs)),
		options,
	);
	return {
		push: (records, behind) =>
			records.length === 0 ? Promise.resolve() : intake.push(recordBatch(records), behind),
		announce: (partitions) => intake.announce(partitions),
		flush: () => intake.flush(),
		dispose: () => intake.dispose(),
		get size() {
			return intake.size;
		},
	};
}

export function createBatchIntake<B extends OrderBatch>(
	deliver: (runs: OrderRun<B>[]) => void,
	options: TimeOrderedIntakeOptions = {},
): BatchIntake<B> {
	const now = options.now ?? Date.now;
	const buffer = createBatchTimeOrder<B>(options);
	let timer: ReturnType<typeof setTimeout> | undefined;
	let timerDue = Number.POSITIVE_INFINITY;
	let disposed = false;

	const schedule = () => {
		const at = now();
		const due = buffer.nextDue(at);
		if (due === undefined || disposed || due >= timerDue) return;
		clearTimeout(timer);
		timerDue = due;
		timer = setTimeout(onTimer, Math.max(0, due - at));
		// The stream keeps the process alive, not the records it already handed over.
		timer.unref?.();
	};

	const hand = (runs: OrderRun<B>[]) => {
		if (runs.length === 0) return;
		deliver(runs);
		for (const batchLeft of buffer.leftBatches()) batchLeft();
	};

	const release = () => {
		hand(buffer.take(now()));
		schedule();
	};

	function onTimer() {
		timer = undefined;
		timerDue = Number.POSITIVE_INFINITY;
		release();
	}

	return {
		push(batch, behind = false) {
			if (batch.count === 0) return Promise.resolve();
			if (disposed) {
				deliver([{batch, from: 0, to: batch.count}]);
				return Promise.resolve();
			}
			const out = new Promise<void>((resolve) => buffer.push(batch, now(), behind, resolve));
			release();
			return out;
		},
		announce(partitions) {
			if (disposed) return;
			buffer.announce(partitions, now());
			release();
		},
		flush() {
			hand(buffer.flush());
		},
		dispose() {
			disposed = true;
			clearTimeout(timer);
			timer = undefined;
		},
		get size() {
			return buffer.size;
		},
	};
}
