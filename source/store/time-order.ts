import type {LogRecord} from '../record/log-record.js';

/**
 * Puts records of several partitions in time order before they are shown. Kafka orders records
 * only within a partition and hands them over a partition's batch at a time, so shown as they
 * come, times jump backwards at every batch of another partition.
 *
 * This is a k-way merge of the partitions' queues by record time, where a record leaves only
 * once no partition could still bring an earlier one:
 * - every partition this buffer knows of has a record queued (the merge needs no waiting), and
 *   none was first seen in the last `liveHoldMs` (a fetch's other partitions may be on the way), or
 * - a partition with nothing queued is still reading a backlog (its last batch ended below the
 *   high watermark: the start window, a re-read): its next batch is a fetch away, so the record
 *   waits for it, at most `catchUpHoldMs` after it arrived, or
 * - every partition with nothing queued is live: the record waits out the reorder window,
 *   `liveHoldMs` after it arrived, for another partition's record with an earlier time.
 * Within a partition nothing is reordered: a partition's records leave in the order they came
 * (offsets only grow, so the store's de-duplication by offset still holds). A record that
 * arrives after the records of a later time already left goes out as it comes, after them: what
 * was shown is never rewritten. More than `maxRecords` records or `maxChars` characters held
 * and the earliest leave at once: memory stays bounded whatever the partitions do.
 *
 * The time is the record's `time` (the log's own timestamp, else Kafka's), the time the screen
 * shows; then Kafka's timestamp; a record with neither (0 or less, not a number) sorts with the
 * record before it in its partition, so it keeps its place in arrival order.
 *
 * Pure: the caller passes the clock and drives `take` (`time-ordered-intake.ts` with a timer).
 */

/** What the buffer reads of a record. */
export type OrderedRecord = Pick<
	LogRecord,
	'topic' | 'partition' | 'time' | 'kafkaTime' | 'message' | 'value'
>;

/**
 * One partition's batch as the merge reads it, whatever its items are: records (the TUI, plain
 * text) or lines packed in the stream worker (plain `--output json`, plain/json-line-packing.ts),
 * so both go through the same merge without an object per item.
 */
export type OrderBatch = {
	topic: string;
	partition: number;
	count: number;
	/** Item `index`'s own time and Kafka's (0 or less, or not a number: none). */
	time(index: number): number;
	kafkaTime(index: number): number;
	/** Item `index`'s size in characters (or bytes), for the memory bound. */
	chars(index: number): number;
	/** The size of items `from` to `to` (excluded) at once, when the batch can tell it so (lines in one buffer). */
	charsBetween?(from: number, to: number): number;
};

/** Items `from` (included) to `to` (excluded) of one batch, leaving together. */
export type OrderRun<B extends OrderBatch> = {batch: B; from: number; to: number};

export type TimeOrderOptions = {
	/** Longest a record waits for a live partition's earlier record (the reorder window). Default 300 ms. */
	liveHoldMs?: number;
	/** Longest a record waits for the next batch of a partition still reading its backlog. Default 1500 ms. */
	catchUpHoldMs?: number;
	/** Most records held; past it the earliest leave at once. Default 20 000. */
	maxRecords?: number;
	/** Most characters (message + value) held; past it the earliest leave at once. Default 16 Mi. */
	maxChars?: number;
};

/**
 * 300 ms: the skew between producers' clocks and between partitions' batches that we absorb,
 * short enough that a live line still appears at once to the eye.
 */
export const LIVE_HOLD_MS = 300;
/** A backlog's next batch is one fetch away (well under a second); a leader that went away must not freeze the view. */
export const CATCH_UP_HOLD_MS = 1500;
export const MAX_HELD_RECORDS = 20_000;
export const MAX_HELD_CHARS = 16 * 1024 * 1024;
/**
 * The bound for plain `--output json`'s packed lines (their bytes): a held line keeps its whole
 * batch's buffer alive, and at 16 Mi the plain run's peak RSS was 40-65 MB above what it was
 * before the time order. 2 Mi is still a few fetches of every partition (128 KB each).
 */
export const MAX_HELD_LINE_BYTES = 2 * 1024 * 1024;

