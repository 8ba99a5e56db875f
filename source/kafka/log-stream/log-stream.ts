import type {Admin, Consumer, EachBatchPayload, Kafka, KafkaMessage} from 'kafkajs';
import type {RawRecord} from '../../record/log-record.js';
import type {GroupPolicy} from '../../stream/group-policy.js';
import type {StartPosition} from '../../stream/start-position.js';
import type {ConnectionState, PartitionStatus} from '../../stream/stream-status.js';
import {takeUndecodable} from '../codecs/undecodable-records.js';
import {createDirectSession} from '../direct/direct-session.js';
import {describeKafkaError, isFatalKafkaError} from '../error-reason.js';
import {createGroupGuard} from '../group-guard.js';
import {createKafka, type KafkaConnectionOptions} from '../kafka-client.js';
import {keepOffsetResetsLocal} from '../kafkajs-offset-reset.js';
import {createCaughtUpWatch, type PartitionEnd} from './caught-up.js';
import {createOffsetCommitter} from './offset-committer.js';
import {createPartitionStarts, type PartitionJoin} from './partition-starts.js';
import {createPartitionTracker} from './partition-tracker.js';
import {createStaleConsumers} from './stale-consumer.js';
import {type PartitionRange, startOffsets} from './start-offsets.js';
import {
	createTopicWatch,
	removedUnreadMessage,
	signalsTopicChange,
	type TopicChange,
	topicChangeMessage,
} from './topic-watch.js';

/** Everything a log stream needs: where, what, from where, and who to tell. */
export type LogStreamOptions = KafkaConnectionOptions & {
	topics: string[];
	groupId: string;
	start: StartPosition;
	/**
	 * Commit, per partition, the offset after the records handed to `onRecords` (never further).
	 * Default false: never commit unless asked.
	 */
	commitOffsets?: boolean;
	/**
	 * With `commitOffsets`: a batch counts as shown only when `acknowledgeRecords()` is called for
	 * it (in order), not when `onRecords` returns. The stream worker acknowledges once the main
	 * thread has handled the batch.
	 */
	acknowledgedRecords?: boolean;
	/** Whose group `groupId` is (stream/group-policy.ts); default a group of this run's own. */
	groupPolicy?: GroupPolicy;
	/**
	 * Read without any consumer group (`--without-group`, like `kcat -C`): straight from the
	 * partition leaders for the whole session; needs only topic READ/DESCRIBE. Default false:
	 * our own group, with the start window read straight from the leaders while it forms.
	 */
	withoutGroup?: boolean;
	/**
	 * The caller stops the stream once caught up (`--exit`): when the first direct fetch
	 * already reaches the end, no group is joined at all.
	 */
	finishAtEnd?: boolean;
	/** Longest a fetch waits for new records, default 250 ms, so pause/stop/seek react quickly. */
	maxWaitTimeInMs?: number;
	/**
	 * When a topic does not exist: `true` (default) reports it once through `onError`, shows
	 * `connecting` with the reason and keeps checking every 2 s; `false` stops the stream
	 * (state `stopped` with the reason, and `caughtUp()` rejects).
	 */
	waitForTopics?: boolean;
	/**
	 * Called once per batch, synchronously, with plain records. A returned promise holds the
	 * next fetch until it settles (backpressure: the stream worker waits for the main thread);
	 * the group is kept alive with heartbeats meanwhile, and `stop()` does not wait for it.
	 */
	onRecords: (records: RawRecord[]) => void | Promise<void>;
	onStatus?: (state: ConnectionState) => void;
	/** Partition table, at most about four times a second. */
	onPartitions?: (partitions: PartitionStatus[]) => void;
	/** One human line per problem the user should read (missing topic, failed authentication...). */
	onError?: (message: string) => void;
	/**
	 * A batch that cannot be decoded (corrupt, unknown codec) is always skipped with one
	 * `onError` line; with this, it also becomes one error record among the records (the TUI).
	 */
	undecodableAsRecords?: boolean;
	/**
	 * `topic` was deleted and created again: its offsets start again, so forget which of them
	 * were seen. Called after the old topic's last records and before the new one's first.
	 */
	onTopicReset?: (topic: string) => void;
};

