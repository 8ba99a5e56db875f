import type {RawRecord} from '../../record/log-record.js';
import type {GroupPolicy} from '../../stream/group-policy.js';
import type {StartPosition} from '../../stream/start-position.js';
import type {ConnectionState, PartitionStatus} from '../../stream/stream-status.js';
import type {KafkaConnectionOptions} from '../kafka-client.js';

/** Everything a log stream needs: where, what, from where, and who to tell. */
export type LogStreamOptions = KafkaConnectionOptions & {
	topics: string[];
	/**
	 * `-t '/regex/'` texts (stream/topic-pattern.ts): every topic that matches is read too, those
	 * created later from their start (topics/topic-pattern-watch.ts).
	 */
	topicPatterns?: string[];
	groupId: string;
	start: StartPosition;
	/** `--until` (ms): each partition stops before its first record at or after this time. */
	until?: number;
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
	 * `behind`: the batch ended below the partition's high watermark, so more of it is being
	 * read (a receiver that merges partitions by time waits for it, store/time-order.ts).
	 */
	onRecords: (records: RawRecord[], behind: boolean) => void | Promise<void>;
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