export type BatchTimeOrder<B extends OrderBatch> = {
	/**
	 * One batch of one partition (not empty), in its order, arriving at `now`. `behind`: the batch ended
	 * below the partition's high watermark, so more of it is being read. `whenOut` is handed back
	 * by `leftBatches` once the batch's last record has left (what `--commit` may then commit).
	 */
	push(batch: B, now: number, behind?: boolean, whenOut?: () => void): void;
	/**
	 * The partitions the stream reads, with how many records each still has to read: a partition
	 * not seen yet is waited for (when it has records to read) or counted as live, and once every
	 * partition seen is among them, a full merge needs no wait for partitions yet unknown.
	 */
	announce(partitions: readonly AnnouncedPartition[], now: number): void;
	/** The `whenOut` of batches whose last record left since the last call, in the order they left. */
	leftBatches(): (() => void)[];
	/** The items that may leave at `now`, in time order, as runs of consecutive items of a batch. */
	take(now: number): OrderRun<B>[];
	/** Everything held, in time order (end of the run, a re-seek, a topic created again). */
	flush(): OrderRun<B>[];
	/** When `take` may next give something (ms), or undefined while nothing is held. */
	nextDue(now: number): number | undefined;
	/** Records held. */
	readonly size: number;
};

/** The same over arrays of records, records out (what the tests and the record path use). */
export type TimeOrderBuffer<R extends OrderedRecord> = Omit<
	BatchTimeOrder<OrderBatch>,
	'push' | 'take' | 'flush'
> & {
	push(records: readonly R[], now: number, behind?: boolean, whenOut?: () => void): void;
	take(now: number): R[];
	flush(): R[];
};

/** A partition as the stream's partition table has it. */
export type AnnouncedPartition = {topic: string; partition: number; lag: number};

/** One pushed batch while it is held: the batch and its items' sort keys, no object per item. */
type Chunk<B> = {
	batch: B;
	keys: Float64Array;
	arrived: number;
	/** Arrival order of the first record (ties between equal times go by arrival). */
	order: number;
	/** What `push` was given to call once the whole batch left. */
	whenOut: (() => void) | undefined;
};

type Lane<B> = {
	id: string;
	chunks: Chunk<B>[];
	/** The head item: item `index` of `chunks[first].batch` (chunks are compacted now and then, not shifted). */
	first: number;
	index: number;
	/** The head's sort key and arrival order, kept at hand for the heap. */
	headKey: number;
	headOrder: number;
	/** Sort key of the partition's last record: what a record without a time takes. */
	lastKey: number;
	/** Until when an empty queue means "more is being read" (its last batch was behind). */
	behindUntil: number;
	/** Position in the heap, -1 while the queue is empty. */
	slot: number;
};

function usableTime(time: number): boolean {
	return time > 0 && Number.isFinite(time);
}

/** Records as a batch (`records[0]` gives the partition: a batch is one partition's). */
export function recordBatch<R extends OrderedRecord>(
	records: readonly R[],
): OrderBatch & {records: readonly R[]} {
	const first = records[0]!;
	return {
		topic: first.topic,
		partition: first.partition,
		count: records.length,
		time: (index) => records[index]!.time,
		kafkaTime: (index) => records[index]!.kafkaTime,
		chars: (index) => records[index]!.message.length + (records[index]!.value?.length ?? 0),
		records,
	};
}

/** The records of runs of `recordBatch`es, in order. */
export function recordsOf<R extends OrderedRecord>(
	runs: readonly OrderRun<OrderBatch & {records: readonly R[]}>[],
): R[] {
	if (runs.length === 1) return runs[0]!.batch.records.slice(runs[0]!.from, runs[0]!.to);
	const out: R[] = [];
	for (const {batch, from, to} of runs)
		for (let index = from; index < to; index++) out.push(batch.records[index]!);
	return out;
}

export function createTimeOrderBuffer<R extends OrderedRecord>(
	options: TimeOrderOptions = {},
): TimeOrderBuffer<R> {
	const order = createBatchTimeOrder<OrderBatch & {records: readonly R[]}>(options);
	return {
		push(records, now, behind, whenOut) {
			if (records.length > 0) order.push(recordBatch(records), now, behind, whenOut);
		},
		take: (now) => recordsOf(order.take(now)),
		flush: () => recordsOf(order.flush()),
		announce: (partitions, now) => order.announce(partitions, now),
		leftBatches: () => order.leftBatches(),
		nextDue: (now) => order.nextDue(now),
		get size() {
			return order.size;
		},
	};
}

