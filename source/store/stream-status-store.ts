import type {
	ConnectionState,
	PartitionStatus,
	StreamStatus,
	StreamStatusStore,
} from '../stream/stream-status.js';
import {DEFAULT_BUSY_SHARE, ThrottledNotifier} from './throttled-notifier.js';

export type StreamStatusStoreOptions = {
	/** Listener runs per second at most, default 20. */
	maxHz?: number;
	/**
	 * Longest share of the time listeners may take (they draw the screen): slower listeners
	 * are called less often, down to twice a second. Default `DEFAULT_BUSY_SHARE` (a quarter).
	 */
	busyShare?: number;
	/** The clock, injectable for tests. */
	now?: () => number;
};

/** How far back the topic rate looks (the high watermarks are refreshed every 2 s or so). */
const TOPIC_RATE_WINDOW_MS = 10_000;

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
		topicRate: 0,
	};
	let status: StreamStatus = Object.freeze(initial);
	const now = options.now ?? Date.now;
	/** (time, sum of known high watermarks) samples within the rate window, oldest first. */
	const samples: {at: number; sum: number; known: string}[] = [];

	/** Records per second arriving in the topics, from the growth of their high watermarks. */
	function topicRate(partitions: readonly PartitionStatus[]): number {
		const at = now();
		let sum = 0;
		const known: string[] = [];
		for (const partition of partitions) {
			if (partition.highWatermark < 0) continue;
			sum += partition.highWatermark;
			known.push(`${partition.topic}\u0000${partition.partition}`);
		}
		// A partition appearing or going (or a topic created again) changes the sum without records.
		const key = known.join('\u0001');
		if (samples.length > 0 && samples.at(-1)!.known !== key) samples.length = 0;
		samples.push({at, sum, known: key});
		while (samples.length > 2 && at - samples[1]!.at >= TOPIC_RATE_WINDOW_MS) samples.shift();
		const first = samples[0]!;
		const seconds = (at - first.at) / 1000;
		return seconds > 0 ? Math.max(0, (sum - first.sum) / seconds) : 0;
	}

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
			update({partitions: Object.freeze(sorted), totalLag: totalLag(sorted), topicRate: topicRate(sorted)});
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
