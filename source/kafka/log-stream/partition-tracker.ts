import type {PartitionStatus} from '../../stream/stream-status.js';

/** Seconds of history behind `rate`. */
const RATE_WINDOW_SECONDS = 5;

type PartitionState = {
	topic: string;
	partition: number;
	/** Offset of the last record handed over, -1 before the first. */
	lastOffset: number;
	/** Next offset this run will read (our position), -1 when not known yet. */
	position: number;
	highWatermark: number;
	assigned: boolean;
	/** Records per whole second, keyed by `Math.floor(ms / 1000)`. */
	perSecond: Map<number, number>;
};

/** Per-partition bookkeeping of the stream: positions, high watermarks, lag and rates. */
export type PartitionTracker = {
	/** Mark exactly these partitions of `topic` as ours (after a group join). */
	setAssigned(topic: string, partitions: readonly number[]): void;
	/** Mark every partition as not ours (the consumer left or crashed). */
	unassignAll(): void;
	/** Set the next offset to read (start position, seek). */
	setPosition(topic: string, partition: number, position: number): void;
	/**
	 * A batch was handed over: `records` records, the last of them at `lastRecordOffset`
	 * (undefined when the batch held only control records or aborted ones), and the batch
	 * ended at `batchLastOffset` (so the next offset to read is `batchLastOffset + 1`).
	 */
	recordBatch(
		topic: string,
		partition: number,
		batch: {records: number; lastRecordOffset?: number; batchLastOffset: number; highWatermark?: number},
	): void;
	setHighWatermark(topic: string, partition: number, highWatermark: number): void;
	/** Forget every partition of `topic` (it was deleted: a new one may come with other partitions). */
	forgetTopic(topic: string): void;
	/** Our next offset to read, or undefined when unknown. */
	position(topic: string, partition: number): number | undefined;
	/** Every known partition's status, ordered by topic and partition. */
	snapshot(): PartitionStatus[];
	/** Bumped on every change. */
	readonly version: number;
};

/** Build a tracker; `now` is injectable so rate tests need no real time. */
export function createPartitionTracker(now: () => number = Date.now): PartitionTracker {
	const states = new Map<string, PartitionState>();
	let version = 0;

	const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;
	const stateOf = (topic: string, partition: number): PartitionState => {
		const id = key(topic, partition);
		let state = states.get(id);
		if (!state) {
			state = {
				topic,
				partition,
				lastOffset: -1,
				position: -1,
				highWatermark: -1,
				assigned: false,
				perSecond: new Map(),
			};
			states.set(id, state);
		}
		return state;
	};

	const rateOf = (state: PartitionState, second: number): number => {
		let total = 0;
		for (const [at, count] of state.perSecond) {
			// The current second is still filling up, so the window is the last full seconds.
			if (at < second && at >= second - RATE_WINDOW_SECONDS) total += count;
			else if (at < second - RATE_WINDOW_SECONDS) state.perSecond.delete(at);
		}
		return total / RATE_WINDOW_SECONDS;
	};

	return {
		setAssigned(topic, partitions) {
			const owned = new Set(partitions);
			for (const partition of partitions) stateOf(topic, partition);
			for (const state of states.values()) {
				if (state.topic === topic) state.assigned = owned.has(state.partition);
			}
			version += 1;
		},
		unassignAll() {
			for (const state of states.values()) state.assigned = false;
			version += 1;
		},
		setPosition(topic, partition, position) {
			stateOf(topic, partition).position = position;
			version += 1;
		},
		recordBatch(topic, partition, batch) {
			const state = stateOf(topic, partition);
			if (batch.lastRecordOffset !== undefined) state.lastOffset = batch.lastRecordOffset;
			state.position = Math.max(state.position, batch.batchLastOffset + 1);
			if (batch.highWatermark !== undefined && batch.highWatermark >= 0) {
				state.highWatermark = batch.highWatermark;
			}
			if (batch.records > 0) {
				const second = Math.floor(now() / 1000);
				state.perSecond.set(second, (state.perSecond.get(second) ?? 0) + batch.records);
			}
			version += 1;
		},
		setHighWatermark(topic, partition, highWatermark) {
			const state = stateOf(topic, partition);
			if (state.highWatermark !== highWatermark) {
				state.highWatermark = highWatermark;
				version += 1;
			}
		},
		forgetTopic(topic) {
			for (const [id, state] of states) if (state.topic === topic) states.delete(id);
			version += 1;
		},
		position(topic, partition) {
			const state = states.get(key(topic, partition));
			return state && state.position >= 0 ? state.position : undefined;
		},
		snapshot() {
			const second = Math.floor(now() / 1000);
			return [...states.values()]
				.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1))
				.map((state) => ({
					topic: state.topic,
					partition: state.partition,
					offset: state.lastOffset,
					highWatermark: state.highWatermark,
					lag:
						state.highWatermark >= 0 && state.position >= 0
							? Math.max(0, state.highWatermark - state.position)
							: 0,
					rate: rateOf(state, second),
					assigned: state.assigned,
				}));
		},
		get version() {
			return version;
		},
	};
}
