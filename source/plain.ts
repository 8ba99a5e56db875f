/**
 * Plain output (`--plain`, or stdout not a terminal): one line per record, as text or
 * JSON lines, with the same filters as the TUI (the store's), no React anywhere.
 * `--exit` stops once caught up with the end offsets seen at start, like kcat `-e`.
 */

// Not through kafka.js, which would load kafkajs here: the stream worker loads it.
import {everyBrokerRefused, probeBrokers} from './kafka/broker-probe.js';
import {UNDECODABLE_PREFIX} from './kafka/codecs/undecodable-batch.js';
import {createWorkerLogStream, type WorkerLogStream} from './kafka/worker/worker-log-stream.js';
import type {KafkaConnectionOptions} from './kafka.js';
import {besideProgress, createHuntReport, type ProgressSink} from './plain/hunt-report.js';
import {createJsonLinePrinter, type OrderedJsonLines, orderedJsonLines} from './plain/json-line-printer.js';
import {createLineWriter, type OutputStream} from './plain/line-writer.js';
import {createRebalanceNotice} from './plain/rebalance-notice.js';
import type {LogRecord} from './record/log-record.js';
import type {RecordTestOptions} from './session/hunt-record-test.js';
import {readsWithoutGroup} from './session/without-group.js';
import type {ViewerSettings} from './settings/run-settings.js';
import {compileFilter} from './store/filter/record-filter.js';
import {createLogStore} from './store/log-store.js';
import {isMark} from './store/log-store-types.js';
import {MAX_HELD_LINE_BYTES} from './store/time-order.js';
import {createBatchIntake, createTimeOrderedIntake} from './store/time-ordered-intake.js';
import {groupPolicyOf} from './stream/group-policy.js';
import type {ConnectionState} from './stream/stream-status.js';
import {formatJsonLine, formatPlainLine} from './terminal-text/format-line.js';

export type {OutputStream} from './plain/line-writer.js';

/** What a plain run needs. */
export type PlainRunOptions = {
	config: ViewerSettings;
	connection: KafkaConnectionOptions;
	groupId: string;
	/** Colours per service chosen in the config file. */
	serviceColours?: Readonly<Record<string, string>>;
	/** Where records go (process.stdout). */
	stdout: OutputStream;
	/** One human line (no newline) for stderr: problems and connection changes. */
	log: (line: string) => void;
	/** Aborting (SIGINT, SIGTERM) ends the run: leave the group, flush, exit 0. */
	signal?: AbortSignal;
	/** With a filter, where its progress line goes (the CLI gives one when stderr is a terminal). */
	progress?: ProgressSink;
};

/**
 * Records (parsed in the stream worker) are appended to the store (de-duplication, filtering) in chunks of
 * at most this many, printed and cleared, so nothing is evicted before it is printed.
 */
const CHUNK = 1000;
/** Longest we wait for the group to be left on the way out. */
const STOP_TIMEOUT_MS = 8000;
/** The same when we never connected. */
const GIVE_UP_STOP_MS = 1500;

