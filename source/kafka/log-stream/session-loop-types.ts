import type {Consumer, Kafka} from 'kafkajs';
import type {StartPosition} from '../../stream/start-position.js';
import type {DirectSession} from '../direct/direct-session.js';
import type {GroupGuard} from '../group-guard.js';
import type {BatchDelivery} from './batch-delivery.js';
import type {CaughtUpWatch} from './caught-up.js';
import type {WindowEnd} from './end-offsets.js';
import type {ConsumerEventHandlers} from './group/consumer-events.js';
import type {OffsetCommitter} from './group/offset-committer.js';
import type {StaleConsumers} from './group/stale-consumer.js';
import type {LogStreamOptions} from './log-stream-options.js';
import type {PartitionReporter} from './partition-reporter.js';
import type {PartitionTracker} from './partition-tracker.js';
import type {StateReporter} from './state-reporter.js';
import type {StopSignals} from './stop-signals.js';
import type {AdminOffsets} from './topics/admin-offsets.js';
import type {PartitionJoin, PartitionStarts} from './topics/partition-starts.js';
import type {TopicChange, TopicWatch} from './topics/topic-watch.js';

export type Outcome = 'running' | 'retry' | 'stopped';

/** The stream's parts the session loop drives (log-stream.ts makes them). */
export type SessionLoopDeps = {
	options: LogStreamOptions;
	kafka: Kafka;
	tracker: PartitionTracker;
	watch: CaughtUpWatch;
	admin: AdminOffsets;
	guard: GroupGuard;
	committer: OffsetCommitter;
	stale: StaleConsumers;
	topicWatch: TopicWatch;
	partitionStarts: PartitionStarts;
	direct: DirectSession;
	delivery: BatchDelivery;
	state: StateReporter;
	partitions: PartitionReporter;
	stops: StopSignals;
	paused(): boolean;
	checkCaughtUp(): void;
	/** The consumer events whose handling is not the loop's (fetches, empty batches, timeouts). */
	events: Pick<ConsumerEventHandlers, 'fetched' | 'emptyBatch' | 'requestTimedOut'>;
	/** A new group join or direct round: the watchdog starts counting again. */
	resetWatchdog(): void;
	/** Stopping began: the stream's own timers end. */
	onStopping(): void;
	/** How often a missing topic is looked for again. */
	topicWaitMs?: number;
	/** Largest fetch per partition. */
	maxBytesPerPartition: number;
	/** How old kafkajs' metadata may get: it sees added partitions only when it refreshes. */
	metadataMaxAgeMs?: number;
	/** `--until`: where each partition stops, set with the start positions. */
	windowEnd?: WindowEnd;
};

/**
 * The session loop: one attempt after another to get reading (topics there, the group allowed,
 * start positions, the start window read directly while our own group forms, the consumer),
 * retried with backoff and a visible state; a topic that changed restarts it; stop lets go of
 * everything in order. It owns the consumer (consumer-slot.ts) and what was assigned to it.
 */
export type SessionLoop = {
	/** One attempt now (the first, or a retry). Never throws. */
	run(): Promise<Outcome>;
	/** `topic` changed under us (topic-watch.ts): drop the consumer; the next session starts it afresh. */
	restartTopic(topic: string, change: TopicChange): void;
	/** A problem: stop when retrying cannot fix it, else show it and count the attempt. */
	fail(error: unknown): 'retry' | 'stopped';
	/** Stop everything; `awaitSession` is false when called from inside a session attempt. */
	stop(reason?: string, awaitSession?: boolean): Promise<void>;
	/** Move every partition to a new start position. */
	seek(start: StartPosition): Promise<void>;
	/** Pause or resume the current consumer as the stream is. */
	applyPause(): void;
	/** The kafkajs retry count shown in the state (direct failures set it). */
	attempt: number;
	/** Start positions are known (the first session got that far). */
	readonly positionsReady: boolean;
	readonly consumer: Consumer | undefined;
	/** The partition join of the current consumer (for out-of-range look-ups). */
	currentJoin(): PartitionJoin;
};