/** A running (or retrying) stream of records from one consumer group of our own. */
export type LogStream = {
	/**
	 * Connect and start consuming. Never throws for cluster problems: it resolves once the
	 * consumer runs, or once the first attempt failed and retries are scheduled (see `onStatus`).
	 */
	start(): Promise<void>;
	/** Stop fetching (the backlog grows as lag) until `resume()`. */
	pause(): void;
	resume(): void;
	readonly paused: boolean;
	/** Move every partition to a new start position (the caller clears its view). */
	seek(start: StartPosition): Promise<void>;
	/** Leave the group (delete it when this run created it and did not commit), disconnect. Safe to call twice. */
	stop(): Promise<void>;
	/**
	 * Resolves when every partition reached the end offsets seen at start (like kcat -e).
	 * Rejects if the stream stops first.
	 */
	caughtUp(): Promise<void>;
	/** The latest connection state. */
	readonly state: ConnectionState;
};

/** A stream in this thread: also takes the acknowledgements of `acknowledgedRecords`. */
export type LocalLogStream = LogStream & {
	/** The oldest batch handed to `onRecords` and not yet acknowledged reached the output. */
	acknowledgeRecords(): void;
};

/** Retry backoff: 0.5 s doubling, capped at 10 s. */
function backoffMs(attempt: number): number {
	return Math.min(10_000, 500 * 2 ** Math.max(0, attempt - 1));
}

/** How often high watermarks are refreshed through the admin client while a topic is idle. */
const IDLE_REFRESH_MS = 2000;
/** At most this often `onPartitions`. */
const PARTITIONS_EVERY_MS = 250;
/** Heartbeat period while a batch handler holds the next fetch (well inside the 10 s session). */
const HOLD_HEARTBEAT_MS = 1000;
/**
 * Largest fetch per partition; a bigger record still arrives (Kafka returns at least one).
 * kafkajs' 1 MB default fetched no faster here and kept more memory busy (bench/bare-each-batch.js,
 * 1 000 000 records: the same time at 1 MB, 256 KB and 128 KB; peak RSS 163 -> 108 MB at 256 KB).
 */
const MAX_BYTES_PER_PARTITION = 128 * 1024;
/** How often a missing topic is looked for again. */
const TOPIC_WAIT_MS = 2000;
/**
 * How old kafkajs' metadata may get (its default is 5 min): it sees partitions added to a topic
 * only when it refreshes, and only then rejoins to be assigned them.
 */
const METADATA_MAX_AGE_MS = 4000;

/** Resolve `promise`, or give up quietly after `ms` (used on the way out, where a dead broker must not hang us). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
	let timer: NodeJS.Timeout | undefined;
	try {
		return await Promise.race([
			promise,
			new Promise<undefined>((resolve) => {
				timer = setTimeout(() => resolve(undefined), ms);
			}),
		]);
	} finally {
		clearTimeout(timer);
	}
}

/** kafkajs' offsets of a topic (strings) as numbers. */
function rangesOf(offsets: {partition: number; low: string; high: string}[]): PartitionRange[] {
	return offsets.map((entry) => ({
		partition: entry.partition,
		low: Number(entry.low),
		high: Number(entry.high),
	}));
}

function toRawRecord(topic: string, partition: number, message: KafkaMessage): RawRecord {
	return {
		topic,
		partition,
		offset: Number(message.offset),
		timestamp: Number(message.timestamp),
		key: message.key ?? null,
		value: message.value ?? null,
		headers: message.headers,
	};
}

/**
 * Build a log stream. It joins its own consumer group (`groupId`), seeks every assigned
 * partition itself (to the start position, and after any rebalance or reconnect to our own
 * next offset, because we never commit), and turns kafkajs events into plain data.
 */
