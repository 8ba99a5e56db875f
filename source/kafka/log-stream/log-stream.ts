import type {Kafka} from 'kafkajs';
import {createDirectSession} from '../direct/direct-session.js';
import {describeKafkaError, isFatalKafkaError} from '../error-reason.js';
import {createGroupGuard} from '../group-guard.js';
import {createKafka} from '../kafka-client.js';
import {keepOffsetResetsLocal} from '../kafkajs-offset-reset.js';
import {createBatchDelivery} from './batch-delivery.js';
import {createCaughtUpWatch} from './caught-up.js';
import {createWindowEnd} from './end-offsets.js';
import {createOffsetCommitter} from './group/offset-committer.js';
import {createStaleConsumers} from './group/stale-consumer.js';
import type {LocalLogStream, LogStreamOptions} from './log-stream-options.js';
import {createPartitionReporter} from './partition-reporter.js';
import {createPartitionTracker} from './partition-tracker.js';
import {createSessionLoop} from './session-loop.js';
import {createStateReporter} from './state-reporter.js';
import {createStopSignals} from './stop-signals.js';
import {createAdminOffsets} from './topics/admin-offsets.js';
import {createPartitionStarts} from './topics/partition-starts.js';
import {createPatternStart} from './topics/pattern-start.js';
import {createTopicPatternWatch, PATTERN_REFRESH_MS} from './topics/topic-pattern-watch.js';
import {createTopicWatch, removedUnreadMessage, signalsTopicChange} from './topics/topic-watch.js';
import {createWatchdog} from './watchdog.js';

export type {LocalLogStream, LogStream, LogStreamOptions} from './log-stream-options.js';

/** How often high watermarks are refreshed through the admin client while a topic is idle. */
const IDLE_REFRESH_MS = 2000;
/** How often the watchdog looks. */
const WATCHDOG_MS = 500;
/**
 * Largest fetch per partition; a bigger record still arrives (Kafka returns at least one).
 * kafkajs' 1 MB default fetched no faster here and kept more memory busy (bench/bare-each-batch.js,
 * 1 000 000 records: the same time at 1 MB, 256 KB and 128 KB; peak RSS 163 -> 108 MB at 256 KB).
 */
const MAX_BYTES_PER_PARTITION = 128 * 1024;

/**
 * Build a log stream. It joins its own consumer group (`groupId`), seeks every assigned
 * partition itself (to the start position, and after any rebalance or reconnect to our own
 * next offset, because we never commit), and turns kafkajs events into plain data. This
 * wires the parts; each has one job: session-loop.ts (attempts, retries, restarts, stop),
 * consumer-events.ts, batch-delivery.ts (records and backpressure), watchdog.ts,
 * partition-reporter.ts, admin-offsets.ts, topic-watch.ts, partition-starts.ts, and
 * ../direct/ (reading without a group).
 */