/** Run plain output until `--exit` is satisfied, the reader goes away, or `signal` aborts. Resolves with the exit code. */
export async function runPlain(options: PlainRunOptions): Promise<number> {
	const {config} = options;
	const brokers = config.brokers.join(',');
	const store = createLogStore({maxRecords: CHUNK, maxBytes: Number.MAX_SAFE_INTEGER});
	store.setFilter(config.filter);
	if (store.filterError) {
		store.dispose();
		options.log(`klog-tui: --grep: ${store.filterError}`);
		return 2;
	}
	// A filter runs in the stream worker before packing: only matches cross (a hunt). The store
	// filters them again by the same rule, which changes nothing and costs only the matches.
	const filtered = !compileFilter(config.filter).matchesAll;
	const report = filtered && options.progress ? createHuntReport(options.progress) : undefined;
	// Records and messages go around the progress line (the same terminal).
	const log = report ? (line: string) => report.aside(() => options.log(line)) : options.log;
	const stdout = report ? besideProgress(options.stdout, report) : options.stdout;
	// Several topics: a topic column, as wide as the longest topic name (bounded); a pattern's
	// topics are not known yet: the bound.
	const topicWidth =
		config.topicPatterns.length > 0
			? 24
			: config.topics.length > 1
				? Math.min(24, Math.max(...config.topics.map((topic) => topic.length)))
				: 0;
	const format: (record: LogRecord) => string =
		config.output === 'json'
			? formatJsonLine
			: (record) =>
					formatPlainLine(record, {
						colour: config.colour,
						topicWidth,
						...(options.serviceColours ? {serviceColours: options.serviceColours} : {}),
					});

	let finish!: (code: number) => void;
	const finished = new Promise<number>((resolve) => {
		finish = resolve;
	});
	let ended = false;
	const end = (code: number, line?: string) => {
		if (ended) return;
		ended = true;
		if (line) log(line);
		finish(code);
	};

	// The stream is made below; the writer only calls back once records flow. A full pipe holds
	// the fetching, never pauses the consumer (kafkajs would then sleep: output-gate.ts).
	let stream: WorkerLogStream | undefined;
	const writer = createLineWriter(stdout, {
		onFull: () => stream?.setOutputFull(true),
		onDrain: () => stream?.setOutputFull(false),
		onClosed: (error) =>
			error.code === 'EPIPE' ? end(0) : end(2, `klog-tui: cannot write output: ${error.message}`),
	});

	const print = (records: LogRecord[]) => {
		for (let from = 0; from < records.length && !writer.closed; from += CHUNK) {
			store.appendParsed(from === 0 && records.length <= CHUNK ? records : records.slice(from, from + CHUNK));
			for (const line of store.slice(0, store.viewLength)) {
				if (!isMark(line)) writer.writeLine(format(line));
			}
			store.clear();
			writer.commit();
		}
	};

	// JSON lines are formatted in the worker (after its filter); this thread copies bytes.
	const jsonLines = config.output === 'json' ? createJsonLinePrinter(writer) : undefined;

	// Partitions merged by time (store/time-order.ts); all held records go out before the end.
	// Packed lines go through the same merge, by the record times packed with them.
	const ordered = createTimeOrderedIntake<LogRecord>(print);
	const orderedLines =
		jsonLines &&
		createBatchIntake<OrderedJsonLines>(
			(runs) => {
				if (!writer.closed) jsonLines.printRuns(runs);
			},
			{maxChars: MAX_HELD_LINE_BYTES},
		);
	/** The intake this run's batches take (a run gets records or packed lines, never both). */
	const order = orderedLines ?? ordered;

	/** While not connected, `--exit` gives up after `--timeout`. */
	let stallTimer: NodeJS.Timeout | undefined;
	let lastReason: string | undefined;
	let reportedError = false;
	let skippedBatches = false;
	let everLive = false;
	const startStallTimer = () => {
		if (!config.exitAtEnd || stallTimer) return;
		stallTimer = setTimeout(() => {
			const seconds = Math.round(config.timeoutMs / 100) / 10;
			end(
				2,
				`klog-tui: no answer from Kafka at ${brokers} within ${seconds}s${lastReason ? `: ${lastReason}` : ''}`,
			);
		}, config.timeoutMs);
	};
	// Following: a long rebalance of our group is one line on stderr, and one when it reads again.
	const rebalance = config.exitAtEnd ? undefined : createRebalanceNotice(options.groupId, log);
	const onStatus = (state: ConnectionState) => {
		rebalance?.state(state);
		if (state.kind === 'live' || state.kind === 'rebalancing') {
			everLive = true;
			clearTimeout(stallTimer);
			stallTimer = undefined;
			if (lastReason && !config.exitAtEnd) log('klog-tui: connected');
			lastReason = undefined;
			return;
		}
		if (state.kind === 'stopped') {
			if (!ended)
				end(2, reportedError ? undefined : `klog-tui: stopped${state.reason ? `: ${state.reason}` : ''}`);
			return;
		}
		const reason = state.reason;
		if (reason && reason !== lastReason && !config.exitAtEnd) log(`klog-tui: ${state.kind}: ${reason}`);
		lastReason = reason ?? lastReason;
		startStallTimer();
	};

	stream = createWorkerLogStream({
		...options.connection,
		topics: config.topics,
		...(config.topicPatterns.length > 0 ? {topicPatterns: config.topicPatterns} : {}),
		...(config.until === undefined ? {} : {until: config.until}),
		groupId: options.groupId,
		groupPolicy: groupPolicyOf(config),
		start: config.start,
		commitOffsets: config.commit,
		// Ends at the end and no group named: straight from the leaders, no group (without-group.ts).
		withoutGroup: readsWithoutGroup(config),
		finishAtEnd: config.exitAtEnd,
		// With --exit a missing topic ends the run (one line, exit 2); otherwise wait for it.
		waitForTopics: !config.exitAtEnd,
		...(config.parse ? {parseSettings: config.parse} : {}),
		...(filtered
			? {
					recordFilter: {
						module: new URL('session/hunt-record-test.js', import.meta.url).href,
						options: {spec: config.filter, now: Date.now()} satisfies RecordTestOptions,
						...(report ? {onScanned: report.scanned} : {}),
					},
				}
			: {}),
		onRecords: (records, behind) => ordered.push(records, behind),
		...(jsonLines
			? {
					packedBatches: {
						module: new URL('plain/json-line-packing.js', import.meta.url).href,
						onBatch: (buffer: ArrayBuffer, behind: boolean) =>
							orderedLines?.push(orderedJsonLines(buffer, config.parse), behind),
					},
				}
			: {}),
		// The partition table ends the time order's wait for partitions not seen yet, so the first
		// records go out (and a full pipe holds the fetching) without waiting out the window.
		onPartitions: (partitions) => {
			order.announce(partitions);
			report?.partitions(partitions);
		},
		// A topic deleted and created again: its offsets start again (onError said so).
		onTopicReset: (topic) => {
			order.flush();
			store.forgetTopic(topic);
			jsonLines?.forgetTopic(topic);
		},
		onStatus,
		onError: (message) => {
			// A skipped batch is not the end of the run: it is one line, and exit code 1 at the end.
			if (message.startsWith(UNDECODABLE_PREFIX)) skippedBatches = true;
			else reportedError = true;
			log(`klog-tui: ${message}`);
		},
	});

	const onAbort = () => end(0);
	options.signal?.addEventListener('abort', onAbort, {once: true});
	if (options.signal?.aborted) end(0);
	startStallTimer();
	if (config.exitAtEnd) {
		// A refusal from every broker is final: say so now instead of after --timeout.
		void probeBrokers(config.brokers).then((probes) => {
			const refused = everyBrokerRefused(probes);
			if (refused !== undefined && !everLive)
				end(2, `klog-tui: every broker refused the connection: ${refused}`);
		});
		stream.caughtUp().then(
			() => end(skippedBatches ? 1 : 0),
			// The stream stopped first; onStatus/onError said why.
			() => end(2, reportedError ? undefined : 'klog-tui: the stream stopped before it reached the end'),
		);
	}
	// start() resolves only after the first attempt (seconds when no broker answers);
	// the timers and callbacks above decide when the run ends, not start().
	void stream.start().catch((error: unknown) => end(2, `klog-tui: ${(error as Error).message}`));

	const code = await finished;
	report?.stop();
	rebalance?.dispose();
	// What is held is printed now, not after the group is left; records during stop() follow.
	order.flush();
	clearTimeout(stallTimer);
	options.signal?.removeEventListener('abort', onAbort);
	// Without a group joined there is nothing to leave: do not wait long for a dead broker.
	await withTimeout(stream.stop(), everLive ? STOP_TIMEOUT_MS : GIVE_UP_STOP_MS);
	order.flush();
	order.dispose();
	// The summary stays under the last record.
	report?.end();
	await writer.flush();
	store.dispose();
	return code;
}

async function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	await Promise.race([
		promise.catch(() => undefined),
		new Promise((resolve) => {
			timer = setTimeout(resolve, ms);
		}),
	]);
	clearTimeout(timer);
}