export function createLogStream(options: LogStreamOptions): LocalLogStream {
	// Never commit behind the user's back, also when a position falls out of range.
	keepOffsetResetsLocal();
	const maxWaitTimeInMs = options.maxWaitTimeInMs ?? 250;
	const waitForTopics = options.waitForTopics ?? true;
	const commitOffsets = options.commitOffsets ?? false;
	const withoutGroup = options.withoutGroup ?? false;
	const brokersLabel = options.brokers.join(',');
	const stallMs = Math.max(3000, maxWaitTimeInMs * 8);

	const tracker = createPartitionTracker();
	const watch = createCaughtUpWatch(options.topics);
	/** Last warning or error kafkajs logged, the best reason we have for a stall. */
	let lastNote: {message: string; at: number} | undefined;
	const kafka: Kafka = createKafka(options, {
		onLogNote: (note) => {
			lastNote = {message: note.message, at: Date.now()};
			if (!positionsReady) return;
			// kafkajs is about to read this partition from its end: we choose (partition-starts.ts).
			if (note.message.startsWith('Offset out of range') && note.topic && note.partition !== undefined)
				partitionStarts.outOfRange(note.topic, note.partition, joinOf(consumer, generation));
			else if (signalsTopicChange(note)) topicWatch.soon();
		},
		// Few retries inside kafkajs: our own loop retries forever with a visible status.
		retry: {initialRetryTime: 250, maxRetryTime: 2000, retries: 2},
	});
	const guard = createGroupGuard({
		kafka,
		groupId: options.groupId,
		policy: options.groupPolicy ?? {named: false},
		commit: commitOffsets,
	});
	const committer = createOffsetCommitter({acknowledged: options.acknowledgedRecords === true});
	const stale = createStaleConsumers();

	let state: ConnectionState = {kind: 'connecting'};
	let paused = false;
	let stopping = false;
	let stopPromise: Promise<void> | undefined;
	let admin: Admin | undefined;
	let adminConnected = false;
	let consumer: Consumer | undefined;
	/** Bumped for every consumer we make; events and batches of an older one are ignored. */
	let generation = 0;
	let attempt = 0;
	let session: Promise<'running' | 'retry' | 'stopped'> | undefined;
	let positionsReady = false;
	/** Where the first session starts; a seek before the stream got that far replaces it. */
	let startPosition: StartPosition = options.start;
	let retryTimer: NodeJS.Timeout | undefined;
	let refreshTimer: NodeJS.Timeout | undefined;
	let watchdogTimer: NodeJS.Timeout | undefined;
	let partitionsTimer: NodeJS.Timeout | undefined;
	let lastPartitionsAt = 0;
	let lastFetchAt = Date.now();
	/** Batches whose receiver holds the next fetch (backpressure): the watchdog is quiet meanwhile. */
	let holding = 0;
	/** Set when the watchdog (not kafkajs) declared the stall, so data flowing again clears it. */
	let stalledByWatchdog = false;
	let assigned = new Map<string, number[]>();
	const lastBatchAt = new Map<string, number>();
	const reportedErrors = new Set<string>();
	/** Partitions the user re-seeked whose first batch from the new position has not arrived. */
	const seekPending = new Set<string>();
	const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;
	let resolveStopping!: () => void;
	const stoppingSignal = new Promise<void>((resolve) => {
		resolveStopping = resolve;
	});
	let resolveStopped!: () => void;
	const stoppedSignal = new Promise<void>((resolve) => {
		resolveStopped = resolve;
	});

	const setState = (next: ConnectionState) => {
		if (JSON.stringify(next) === JSON.stringify(state)) return;
		state = next;
		options.onStatus?.(next);
	};

	/** Data flows again (a clean fetch, or records): the stall the watchdog reported is over. */
	const endWatchdogStall = () => {
		if (!stalledByWatchdog) return;
		stalledByWatchdog = false;
		setState({kind: 'live'});
	};

	const reportOnce = (message: string) => {
		if (reportedErrors.has(message)) return;
		reportedErrors.add(message);
		options.onError?.(message);
	};

	const emitPartitions = () => {
		partitionsTimer = undefined;
		lastPartitionsAt = Date.now();
		options.onPartitions?.(tracker.snapshot());
	};
	const schedulePartitions = () => {
		if (!options.onPartitions || partitionsTimer) return;
		const wait = Math.max(0, lastPartitionsAt + PARTITIONS_EVERY_MS - Date.now());
		partitionsTimer = setTimeout(emitPartitions, wait);
	};

	const checkCaughtUp = () => {
		watch.check((topic, partition) => tracker.position(topic, partition));
	};

	const ensureAdmin = async (): Promise<Admin> => {
		admin ??= kafka.admin({retry: {retries: 2, initialRetryTime: 250, maxRetryTime: 2000}});
		if (!adminConnected) {
			await admin.connect();
			adminConnected = true;
		}
		return admin;
	};
	const dropAdminConnection = () => {
		// A new client next time: kafkajs keeps asking for every topic an admin client ever
		// looked at, and once one of them is deleted all its metadata requests fail.
		const old = admin;
		admin = undefined;
		if (old && adminConnected) void old.disconnect().catch(() => undefined);
		adminConnected = false;
	};

	/** A topic's partition offsets, through the admin client. */
	const topicRanges = async (topic: string): Promise<PartitionRange[]> => {
		try {
			return rangesOf(await (await ensureAdmin()).fetchTopicOffsets(topic));
		} catch (error) {
			dropAdminConnection();
			throw error;
		}
	};

	/** Partitions added after we started, or out of range: we choose where to read (partition-starts.ts). */
	const partitionStarts = createPartitionStarts({
		position: (topic, partition) => tracker.position(topic, partition),
		ranges: topicRanges,
		setPosition: (topic, partition, offset, high) => {
			tracker.setPosition(topic, partition, offset);
			tracker.setHighWatermark(topic, partition, high);
			schedulePartitions();
		},
		skipped: (topic, partition, from, to) =>
			options.onError?.(removedUnreadMessage(topic, partition, from, to)),
		wentBack: (topic) => topicWatch.report(topic, 'recreated'),
	});
	/** Seeks for consumer `target` of generation `mine`, while it is still ours. */
	const joinOf = (target: Consumer | undefined, mine: number): PartitionJoin => ({
		isCurrent: () => mine === generation && !stopping && target !== undefined,
		seek: (topic, partition, offset) => {
			try {
				target?.seek({topic, partition, offset: String(offset)});
			} catch {
				// Between runs: the next join looks again.
			}
		},
	});

	/** Topics deleted, created again or grown under us (see topic-watch.ts). */
	const topicWatch = createTopicWatch({
		topics: options.topics,
		tracker,
		ranges: topicRanges,
		exists: async (topic) => {
			try {
				return (await (await ensureAdmin()).listTopics()).includes(topic);
			} catch {
				dropAdminConnection();
				return undefined;
			}
		},
		busy: (topic) => Date.now() - (lastBatchAt.get(topic) ?? 0) < IDLE_REFRESH_MS && !paused,
		restart: (topic, change) => restartTopic(topic, change),
		changed: () => schedulePartitions(),
	});

	/** Offsets of `start` for every partition of every topic, through the admin client. */
	const computeStartOffsets = async (start: StartPosition) => {
		const client = await ensureAdmin();
		const result = new Map<string, {ranges: PartitionRange[]; offsets: Map<number, number>}>();
		for (const topic of options.topics) {
			const ranges = rangesOf(await client.fetchTopicOffsets(topic));
			let since: Map<number, number> | undefined;
			if (start.kind === 'since') {
				const byTime = await client.fetchTopicOffsetsByTimestamp(topic, start.time);
				since = new Map(byTime.map((entry) => [entry.partition, Number(entry.offset)]));
			}
			result.set(topic, {ranges, offsets: startOffsets(start, ranges, since)});
		}
		return result;
	};

	/** Seek every partition we own to our own next offset (after a join, a rebalance or a restart). */
	const seekAssigned = (target: Consumer) => {
		for (const [topic, partitions] of assigned) {
			for (const partition of partitions) {
				const position = tracker.position(topic, partition);
				// A partition we have never heard of (the topic grew): partitionStarts seeks it
				// to its log start once that is known.
				if (position === undefined) continue;
				try {
					target.seek({topic, partition, offset: String(position)});
				} catch {
					// The consumer is between runs; the next join seeks again.
				}
			}
		}
	};

	const applyPause = (target: Consumer) => {
		try {
			if (paused) target.pause(options.topics.map((topic) => ({topic})));
			else target.resume(options.topics.map((topic) => ({topic})));
		} catch {
			// Not running yet: the next group join applies it.
		}
	};

	/**
	 * One partition's batch, from the group or read directly: positions, records, caught-up.
	 * Returns what holds the next fetch (the receiver's backpressure), if anything.
	 */
	const deliverBatch = (
		topic: string,
		partition: number,
		messages: KafkaMessage[],
		batchLastOffset: number,
		highWatermark: number,
	): Promise<void> | undefined => {
		const sorted = takeUndecodable(
			messages.map((message) => toRawRecord(topic, partition, message)),
			options.undecodableAsRecords ?? false,
		);
		for (const problem of sorted.problems) reportOnce(problem);
		const records = sorted.records;
		tracker.recordBatch(topic, partition, {
			records: records.length,
			lastRecordOffset: records.at(-1)?.offset,
			batchLastOffset,
			highWatermark,
		});
		lastBatchAt.set(topic, Date.now());
		let held: Promise<void> | undefined;
		if (records.length > 0) {
			// Records prove that data flows, even while kafkajs still logs errors about a broker
			// that went away (then a FETCH alone does not count, see there), as after a node of a
			// cluster dies. lastFetchAt is fresh: kafkajs emits FETCH before it hands out batches.
			endWatchdogStall();
			try {
				// A receiver returns nothing (void) or a promise.
				held = options.onRecords(records) as Promise<void> | undefined;
				if (held) keepPendingHold(held);
				if (commitOffsets) committer.handed(topic, partition, Number(batchLastOffset) + 1);
			} catch (error) {
				reportOnce(`could not handle records: ${describeKafkaError(error)}`);
			}
		}
		checkCaughtUp();
		schedulePartitions();
		return held;
	};

	/**
	 * The receiver's hold on the last batch handed over by either path, until it settles: the
	 * group's first batch after the hand-over must wait for a batch the direct reader handed over.
	 */
	let pendingHold: Promise<void> | undefined;
	const keepPendingHold = (held: Promise<void>) => {
		const settled: Promise<void> = held.then(
			() => undefined,
			() => undefined,
		);
		pendingHold = settled;
		void settled.then(() => {
			if (pendingHold === settled) pendingHold = undefined;
		});
	};

	const onBatch = (mine: number) => async (payload: EachBatchPayload) => {
		const {batch, resolveOffset, isRunning, isStale, heartbeat} = payload;
		const dropped = () => mine !== generation || stopping || !isRunning() || isStale() || paused;
		// Batches of an older consumer, after stop, with a seek pending, or while paused are
		// dropped without resolving, so kafkajs fetches them again from our position.
		if (dropped()) return;
		if (pendingHold) {
			await holdFetching(pendingHold, heartbeat);
			if (dropped()) return;
		}
		if (partitionStarts.holds(batch.topic, batch.partition)) return;
		seekPending.delete(partitionKey(batch.topic, batch.partition));
		const batchLastOffset = batch.lastOffset();
		const held = deliverBatch(
			batch.topic,
			batch.partition,
			batch.messages,
			Number(batchLastOffset),
			Number(batch.highWatermark),
		);
		// With autoCommit off this only moves kafkajs' in-memory fetch position; passing the
		// batch's last offset also steps over a trailing transaction marker.
		resolveOffset(batchLastOffset);
		if (held) await holdFetching(held, heartbeat);
	};

	/** Wait for `held` (the receiver catching up), heartbeating so the group keeps us; never throws. */
	const holdFetching = async (held: Promise<void>, heartbeat?: () => Promise<void>) => {
		const beating = setInterval(() => {
			if (!stopping) void heartbeat?.().catch(() => undefined);
		}, HOLD_HEARTBEAT_MS);
		holding += 1;
		try {
			// stop() must not wait for a receiver that is gone: stopping ends the hold.
			await Promise.race([held.catch(() => undefined), stoppingSignal]);
		} finally {
			clearInterval(beating);
			holding -= 1;
			// No fetch while we held on purpose is not a stall.
			lastFetchAt = Date.now();
		}
	};

	/** Reading straight from the leaders: the start window while the group forms, or everything without one. */
	const direct = createDirectSession({
		kafka,
		topics: options.topics,
		tracker,
		wholeSession: withoutGroup,
		maxWaitTimeInMs,
		maxBytesPerPartition: MAX_BYTES_PER_PARTITION,
		paused: () => paused,
		skip: (topic) => topicWatch.isWaiting(topic),
		deliver: (topic, partition, messages, batchLastOffset, highWatermark) => {
			// Dropped as the group path drops it: the position stays, the next round reads it again.
			if (stopping || partitionStarts.holds(topic, partition)) return;
			const held = deliverBatch(topic, partition, messages, batchLastOffset, highWatermark);
			return held ? holdFetching(held) : undefined;
		},
		topicOffsets: async (topic) =>
			(await (await ensureAdmin()).fetchTopicOffsets(topic)).map((entry) => ({
				partition: entry.partition,
				low: Number(entry.low),
				high: Number(entry.high),
			})),
		onFlowing: () => {
			if (stopping) return;
			lastFetchAt = Date.now();
			attempt = 0;
			stalledByWatchdog = false;
			// The other topics flow, but the state keeps saying which one is waited for.
			if (options.topics.some((topic) => topicWatch.isWaiting(topic))) return;
			setState({kind: 'live'});
		},
		onFailure: (error, failures) => {
			if (stopping) return;
			if (isFatalKafkaError(error)) {
				fail(error);
				return;
			}
			attempt = failures;
			setState({kind: 'reconnecting', reason: describeKafkaError(error), attempt});
		},
		onPartitions: schedulePartitions,
	});
	/** A consumer was made in this run (so there may be a group of ours to delete). */
	let groupUsed = false;

	const scheduleRetry = (delay: number) => {
		clearTimeout(retryTimer);
		if (stopping) return;
		retryTimer = setTimeout(() => {
			retryTimer = undefined;
			void runSession();
		}, delay);
	};

	const fail = (error: unknown): 'retry' | 'stopped' => {
		const groupProblem = guard.problem(error);
		const reason = groupProblem ?? describeKafkaError(error);
		if (groupProblem !== undefined || isFatalKafkaError(error)) {
			reportOnce(reason);
			void stopInternal(reason, false);
			return 'stopped';
		}
		attempt += 1;
		setState({kind: 'reconnecting', reason, attempt});
		return 'retry';
	};

	const attachListeners = (target: Consumer, mine: number) => {
		const {events} = target;
		const current = () => mine === generation && !stopping;
		target.on(events.GROUP_JOIN, ({payload}) => {
			// Joined even when stop() came meanwhile (it waits for the join): the group is ours
			// to delete on the way out.
			if (mine === generation) guard.joined();
			else stale.retire(target);
			if (!current()) return;
			// The hand-over: from here no direct fetch moves a position, and the group seeks
			// every partition to where the direct reading got (seekAssigned below).
			void direct.stop();
			assigned = new Map(
				options.topics.map((topic) => [
					topic,
					[...(payload.memberAssignment[topic] ?? [])].sort((a, b) => a - b),
				]),
			);
			for (const [topic, partitions] of assigned) tracker.setAssigned(topic, partitions);
			seekAssigned(target);
			partitionStarts.afterJoin(assigned, joinOf(target, mine));
			applyPause(target);
			attempt = 0;
			stalledByWatchdog = false;
			lastFetchAt = Date.now();
			setState({kind: 'live'});
			schedulePartitions();
		});
		target.on(events.REBALANCING, () => {
			if (current()) setState({kind: 'rebalancing'});
		});
		target.on(events.FETCH, () => {
			if (mine !== generation) stale.retire(target);
			if (!current()) return;
			lastFetchAt = Date.now();
			// A fetch right after a logged error may be kafkajs recovering, not data flowing.
			const recentError = lastNote !== undefined && Date.now() - lastNote.at < 1000;
			if (!recentError) endWatchdogStall();
		});
		target.on(events.END_BATCH_PROCESS, ({payload}) => {
			// Batches holding only control records or aborted records never reach eachBatch;
			// kafkajs steps over them itself, and so must our position (caughtUp relies on it).
			// kafkajs resolves these even while paused, so this runs while paused too.
			if (!current() || payload.batchSize !== 0) return;
			if (seekPending.has(partitionKey(payload.topic, payload.partition))) return;
			if (partitionStarts.holds(payload.topic, payload.partition)) return;
			tracker.recordBatch(payload.topic, payload.partition, {
				records: 0,
				batchLastOffset: Number(payload.lastOffset),
				highWatermark: Number(payload.highWatermark),
			});
			checkCaughtUp();
			schedulePartitions();
		});
		target.on(events.REQUEST_TIMEOUT, ({payload}) => {
			if (current()) lastNote = {message: `request to ${payload.broker} timed out`, at: Date.now()};
		});
		target.on(events.CRASH, ({payload}) => {
			if (!current()) return;
			tracker.unassignAll();
			assigned = new Map();
			schedulePartitions();
			const error = payload.error;
			if (isFatalKafkaError(error) || guard.problem(error) !== undefined) {
				fail(error);
				return;
			}
			attempt += 1;
			setState({kind: 'reconnecting', reason: describeKafkaError(error), attempt});
			if (!payload.restart) {
				// kafkajs gave up on this consumer; make a new one (same group, same positions).
				generation += 1;
				const old = consumer;
				consumer = undefined;
				void old?.disconnect().catch(() => undefined);
				scheduleRetry(backoffMs(attempt));
			}
		});
	};

	/** One attempt to get a consumer running. Returns what happened; never throws. */
	const attemptSession = async (): Promise<'running' | 'retry' | 'stopped'> => {
		try {
			const client = await ensureAdmin();
			if (stopping) return 'stopped';
			const existing = new Set(await client.listTopics());
			const missing = options.topics.filter((topic) => !existing.has(topic));
			if (missing.length > 0) {
				for (const topic of missing) {
					if (!topicWatch.isDeleted(topic)) reportOnce(`topic '${topic}' does not exist on ${brokersLabel}`);
				}
				const reason = topicWatch.waitingReason(missing);
				if (!waitForTopics) {
					await stopInternal(
						`topic ${missing.map((topic) => `'${topic}'`).join(', ')} does not exist`,
						false,
					);
					return 'stopped';
				}
				setState({kind: 'connecting', reason});
				scheduleRetry(TOPIC_WAIT_MS);
				return 'retry';
			}
			// Before anything is read or joined: never join a group with live members, or one we may
			// not use. Without a group there is nothing to look at (and no group ACL to need).
			const refusal = withoutGroup ? undefined : await guard.check(client);
			if (refusal) {
				reportOnce(refusal.line);
				await stopInternal(refusal.line, false);
				return 'stopped';
			}
			if (stopping) return 'stopped';
			if (!positionsReady) {
				const offsets = await computeStartOffsets(startPosition);
				if (stopping) return 'stopped';
				for (const [topic, {ranges, offsets: starts}] of offsets) {
					const ends: PartitionEnd[] = ranges.map((range) => ({topic, ...range}));
					watch.setEnds(topic, ends);
					for (const range of ranges) {
						tracker.setPosition(topic, range.partition, starts.get(range.partition) ?? range.high);
						tracker.setHighWatermark(topic, range.partition, range.high);
					}
				}
				positionsReady = true;
				checkCaughtUp();
				schedulePartitions();
			}
			// Topics deleted or created again are read from their start; the receiver forgets
			// their offsets first, and --exit ends at their new end.
			await topicWatch.startFresh((topic, ranges) => {
				watch.setEnds(
					topic,
					ranges.map((range) => ({topic, ...range})),
				);
				options.onTopicReset?.(topic);
				if (withoutGroup) direct.follow(topic);
			});
			if (stopping) return 'stopped';
			checkCaughtUp();
			if (withoutGroup) {
				await direct.start();
				return 'running';
			}
			// Only for this run's own group: committing needs every record to pass through the
			// group, and a group the user named (another team's, its ACLs) is joined before
			// anything is read, so a refused join shows no records first.
			if (!commitOffsets && !groupUsed && !options.groupPolicy?.named) {
				const reading = direct.start().catch(() => direct.stop());
				if (options.finishAtEnd) {
					await reading;
					await direct.firstRound();
					// All there was to read is read: the caller stops now, no group needed.
					if (watch.isDone || stopping) return 'running';
				}
			}
			groupUsed = true;
			generation += 1;
			const mine = generation;
			const next = kafka.consumer({
				groupId: options.groupId,
				maxWaitTimeInMs,
				maxBytesPerPartition: MAX_BYTES_PER_PARTITION,
				// Never create a topic by looking at it: this is a viewer.
				allowAutoTopicCreation: false,
				// After a broker restart the group still lists our old member (a crashed consumer
				// cannot leave), and the new one's join waits until that member's session expires:
				// a short session means the stream resumes within ~10 s, not 30.
				sessionTimeout: 10_000,
				heartbeatInterval: 3000,
				metadataMaxAge: METADATA_MAX_AGE_MS,
				retry: {
					initialRetryTime: 250,
					maxRetryTime: 5000,
					retries: 8,
					restartOnFailure: stale.restartOnFailure(() => mine === generation && !stopping),
				},
			});
			consumer = next;
			attachListeners(next, mine);
			await next.connect();
			if (stopping || mine !== generation) return 'stopped';
			await next.subscribe({topics: options.topics, fromBeginning: false});
			await next.run({
				// Our own commits only (offset-committer.ts): kafkajs' would commit ahead of the output.
				autoCommit: false,
				eachBatchAutoResolve: false,
				eachBatch: onBatch(mine),
			});
			return 'running';
		} catch (error) {
			dropAdminConnection();
			if (stopping) return 'stopped';
			const outcome = fail(error);
			if (outcome === 'retry') {
				const old = consumer;
				consumer = undefined;
				generation += 1;
				void old?.disconnect().catch(() => undefined);
				scheduleRetry(backoffMs(attempt));
			}
			return outcome;
		}
	};

	const runSession = (): Promise<'running' | 'retry' | 'stopped'> => {
		const current = attemptSession().finally(() => {
			if (session === current) session = undefined;
		});
		session = current;
		return current;
	};

	/** `topic` changed under us (topic-watch.ts): drop the consumer; the next session starts it afresh. */
	const restartTopic = (topic: string, change: TopicChange) => {
		if (stopping) return;
		options.onError?.(topicChangeMessage(topic, change, brokersLabel, waitForTopics));
		generation += 1;
		const old = consumer;
		consumer = undefined;
		// Without a group only this topic stops: the others are read on meanwhile.
		if (withoutGroup) tracker.setAssigned(topic, []);
		else tracker.unassignAll();
		assigned = new Map();
		schedulePartitions();
		if (change === 'deleted') setState({kind: 'connecting', reason: topicWatch.waitingReason([topic])});
		// The old member leaves before the new one joins, so the group does not wait for it.
		void within(old?.disconnect().catch(() => undefined) ?? Promise.resolve(), 5000).then(() =>
			scheduleRetry(0),
		);
	};

	/** kafkajs can stall silently; no fetch for a while while we think we are live means we are not. */
	const watchdog = () => {
		// Without a group nothing is fetched while paused, on purpose.
		if (stopping || state.kind !== 'live' || holding > 0 || (withoutGroup && paused)) return;
		const silent = Date.now() - lastFetchAt;
		if (silent > stallMs) {
			stalledByWatchdog = true;
			attempt += 1;
			const reason = lastNote?.message ?? `no answer from ${brokersLabel} for ${Math.round(silent / 1000)} s`;
			setState({kind: 'reconnecting', reason, attempt});
		}
	};

	/** Stop everything; `awaitSession` is false when called from inside a session attempt. */
	const stopInternal = (reason?: string, awaitSession = true): Promise<void> => {
		if (stopPromise) return stopPromise;
		stopping = true;
		resolveStopping();
		clearTimeout(retryTimer);
		clearInterval(refreshTimer);
		clearInterval(watchdogTimer);
		clearTimeout(partitionsTimer);
		topicWatch.dispose();
		const directStopped = direct.stop();
		stopPromise = (async () => {
			await within(directStopped, 2000);
			// Let an attempt in flight finish (bounded), so the consumer it made is the one we stop.
			if (session && awaitSession) await within(session, 5000);
			const last = consumer;
			consumer = undefined;
			generation += 1;
			// Commit what was shown while still a member, then leave.
			if (commitOffsets) await within(committer.flush(last), 3000);
			if (last)
				await within(
					last.disconnect().catch(() => undefined),
					5000,
				);
			// A group this run created holds nothing worth keeping: delete it so no litter stays on
			// the cluster. Any other group stays; one someone still uses is "not empty" anyway.
			// No consumer made (the start window was read directly): no group to delete.
			if (guard.deleteOnExit && groupUsed && adminConnected && admin) {
				await within(
					admin.deleteGroups([options.groupId]).catch(() => undefined),
					3000,
				);
			}
			if (admin)
				await within(
					admin.disconnect().catch(() => undefined),
					2000,
				);
			adminConnected = false;
			tracker.unassignAll();
			options.onPartitions?.(tracker.snapshot());
			setState(reason ? {kind: 'stopped', reason} : {kind: 'stopped'});
			resolveStopped();
		})();
		return stopPromise;
	};

	let started: Promise<void> | undefined;

	return {
		start() {
			started ??= (async () => {
				options.onStatus?.(state);
				refreshTimer = setInterval(() => {
					if (positionsReady && !stopping) void topicWatch.refresh();
				}, IDLE_REFRESH_MS);
				watchdogTimer = setInterval(watchdog, 500);
				if (commitOffsets) committer.start(() => consumer);
				await runSession();
			})();
			return started;
		},
		pause() {
			if (paused) return;
			paused = true;
			if (consumer) applyPause(consumer);
			direct.wake();
		},
		resume() {
			if (!paused) return;
			paused = false;
			if (consumer) applyPause(consumer);
			direct.wake();
		},
		get paused() {
			return paused;
		},
		async seek(start) {
			if (!positionsReady) {
				// Not connected yet: the first session starts there instead.
				startPosition = start;
				return;
			}
			const offsets = await computeStartOffsets(start).catch((error: unknown) => {
				dropAdminConnection();
				throw new Error(`seek failed: ${describeKafkaError(error)}`);
			});
			for (const [topic, {offsets: starts}] of offsets) {
				for (const [partition, offset] of starts) tracker.setPosition(topic, partition, offset);
			}
			// Positions first, then kafkajs' seeks, in the same tick: a batch fetched before the
			// seek is stale (isStale) and dropped, and until the first new batch arrives,
			// batches that hold only markers must not move the position (seekPending).
			for (const [topic, partitions] of assigned) {
				for (const partition of partitions) seekPending.add(partitionKey(topic, partition));
			}
			if (consumer) seekAssigned(consumer);
			// A direct fetch in flight came from the old positions: it is thrown away.
			direct.restart();
			schedulePartitions();
		},
		stop: () => stopInternal(undefined, true),
		acknowledgeRecords() {
			// After stop began, what arrives was not shown before the last commit.
			if (!stopping) committer.acknowledge();
		},
		caughtUp() {
			return new Promise<void>((resolve, reject) => {
				void watch.done.then(resolve);
				void stoppedSignal.then(() => {
					if (watch.isDone) resolve();
					else reject(new Error('the stream stopped before it caught up'));
				});
			});
		},
		get state() {
			return state;
		},
	};
}
