import type {Worker} from 'node:worker_threads';
import type {LogRecord} from '../../record/log-record.js';
import {createRowParser, type ParseSettings} from '../../record/parse-record.js';
import {errorMessage} from '../../shared/error-message.js';
import type {ScannedPartition} from '../../stream/hunt-progress.js';
import type {StartPosition} from '../../stream/start-position.js';
import type {ConnectionState} from '../../stream/stream-status.js';
import {deferredLogStream} from '../log-stream/deferred-log-stream.js';
import type {LogStream, LogStreamOptions} from '../log-stream/log-stream.js';
import {unpackLogRecords} from './log-record-packing.js';
import {createOutputGate} from './output-gate.js';
import {rowsWithValues} from './rows-with-values.js';
import {drainWorkerOutput, dropEarlyWorker, startWorker} from './start-worker.js';
import type {
	BatchPacker,
	FromStreamWorker,
	StreamWorkerData,
	StreamWorkerRequest,
	ToStreamWorker,
} from './stream-worker-protocol.js';
import {loadBatchFilter, type WorkerRecordFilter} from './worker-filter.js';

/** A request without its id (the id is added when it is sent). */
type RequestBody = StreamWorkerRequest extends infer Request
	? Request extends StreamWorkerRequest
		? Omit<Request, 'id'>
		: never
	: never;

/** Longest stretch of handling the worker's messages before the event loop gets a turn. */
const SLICE_MS = 8;

/** Longest `stop()` waits for the worker to leave the group before it is terminated anyway. */
const STOP_TIMEOUT_MS = 12_000;

/** The worker stream's options: the log stream's, but records arrive parsed. */
export type WorkerLogStreamOptions = Omit<LogStreamOptions, 'onRecords'> & {
	/**
	 * Called once per batch, in order, with the records parsed in the worker (`seq` 0: the store
	 * assigns); `behind` as in `LogStreamOptions.onRecords`. A returned promise says when the
	 * batch reached the output (a receiver that holds records back to order them): until then
	 * `--commit` does not commit it. It never holds the fetching.
	 */
	onRecords: (records: LogRecord[], behind: boolean) => void | Promise<void>;
	/** How records are read (the config file's `fields` and `timeZone`); plain data, it crosses to the worker. */
	parseSettings?: ParseSettings;
	/**
	 * When given, each batch is packed in the worker by `packBatch` of this module (a
	 * `BatchPacker`, loaded by URL so the format stays in the receiver's layer) and arrives
	 * through `onBatch`; `onRecords` is not called.
	 */
	packedBatches?: {
		module: string;
		/** `behind` and the returned promise as for `onRecords`. */
		onBatch: (buffer: ArrayBuffer, behind: boolean) => void | Promise<void>;
	};
	/**
	 * Only rows this filter keeps are packed and passed on (a hunt, plain `--grep`), filtered
	 * in the worker; `onScanned` hears what was read per partition (throttled, and at once at a
	 * partition's end or with matches).
	 */
	recordFilter?: WorkerRecordFilter & {onScanned?: (partitions: ScannedPartition[]) => void};
};

/** A log stream whose receiver says when its output is full. */
export type WorkerLogStream = LogStream & {
	/**
	 * The receiver's output is full (stdout behind a slow pipe reader) or drained again. While
	 * full, the fetching waits once 2 MB more have crossed, and it goes on the moment the
	 * output drains; the consumer is not paused (output-gate.ts says why).
	 */
	setOutputFull(full: boolean): void;
	/**
	 * Read on, but hand nothing to the receiver until the returned release is called (the TUI
	 * while Ink loads). What the worker sends waits unhandled, so unacknowledged: it stops
	 * fetching after 2 MB, as for a busy receiver. In this thread: paused until the release.
	 */
	holdDelivery(): () => void;
};

/** The options without callbacks, or undefined when they cannot cross to a thread (a function in them). */
function workerDataOf(options: WorkerLogStreamOptions): StreamWorkerData | undefined {
	const {onRecords, onStatus, onPartitions, onError, onTopicReset, packedBatches, recordFilter, ...data} =
		options;
	try {
		structuredClone(data);
		const filter = recordFilter && {module: recordFilter.module, options: recordFilter.options};
		structuredClone(filter);
		return {
			...data,
			...(packedBatches ? {batchPacker: packedBatches.module} : {}),
			...(filter ? {recordFilter: filter} : {}),
		};
	} catch {
		// e.g. a SASL mechanism configured with a function: run in this thread instead.
		return undefined;
	}
}

