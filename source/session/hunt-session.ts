/**
 * A hunt from the TUI (`H`): the filter line run over the topics from a start position to the
 * end offsets seen when it starts, in a stream worker of its own that reads WITHOUT a consumer
 * group (the direct reader: no group is made, joined or committed, ours or anyone's), with
 * the filter in the worker before packing, so only matches cross and memory stays flat
 * however much is scanned. The matches are kept (up to `MAX_HUNT_MATCHES`), the progress is
 * sampled for the view, and Esc cancels.
 */
import {createWorkerLogStream} from '../kafka/worker/worker-log-stream.js';
import type {KafkaConnectionOptions} from '../kafka.js';
import type {LogRecord} from '../record/log-record.js';
import type {ParseSettings} from '../record/parse-record.js';
import type {FilterSpec} from '../store/filter/filter-spec.js';
import {createHuntProgress, type HuntEnd, type HuntProgress} from '../stream/hunt-progress.js';
import type {StartPosition} from '../stream/start-position.js';
import type {RecordTestOptions} from './hunt-record-test.js';

/** Matches kept before the hunt stops by itself and says the filter is too wide. */
export const MAX_HUNT_MATCHES = 10_000;
const PROGRESS_EVERY_MS = 250;

export type HuntOptions = {
	connection: KafkaConnectionOptions;
	topics: string[];
	spec: FilterSpec;
	start: StartPosition;
	parse?: ParseSettings;
	/** URL of `hunt-record-test.js` (the modes at source/'s root know where it is once built). */
	filterModule: string;
	/** The matches so far, in the order they came (a partition's in offset order). */
	onMatches: (matches: readonly LogRecord[]) => void;
	onProgress: (progress: HuntProgress) => void;
	onEnd: (outcome: HuntEnd, progress: HuntProgress) => void;
	now?: () => number;
};

export type Hunt = {
	/** Stop reading (Esc); `onEnd` says `cancelled` unless it had ended already. */
	cancel(): Promise<void>;
};

export function startHunt(options: HuntOptions): Hunt {
	const now = options.now ?? Date.now;
	const progress = createHuntProgress();
	const matches: LogRecord[] = [];
	const seen = new Set<string>();
	let ended = false;
	let failure: string | undefined;

	const report = () => options.onProgress(progress.snapshot(now()));
	const timer = setInterval(report, PROGRESS_EVERY_MS);
	timer.unref();

	const stream = createWorkerLogStream({
		...options.connection,
		topics: options.topics,
		// Never used: the hunt reads without a group (direct reader).
		groupId: 'klog-tui-hunt-unused',
		withoutGroup: true,
		start: options.start,
		commitOffsets: false,
		finishAtEnd: true,
		waitForTopics: false,
		undecodableAsRecords: true,
		...(options.parse ? {parseSettings: options.parse} : {}),
		recordFilter: {
			module: options.filterModule,
			options: {spec: options.spec, now: now()} satisfies RecordTestOptions,
			onScanned: (partitions) => progress.scanned(partitions, now()),
		},
		onRecords(records) {
			// Ended (Esc) while the stream stops: the matches are what the user saw end.
			if (ended) return;
			for (const record of records) {
				// A fetch retried after a leader change may bring a record again: it is one match.
				const key = `${record.topic}\u0000${record.partition}\u0000${record.offset}\u0000${record.logIndex ?? ''}`;
				if (seen.has(key)) continue;
				seen.add(key);
				matches.push(record);
			}
			options.onMatches(matches);
			if (matches.length >= MAX_HUNT_MATCHES) void end({kind: 'tooMany'});
		},
		onPartitions: (partitions) => progress.watermarks(partitions),
		onError: (message) => {
			failure ??= message;
		},
	});

	const end = async (outcome: HuntEnd) => {
		if (ended) return;
		ended = true;
		clearInterval(timer);
		// Said at once: stopping waits for the fetch in flight, which a client quota on a busy
		// cluster holds for as long as the broker throttles us (seconds).
		options.onEnd(outcome, progress.snapshot(now()));
		await stream.stop().catch(() => undefined);
	};

	void stream.start().catch((error: unknown) => end({kind: 'failed', reason: (error as Error).message}));
	stream.caughtUp().then(
		() => end({kind: 'done'}),
		() => end({kind: 'failed', reason: failure ?? 'the hunt stopped before it reached the end'}),
	);

	return {cancel: () => end({kind: 'cancelled'})};
}