export function createLogStream(given: LogStreamOptions): LocalLogStream {
	// Never commit behind the user's back, also when a position falls out of range.
	keepOffsetResetsLocal();
	// Our own list: topic patterns add to it, and every part reads this same array.
	const options: LogStreamOptions = {
		...given,
		topics: [...given.topics],
		// A topic new to a pattern has no offsets to forget.
		onTopicReset: (topic) => {
			windowEnd?.forget(topic);
			if (!patternWatch?.takeNew(topic)) given.onTopicReset?.(topic);
		},
	};
	const windowEnd = options.until === undefined ? undefined : createWindowEnd(options.until);
	const maxWaitTimeInMs = options.maxWaitTimeInMs ?? 250;
	const commitOffsets = options.commitOffsets ?? false;
	const withoutGroup = options.withoutGroup ?? false;

	const tracker = createPartitionTracker();
	const watch = createCaughtUpWatch(options.topics);
	const stops = createStopSignals();
	const state = createStateReporter({onStatus: options.onStatus, onError: options.onError});
	const partitions = createPartitionReporter({
		snapshot: tracker.snapshot,
		onPartitions: options.onPartitions,
	});
	const watchdog = createWatchdog({
		stallMs: Math.max(3000, maxWaitTimeInMs * 8),
		brokersLabel: options.brokers.join(','),
	});
	const kafka: Kafka = createKafka(options, {
		onLogNote: (note) => {
			watchdog.note(note.message);
			if (!loop.positionsReady) return;
			// kafkajs is about to read this partition from its end: we choose (partition-starts.ts).
			if (note.message.startsWith('Offset out of range') && note.topic && note.partition !== undefined)
				partitionStarts.outOfRange(note.topic, note.partition, loop.currentJoin());
			else if (signalsTopicChange(note)) topicWatch.soon();
		},
		// Few retries inside kafkajs: our own loop retries forever with a visible status.
		retry: {initialRetryTime: 250, maxRetryTime: 2000, retries: 2},
	});
	const admin = createAdminOffsets({
		kafka,
		topics: options.topics,
		...(options.until === undefined ? {} : {until: options.until}),
	});
	const guard = createGroupGuard({
		kafka,
		groupId: options.groupId,
		policy: options.groupPolicy ?? {named: false},
		commit: commitOffsets,
	});
	const committer = createOffsetCommitter({acknowledged: options.acknowledgedRecords === true});
	let paused = false;
	let refreshTimer: NodeJS.Timeout | undefined;
	let watchdogTimer: NodeJS.Timeout | undefined;

	const checkCaughtUp = () => watch.check((topic, partition) => tracker.position(topic, partition));
	/** Data flows again (a clean fetch, or records): the stall the watchdog reported is over. */
	const endWatchdogStall = () => {
		if (watchdog.endStall()) state.set({kind: 'live'});
	};

	/** Partitions added after we started, or out of range: we choose where to read (partition-starts.ts). */
	const partitionStarts = createPartitionStarts({
		position: (topic, partition) => tracker.position(topic, partition),
		ranges: admin.ranges,
		setPosition: (topic, partition, offset, high) => {
			tracker.setPosition(topic, partition, offset);
			tracker.setHighWatermark(topic, partition, high);
			partitions.schedule();
		},
		skipped: (topic, partition, from, to) =>
			options.onError?.(removedUnreadMessage(topic, partition, from, to)),
		wentBack: (topic) => topicWatch.report(topic, 'recreated'),
	});

	const delivery = createBatchDelivery({
		tracker,
		onRecords: options.onRecords,
		undecodableAsRecords: options.undecodableAsRecords ?? false,
		reportOnce: state.reportOnce,
		flowing: endWatchdogStall,
		...(commitOffsets ? {handed: committer.handed} : {}),
		afterBatch: () => {
			checkCaughtUp();
			partitions.schedule();
		},
		holds: partitionStarts.holds,
		paused: () => paused,
		stopping: () => stops.stopping,
		stoppingSignal: stops.whenStopping,
		hold: watchdog.hold,
		...(windowEnd ? {windowEnd} : {}),
	});

	/** Topics deleted, created again or grown under us (see topic-watch.ts). */
	const topicWatch = createTopicWatch({
		topics: options.topics,
		tracker,
		ranges: admin.ranges,
		exists: admin.exists,
		busy: (topic) => Date.now() - (delivery.lastBatchAt(topic) ?? 0) < IDLE_REFRESH_MS && !paused,
		restart: (topic, change) => loop.restartTopic(topic, change),
		changed: () => partitions.schedule(),
	});

	/** Reading straight from the leaders: the start window while the group forms, or everything without one. */
	const direct = createDirectSession({
		kafka,
		topics: options.topics,
		tracker,
		wholeSession: withoutGroup,
		maxWaitTimeInMs,
		maxBytesPerPartition: MAX_BYTES_PER_PARTITION,
		paused: () => paused,
		// Caught up with --exit: the caller stops now; a fetch sent meanwhile would only hold
		// the stop for its maxWaitTimeInMs (0.25 s at the end of every hunt).
		skip: (topic) => topicWatch.isWaiting(topic) || (options.finishAtEnd === true && watch.isDone),
		deliver: (topic, partition, messages, batchLastOffset, highWatermark) => {
			// Dropped as the group path drops it: the position stays, the next round reads it again.
			if (stops.stopping || partitionStarts.holds(topic, partition)) return;
			const held = delivery.deliver(topic, partition, messages, batchLastOffset, highWatermark);
			// No group to heartbeat here: the hold ends only with the receiver or the stream.
			return held ? delivery.holdFetching(held).then(() => undefined) : undefined;
		},
		topicOffsets: admin.rangesKeepingClient,
		onFlowing: () => {
			if (stops.stopping) return;
			watchdog.reset();
			loop.attempt = 0;
			// The other topics flow, but the state keeps saying which one is waited for.
			if (options.topics.some((topic) => topicWatch.isWaiting(topic))) return;
			state.set({kind: 'live'});
		},
		onFailure: (error, failures) => {
			if (stops.stopping) return;
			if (isFatalKafkaError(error)) {
				loop.fail(error);
				return;
			}
			loop.attempt = failures;
			state.set({kind: 'reconnecting', reason: describeKafkaError(error), attempt: loop.attempt});
		},
		onPartitions: partitions.schedule,
	});

	const loop = createSessionLoop({
		options,
		kafka,
		tracker,
		watch,
		admin,
		guard,
		committer,
		stale: createStaleConsumers(),
		topicWatch,
		partitionStarts,
		direct,
		delivery,
		state,
		partitions,
		stops,
		paused: () => paused,
		checkCaughtUp,
		resetWatchdog: watchdog.reset,
		maxBytesPerPartition: MAX_BYTES_PER_PARTITION,
		...(windowEnd ? {windowEnd} : {}),
		onStopping: () => {
			clearInterval(refreshTimer);
			clearInterval(watchdogTimer);
			clearInterval(patternTimer);
		},
		events: {
			fetched() {
				watchdog.fetched();
				// A fetch right after a logged error may be kafkajs recovering, not data flowing.
				if (!watchdog.recentNote(1000)) endWatchdogStall();
			},
			emptyBatch(topic, partition, lastOffset, highWatermark) {
				if (delivery.isSeekPending(topic, partition) || partitionStarts.holds(topic, partition)) return;
				tracker.recordBatch(topic, partition, {records: 0, batchLastOffset: lastOffset, highWatermark});
				checkCaughtUp();
				partitions.schedule();
			},
			requestTimedOut: (broker) => watchdog.note(`request to ${broker} timed out`),
		},
	});

	/** kafkajs can stall silently; no fetch for a while while we think we are live means we are not. */
	const lookForStall = () => {
		// Without a group nothing is fetched while paused, on purpose.
		const live = !stops.stopping && state.state.kind === 'live' && !(withoutGroup && paused);
		const reason = watchdog.check(live);
		if (reason === undefined) return;
		loop.attempt += 1;
		state.set({kind: 'reconnecting', reason, attempt: loop.attempt});
	};

	/** `-t '/regex/'`: the matching topics join `options.topics` (topic-pattern-watch.ts). */
	const patternWatch = options.topicPatterns?.length
		? createTopicPatternWatch({
				patterns: options.topicPatterns,
				topics: options.topics,
				listTopics: async () => (await admin.client()).listTopics(),
				added: (topic) => topicWatch.report(topic, 'matched'),
			})
		: undefined;
	let patternTimer: NodeJS.Timeout | undefined;
	const patterns = patternWatch
		? createPatternStart({
				watch: patternWatch,
				topics: options.topics,
				state,
				stops,
				dropAdmin: admin.drop,
				stop: (reason) => loop.stop(reason, false),
				waitForTopics: options.waitForTopics ?? true,
				brokersLabel: options.brokers.join(','),
			})
		: undefined;

	let started: Promise<void> | undefined;

	return {
		start() {
			started ??= (async () => {
				state.announce();
				refreshTimer = setInterval(() => {
					if (loop.positionsReady && !stops.stopping) void topicWatch.refresh();
				}, IDLE_REFRESH_MS);
				watchdogTimer = setInterval(lookForStall, WATCHDOG_MS);
				if (commitOffsets) committer.start(() => loop.consumer);
				if (patterns && !(await patterns.firstMatch())) return;
				if (patternWatch)
					patternTimer = setInterval(() => {
						if (loop.positionsReady && !stops.stopping) void patternWatch.look(true).catch(admin.drop);
					}, PATTERN_REFRESH_MS);
				await loop.run();
			})();
			return started;
		},
		pause() {
			if (paused) return;
			paused = true;
			loop.applyPause();
			direct.wake();
		},
		resume() {
			if (!paused) return;
			paused = false;
			loop.applyPause();
			direct.wake();
		},
		get paused() {
			return paused;
		},
		seek: (start) => loop.seek(start),
		stop: () => loop.stop(undefined, true),
		acknowledgeRecords() {
			// After stop began, what arrives was not shown before the last commit.
			if (!stops.stopping) committer.acknowledge();
		},
		caughtUp() {
			return new Promise<void>((resolve, reject) => {
				void watch.done.then(resolve);
				void stops.whenStopped.then(() => {
					if (watch.isDone) resolve();
					else reject(new Error('the stream stopped before it caught up'));
				});
			});
		},
		get state() {
			return state.state;
		},
	};
}
