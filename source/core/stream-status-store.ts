import type {ConnectionState, PartitionStatus, StreamStatus, StreamStatusStore} from './stream-status.js';
import {DEFAULT_BUSY_SHARE, ThrottledNotifier} from './throttled-notifier.js';

export type StreamStatusStoreOptions = {
	/** Listener runs per second at most, default 20. */
	maxHz?: number;
	/**
	 * Longest share of the time listeners may take (they draw the screen): slower listeners
	 * are called less often, down to twice a second. Default `DEFAULT_BUSY_SHARE` (a quarter).
	 */
	busyShare?: number;
};

/** A `StreamStatusStore` that also lets its owner stop its timers. */
export type DisposableStreamStatusStore = StreamStatusStore & {
	/** Stop pending notifications (timers are unref'd anyway). */
	dispose(): void;
};

/**
 * The stream status outside React: the adapter sets, components subscribe.
 *
 * `get()` returns an immutable snapshot that changes identity only when
 * something changed, as `useSyncExternalStore` needs. Partitions are kept
 * sorted by topic and partition so the panel does not jump around.
 */
export function createStreamStatusStore(options: StreamStatusStoreOptions = {}): DisposableStreamStatusStore {
	const notifier = new ThrottledNotifier({
		...(options.maxHz === undefined ? {} : {maxHz: options.maxHz}),
		busyShare: options.busyShare ?? DEFAULT_BUSY_SHARE,
	});
	const initial: StreamStatus = {
		connection: {kind: 'connecting'},
		paused: false,
		partitions: Object.freeze([]),
		totalLag: 0,
	};
	let status: StreamStatus = Object.freeze(initial);

	function update(next: Partial<StreamStatus>): void {
		status = Object.freeze({...status, ...next});
		notifier.notify();
	}

	return {
		get: () => status,
		setConnection(state: ConnectionState) {
			if (!sameConnection(status.connection, state)) {
				update({connection: Object.freeze({...state})});
			}
		},
		setPaused(paused: boolean) {
			if (status.paused !== paused) {
				update({paused});
			}
		},
		setPartitions(partitions: readonly PartitionStatus[]) {
			const sorted = partitions
				.map((partition) => Object.freeze({...partition}))
				.sort((left, right) =>
					left.topic === right.topic ? left.partition - right.partition : left.topic < right.topic ? -1 : 1,
				);
			update({partitions: Object.freeze(sorted), totalLag: totalLag(sorted)});
		},
		subscribe: (listener) => notifier.subscribe(listener),
		dispose: () => notifier.dispose(),
	};
}

/** Backlog: lag summed over the partitions this consumer owns (unknown lag counts as none). */
function totalLag(partitions: readonly PartitionStatus[]): number {
	let sum = 0;
	for (const partition of partitions) {
		if (partition.assigned && partition.lag > 0) {
			sum += partition.lag;
		}
	}

	return sum;
}

function sameConnection(left: ConnectionState, right: ConnectionState): boolean {
	const leftEntries = Object.entries(left);
	if (leftEntries.length !== Object.keys(right).length) {
		return false;
	}

	return leftEntries.every(([key, value]) => (right as Record<string, unknown>)[key] === value);
}
