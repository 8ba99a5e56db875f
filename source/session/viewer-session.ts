// Not through kafka.js, which would load kafkajs here: the stream worker loads it.
import {createWorkerLogStream, type WorkerLogStream} from '../kafka/worker/worker-log-stream.js';
import type {KafkaConnectionOptions} from '../kafka.js';
import type {LogRecord} from '../record/log-record.js';
import type {ParseSettings} from '../record/parse-record.js';
import type {FilterSpec} from '../store/filter/filter-spec.js';
import {createLogStore} from '../store/log-store.js';
import type {DisposableLogStore} from '../store/log-store-types.js';
import {createStreamStatusStore, type DisposableStreamStatusStore} from '../store/stream-status-store.js';
import {createTimeOrderedIntake} from '../store/time-ordered-intake.js';
import type {GroupPolicy} from '../stream/group-policy.js';
import type {StartPosition} from '../stream/start-position.js';
import type {StreamController} from '../stream/stream-controller.js';
import {createStreamController} from './create-stream-controller.js';

/** What the viewer reads and how. */
export type ViewerSessionOptions = {
	connection: KafkaConnectionOptions;
	topics: string[];
	/** `-t '/regex/'` texts: matching topics are read too. */
	topicPatterns?: string[];
	/** `--until` (ms): each partition stops there. */
	until?: number;
	groupId: string;
	/** Whose group it is (`--group`, `--join-live-group`); default a group of this run's own. */
	groupPolicy?: GroupPolicy;
	start: StartPosition;
	/** Commit offsets to the group (`--commit`). */
	commit: boolean;
	/** `--without-group`: no consumer group, read straight from the partition leaders. */
	withoutGroup?: boolean;
	/** `--allow-produce`: the demo key may write to a cluster that is not on this machine. */
	allowProduce: boolean;
	/** Ring buffer capacity (`--max-records`); the store's default when absent. */
	maxRecords?: number;
	/** The filters to start with (from flags). */
	filter?: FilterSpec;
	/** How records are read (the config file's `fields` and `timeZone`). */
	parse?: ParseSettings;
};

/** The TUI's state outside React and the stream that feeds it (not started yet). */
export type ViewerSession = {
	store: DisposableLogStore;
	status: DisposableStreamStatusStore;
	stream: WorkerLogStream;
	controller: StreamController;
	/** Stop the stores' timers (after the controller quit). */
	dispose(): void;
};

/**
 * Wire the viewer: the log store and stream status outside React, the log stream (in a
 * worker thread) feeding them, and the controller the keys drive. The CLI's TUI, the
 * benchmark's TUI pipeline and the soak run all start from here, so they measure what a
 * user runs.
 */
export function createViewerSession(options: ViewerSessionOptions): ViewerSession {
	const store = createLogStore(options.maxRecords === undefined ? {} : {maxRecords: options.maxRecords});
	if (options.filter) store.setFilter(options.filter);
	const status = createStreamStatusStore();
	// Partitions merged by time before they take their seqs (store/time-order.ts): the view's
	// order is the seqs' order, so search, marks and scrolling need nothing of their own.
	const ordered = createTimeOrderedIntake<LogRecord>((records) => {
		store.appendParsed(records);
	});
	const stream = createWorkerLogStream({
		...options.connection,
		topics: options.topics,
		...(options.topicPatterns?.length ? {topicPatterns: options.topicPatterns} : {}),
		...(options.until === undefined ? {} : {until: options.until}),
		groupId: options.groupId,
		...(options.groupPolicy ? {groupPolicy: options.groupPolicy} : {}),
		start: options.start,
		commitOffsets: options.commit,
		// A batch that cannot be decoded is an error row in the log pane (onError goes nowhere here).
		undecodableAsRecords: true,
		...(options.parse ? {parseSettings: options.parse} : {}),
		withoutGroup: options.withoutGroup ?? false,
		onRecords: (records, behind) => ordered.push(records, behind),
		onStatus: (state) => status.setConnection(state),
		onPartitions: (partitions) => {
			status.setPartitions(partitions);
			// Partitions known: the start window need not wait out the reorder window for others.
			ordered.announce(partitions);
		},
		// Problems also show as the connection state in the header; nothing may print under Ink.
		onError: () => undefined,
		// A topic deleted and created again: its offsets start again. What was shown stays.
		onTopicReset: (topic) => {
			// The old topic's held records first, or their offsets would hide the new topic's.
			ordered.flush();
			store.forgetTopic(topic);
			store.addMark(`topic ${topic} created again: reading from its start`);
		},
	});
	const controller = createStreamController({
		stream,
		store,
		status,
		connection: options.connection,
		topics: options.topics,
		allowProduce: options.allowProduce,
		settle: () => ordered.flush(),
	});
	return {
		store,
		status,
		stream,
		controller,
		dispose() {
			ordered.dispose();
			store.dispose();
			status.dispose();
		},
	};
}