export function createBatchTimeOrder<B extends OrderBatch>(
	options: TimeOrderOptions = {},
): BatchTimeOrder<B> {
	const liveHoldMs = options.liveHoldMs ?? LIVE_HOLD_MS;
	const catchUpHoldMs = options.catchUpHoldMs ?? CATCH_UP_HOLD_MS;
	const maxRecords = options.maxRecords ?? MAX_HELD_RECORDS;
	const maxChars = options.maxChars ?? MAX_HELD_CHARS;

	const lanes = new Map<string, Lane<B>>();
	/** Lanes with a record queued, a binary min-heap by their head's (key, arrival order). */
	const heap: Lane<B>[] = [];
	let held = 0;
	let chars = 0;
	let arrivals = 0;
	let left: (() => void)[] = [];
	/** When the last lane was made: until `liveHoldMs` after, a full heap does not prove the merge complete. */
	let newLaneAt = Number.NEGATIVE_INFINITY;

	const laneId = (topic: string, partition: number) => `${topic}\u0000${partition}`;
	const addLane = (id: string, behindUntil: number): Lane<B> => {
		const lane: Lane<B> = {
			id,
			chunks: [],
			first: 0,
			index: 0,
			headKey: 0,
			headOrder: 0,
			lastKey: Number.NEGATIVE_INFINITY,
			behindUntil,
			slot: -1,
		};
		lanes.set(id, lane);
		return lane;
	};

	const before = (a: Lane<B>, b: Lane<B>) =>
		a.headKey < b.headKey || (a.headKey === b.headKey && a.headOrder < b.headOrder);
	const setHead = (lane: Lane<B>) => {
		const chunk = lane.chunks[lane.first]!;
		lane.headKey = chunk.keys[lane.index]!;
		lane.headOrder = chunk.order + lane.index;
	};
	const place = (lane: Lane<B>, slot: number) => {
		heap[slot] = lane;
		lane.slot = slot;
	};
	const siftUp = (slot: number) => {
		const lane = heap[slot]!;
		while (slot > 0) {
			const parent = (slot - 1) >> 1;
			if (!before(lane, heap[parent]!)) break;
			place(heap[parent]!, slot);
			slot = parent;
		}
		place(lane, slot);
	};
	const siftDown = (slot: number) => {
		const lane = heap[slot]!;
		for (;;) {
			const left = 2 * slot + 1;
			if (left >= heap.length) break;
			const right = left + 1;
			const child = right < heap.length && before(heap[right]!, heap[left]!) ? right : left;
			if (!before(heap[child]!, lane)) break;
			place(heap[child]!, slot);
			slot = child;
		}
		place(lane, slot);
	};
	const removeTop = () => {
		const top = heap[0]!;
		top.slot = -1;
		const last = heap.pop()!;
		if (last !== top) {
			place(last, 0);
			siftDown(0);
		}
	};

	/**
	 * The earliest held item leaves, onto `out`, with the items after it in its batch that are
	 * still earlier than every other lane's head (the heap's other lanes do not change
	 * meanwhile, so one comparison with the best of them each: a partition's run leaves at once,
	 * not an item and a sift at a time). `bounded`: only while more than the bounds are held
	 * (what made the first item leave). Its lane's next item (if any) then takes its place in
	 * the heap.
	 */
	const shift = (out: OrderRun<B>[], bounded: boolean): void => {
		const lane = heap[0]!;
		const chunk = lane.chunks[lane.first]!;
		const {batch, keys} = chunk;
		let otherKey = Number.POSITIVE_INFINITY;
		let otherOrder = Number.POSITIVE_INFINITY;
		if (heap.length > 1) {
			const other = heap.length > 2 && before(heap[2]!, heap[1]!) ? heap[2]! : heap[1]!;
			otherKey = other.headKey;
			otherOrder = other.headOrder;
		}
		const from = lane.index;
		let to = from + 1;
		const {count, charsBetween} = batch;
		// Sizes one by one only when they decide where a bounded run ends.
		const itemChars = bounded || charsBetween === undefined;
		if (itemChars) chars -= batch.chars(from);
		held--;
		for (; to < count; to++) {
			if (bounded && held <= maxRecords && chars <= maxChars) break;
			const key = keys[to]!;
			if (!(key < otherKey || (key === otherKey && chunk.order + to < otherOrder))) break;
			if (itemChars) chars -= batch.chars(to);
			held--;
		}
		if (!itemChars) chars -= charsBetween.call(batch, from, to);
		const last = out.at(-1);
		if (last !== undefined && last.batch === batch && last.to === from) last.to = to;
		else out.push({batch, from, to});
		lane.index = to;
		if (to === count) {
			if (chunk.whenOut) left.push(chunk.whenOut);
			lane.chunks[lane.first] = undefined as unknown as Chunk<B>;
			lane.first++;
			lane.index = 0;
			if (lane.first === lane.chunks.length) {
				lane.chunks = [];
				lane.first = 0;
				removeTop();
				return;
			}
			if (lane.first > 64 && lane.first * 2 > lane.chunks.length) {
				lane.chunks = lane.chunks.slice(lane.first);
				lane.first = 0;
			}
		}
		setHead(lane);
		siftDown(0);
	};

	/** True when a lane with nothing queued is still reading a backlog. */
	const catchingUp = (now: number): boolean => {
		for (const lane of lanes.values()) if (lane.slot === -1 && lane.behindUntil > now) return true;
		return false;
	};

	const overBounds = () => held > maxRecords || chars > maxChars;

	/**
	 * When the earliest held record may leave: at once when too much is held, or when every lane
	 * has a record queued and no lane appeared lately (a round's other partitions may still be on
	 * their way); else when the wait for the lanes with nothing queued runs out.
	 */
	const dueOf = (now: number, waitingForBacklog: boolean): number =>
		overBounds() ? Number.NEGATIVE_INFINITY : mergeDue(now, waitingForBacklog);
	/** `dueOf` but for the bounds. */
	const mergeDue = (now: number, waitingForBacklog: boolean): number => {
		if (heap.length === lanes.size && now >= newLaneAt + liveHoldMs) return Number.NEGATIVE_INFINITY;
		const top = heap[0]!;
		return top.chunks[top.first]!.arrived + (waitingForBacklog ? catchUpHoldMs : liveHoldMs);
	};

	return {
		push(batch, now, behind = false, whenOut) {
			if (batch.count === 0) return;
			const id = laneId(batch.topic, batch.partition);
			let lane = lanes.get(id);
			if (lane === undefined) {
				lane = addLane(id, 0);
				newLaneAt = now;
			}
			const count = batch.count;
			const keys = new Float64Array(count);
			let lastKey = lane.lastKey;
			const {charsBetween} = batch;
			for (let index = 0; index < count; index++) {
				const time = batch.time(index);
				if (usableTime(time)) lastKey = time;
				else {
					const kafkaTime = batch.kafkaTime(index);
					if (usableTime(kafkaTime)) lastKey = kafkaTime;
				}
				keys[index] = lastKey;
				if (charsBetween === undefined) chars += batch.chars(index);
			}
			if (charsBetween !== undefined) chars += charsBetween.call(batch, 0, count);
			lane.lastKey = lastKey;
			lane.chunks.push({batch, keys, arrived: now, order: arrivals, whenOut});
			arrivals += count;
			held += count;
			lane.behindUntil = behind ? now + catchUpHoldMs : 0;
			if (lane.slot === -1) {
				setHead(lane);
				heap.push(lane);
				siftUp(heap.length - 1);
			}
		},
		take(now) {
			const out: OrderRun<B>[] = [];
			let waitingForBacklog = catchingUp(now);
			while (heap.length > 0) {
				const free = mergeDue(now, waitingForBacklog) <= now;
				if (!free && !overBounds()) break;
				const lane = heap[0]!;
				shift(out, !free);
				if (lane.slot === -1 && lane.behindUntil > now) waitingForBacklog = true;
			}
			return out;
		},
		flush() {
			const out: OrderRun<B>[] = [];
			while (heap.length > 0) shift(out, false);
			return out;
		},
		nextDue(now) {
			if (heap.length === 0) return undefined;
			let soonest = dueOf(now, catchingUp(now));
			// The lanes settle, or one stops counting as catching up: either may shorten the wait.
			if (newLaneAt + liveHoldMs > now) soonest = Math.min(soonest, newLaneAt + liveHoldMs);
			for (const lane of lanes.values()) {
				if (lane.slot === -1 && lane.behindUntil > now) soonest = Math.min(soonest, lane.behindUntil);
			}
			return soonest;
		},
		announce(partitions, now) {
			const announced = new Set<string>();
			for (const {topic, partition, lag} of partitions) {
				const id = laneId(topic, partition);
				announced.add(id);
				// Only partitions not seen yet: a seen one's own batches say better whether it is behind.
				if (!lanes.has(id)) addLane(id, lag > 0 ? now + catchUpHoldMs : 0);
			}
			let all = true;
			for (const id of lanes.keys()) if (!announced.has(id)) all = false;
			if (all) newLaneAt = Number.NEGATIVE_INFINITY;
		},
		leftBatches() {
			const out = left;
			if (out.length > 0) left = [];
			return out;
		},
		get size() {
			return held;
		},
	};
}