/**
 * A log stream (the options and behaviour of `createLogStream`) that runs in a worker thread:
 * kafkajs fetches and decodes there and the records are parsed there, and this thread gets each
 * batch as parsed `LogRecord`s through `onRecords`, in order, with status and partitions after
 * the records they follow. The TUI draws and takes keys while the worker decodes and parses, and
 * plain output formats one batch while the next is read. Options that cannot cross to a thread
 * (a function in them) run the stream in this thread instead, parsing here.
 */
export function createWorkerLogStream(options: WorkerLogStreamOptions): WorkerLogStream {
	const workerData = workerDataOf(options);
	if (!workerData) {
		// In this thread a batch's promise holds the next fetch: while the output is full, it is the gate's.
		const gate = createOutputGate(() => undefined);
		dropEarlyWorker('stream-worker');
		const {parseSettings, packedBatches, recordFilter, ...streamOptions} = options;
		const parseRows = rowsWithValues(createRowParser(parseSettings));
		const stream = deferredLogStream(async () => {
			const packBatch = packedBatches
				? ((await import(packedBatches.module)) as {packBatch: BatchPacker}).packBatch
				: undefined;
			const batchFilter = recordFilter ? await loadBatchFilter(recordFilter) : undefined;
			return (await import('../log-stream/log-stream.js')).createLogStream({
				...streamOptions,
				onRecords: (records, behind) => {
					const parsed: LogRecord[] = [];
					const values: Array<Uint8Array | null> | undefined = packBatch ? [] : undefined;
					const may = batchFilter?.mayMatch(records);
					for (let index = 0; index < records.length; index++) {
						if (!may || may[index] === 1) parseRows(records[index]!, parsed, values);
					}
					if (batchFilter?.keep(records, parsed, values, behind))
						recordFilter?.onScanned?.(batchFilter.takeScanned());
					if (parsed.length === 0) return;
					// Not returned: a promise here would hold the fetching until the batch is shown.
					if (!packBatch) void options.onRecords(parsed, behind);
					else if (parsed.length > 0) void packedBatches?.onBatch(packBatch(parsed, values!), behind);
					return gate.whenDrained();
				},
			});
		});
		const holdDelivery = () => {
			stream.pause();
			return () => stream.resume();
		};
		return Object.assign(stream, {setOutputFull: gate.setFull, holdDelivery});
	}

	let worker: Worker | undefined;
	let state: ConnectionState = {kind: 'connecting'};
	let paused = false;
	let ended = false;
	let stopPromise: Promise<void> | undefined;
	let nextId = 1;
	const pending = new Map<number, {resolve: () => void; reject: (error: Error) => void}>();

	const setState = (next: ConnectionState) => {
		state = next;
		options.onStatus?.(next);
	};

	const send = (message: ToStreamWorker) => {
		if (worker && !ended) worker.postMessage(message);
	};
	// While the output is full, taken batches are acknowledged only once it drains.
	const gate = createOutputGate((bytes) => send({type: 'ack', bytes}));

	const request = (message: RequestBody) =>
		new Promise<void>((resolve, reject) => {
			if (ended) {
				reject(new Error('the stream has stopped'));
				return;
			}
			const id = nextId++;
			pending.set(id, {resolve, reject});
			ensureWorker().postMessage({...message, id} satisfies StreamWorkerRequest);
		});

	const handleMessage = (message: FromStreamWorker) => {
		switch (message.type) {
			case 'records':
			case 'packed': {
				let shown: Promise<void> | undefined;
				try {
					const handled =
						message.type === 'packed'
							? options.packedBatches?.onBatch(message.buffer, message.behind)
							: options.onRecords(unpackLogRecords(message.buffer), message.behind);
					if (handled instanceof Promise) shown = handled;
				} catch (error) {
					options.onError?.(`could not handle records: ${errorMessage(error)}`);
				}
				gate.ack(message.buffer.byteLength);
				whenShown(shown);
				return;
			}
			case 'scanned':
				options.recordFilter?.onScanned?.(message.partitions);
				return;
			case 'status':
				// Once the worker is gone, its last words do not bring the stream back to life.
				if (!ended) setState(message.state);
				return;
			case 'partitions':
				options.onPartitions?.(message.partitions);
				return;
			case 'error':
				options.onError?.(message.message);
				return;
			case 'topicReset':
				options.onTopicReset?.(message.topic);
				return;
			case 'reply': {
				const waiter = pending.get(message.id);
				pending.delete(message.id);
				if (message.error === undefined) waiter?.resolve();
				else waiter?.reject(new Error(message.error));
				return;
			}
		}
	};

	/**
	 * Batches not yet shown, oldest first: the worker commits only what was shown, in the order
	 * it handed the batches over, so a batch shown before an older one waits for it.
	 */
	const unshown: {shown: boolean}[] = [];
	const whenShown = (shown: Promise<void> | undefined) => {
		if (!shown) {
			if (unshown.length === 0) send({type: 'shown'});
			else unshown.push({shown: true});
			return;
		}
		const entry = {shown: false};
		unshown.push(entry);
		const settle = () => {
			entry.shown = true;
			while (unshown[0]?.shown) {
				unshown.shift();
				send({type: 'shown'});
			}
		};
		shown.then(settle, settle);
	};

	/**
	 * Messages are handled in order, in slices of at most `SLICE_MS`, between which the event
	 * loop runs timers and input. Node hands a thread up to 1000 port messages in one go, and a
	 * message here is a whole batch: handled as they came, a catch-up kept the TUI from drawing
	 * or reading a key for seconds.
	 */
	const inbox: FromStreamWorker[] = [];
	let drainScheduled = false;
	let holding = false;
	const drain = () => {
		drainScheduled = false;
		if (holding) return;
		const until = performance.now() + SLICE_MS;
		while (inbox.length > 0) {
			handleMessage(inbox.shift()!);
			if (performance.now() >= until) break;
		}
		if (inbox.length > 0) scheduleDrain();
	};
	const scheduleDrain = () => {
		if (drainScheduled) return;
		drainScheduled = true;
		setImmediate(drain);
	};
	const release = () => {
		holding = false;
		if (inbox.length > 0) scheduleDrain();
	};
	const receive = (message: FromStreamWorker) => {
		inbox.push(message);
		scheduleDrain();
	};

	/** The worker is gone: whatever waits is told, and the state says so once. */
	const endStream = (reason: string | undefined) => {
		if (ended) return;
		ended = true;
		for (const waiter of pending.values()) waiter.reject(new Error(reason ?? 'the stream has stopped'));
		pending.clear();
		if (state.kind !== 'stopped') setState(reason ? {kind: 'stopped', reason} : {kind: 'stopped'});
	};

	const launch = (): Worker => {
		const next = startWorker('stream-worker', workerData);
		next.on('message', receive);
		next.on('error', (error) => {
			const reason = `the stream worker failed: ${error.message}`;
			options.onError?.(reason);
			endStream(reason);
		});
		// What the worker wrote to stderr (a crash's reason); never shown under Ink, only kept.
		const lastWorkerError = drainWorkerOutput(next);
		next.on('exit', () =>
			endStream(stopPromise ? undefined : lastWorkerError() || 'the stream worker exited'),
		);
		return next;
	};

	/** The worker is made on the first call that needs it; a pause asked for before then applies at once. */
	const ensureWorker = (): Worker => {
		if (worker) return worker;
		worker = launch();
		if (paused) worker.postMessage({type: 'pause'} satisfies ToStreamWorker);
		return worker;
	};

	return {
		start() {
			return request({type: 'start'});
		},
		pause() {
			if (paused) return;
			paused = true;
			send({type: 'pause'});
		},
		resume() {
			if (!paused) return;
			paused = false;
			send({type: 'resume'});
		},
		get paused() {
			return paused;
		},
		setOutputFull: gate.setFull,
		holdDelivery() {
			holding = true;
			return release;
		},
		seek(start: StartPosition) {
			// Before start() this sets where the stream starts, as in the in-thread stream.
			return request({type: 'seek', start});
		},
		stop() {
			// Its reply comes through the inbox.
			release();
			stopPromise ??= (async () => {
				// A receiver that just let its last records out (the time order, flushed on the way
				// out) settles their promises in microtasks: their 'shown' must reach the worker before
				// 'stop', which ends the commits.
				await new Promise((resolve) => setImmediate(resolve));
				const running = worker;
				if (!running || ended) {
					endStream(undefined);
					return;
				}
				let timer: NodeJS.Timeout | undefined;
				await Promise.race([
					request({type: 'stop'}).catch(() => undefined),
					new Promise((resolve) => {
						timer = setTimeout(resolve, STOP_TIMEOUT_MS);
					}),
				]);
				clearTimeout(timer);
				await running.terminate();
				endStream(undefined);
			})();
			return stopPromise;
		},
		caughtUp() {
			return request({type: 'caughtUp'});
		},
		get state() {
			return state;
		},
	};
}
