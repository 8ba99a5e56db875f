import type {LogRecord, RawRecord} from '../../record/log-record.js';
import type {ParseSettings} from '../../record/parse-record.js';
import type {ScannedPartition} from '../../stream/hunt-progress.js';
import type {StartPosition} from '../../stream/start-position.js';
import type {ConnectionState, PartitionStatus} from '../../stream/stream-status.js';
import type {LogStreamOptions} from '../log-stream/log-stream.js';
import type {WorkerRecordFilter} from './worker-filter.js';

/**
 * The messages between the main thread and the stream worker (`stream-worker.ts`), which runs
 * the log stream so that kafkajs' fetching and decoding never share a thread with drawing.
 */

/** The log stream's options without its callbacks, and how to read records: what the worker is started with. */
export type StreamWorkerData = Omit<
	LogStreamOptions,
	'onRecords' | 'onStatus' | 'onPartitions' | 'onError' | 'onTopicReset'
> & {
	parseSettings?: ParseSettings;
	/**
	 * URL of a module whose `packBatch` (a `BatchPacker`) packs each parsed batch for the
	 * receiver instead of `packLogRecords`; its buffers cross as `packed` messages. The
	 * receiver's layer owns the format (plain output's JSON lines), the worker only runs it.
	 */
	batchPacker?: string;
	/** Rows that fail this filter are dropped before packing (`worker-filter.ts`); `scanned` says what was read. */
	recordFilter?: WorkerRecordFilter;
};

/**
 * Packs one parsed batch (one topic and partition). `values[i]` is the value of `records[i]` as
 * read, when that row is its Kafka record's only one (null for the rows of an OTLP request).
 */
export type BatchPacker = (
	records: readonly LogRecord[],
	values: ReadonlyArray<Uint8Array | null>,
) => ArrayBuffer;

/** A call that answers (`reply` with the same id). */
export type StreamWorkerRequest =
	| {type: 'start'; id: number}
	| {type: 'seek'; id: number; start: StartPosition}
	| {type: 'stop'; id: number}
	| {type: 'caughtUp'; id: number};

/** Main thread → worker. */
export type ToStreamWorker =
	| StreamWorkerRequest
	| {type: 'pause'}
	| {type: 'resume'}
	/** The main thread has taken a records message of `bytes` bytes (flow control). */
	| {type: 'ack'; bytes: number}
	/** The oldest records message not yet shown reached the output (what `--commit` may commit). */
	| {type: 'shown'};

/** Worker → main thread. */
export type FromStreamWorker =
	/** One batch, parsed, packed by `packLogRecords` and transferred; `behind` as `onRecords` has it. */
	| {type: 'records'; buffer: ArrayBuffer; behind: boolean}
	/** One batch packed by the `batchPacker` module, transferred; `behind` as for `records`. */
	| {type: 'packed'; buffer: ArrayBuffer; behind: boolean}
	/** With `recordFilter`: what was scanned per partition so far (a hunt's progress). */
	| {type: 'scanned'; partitions: ScannedPartition[]}
	| {type: 'status'; state: ConnectionState}
	| {type: 'partitions'; partitions: PartitionStatus[]}
	| {type: 'error'; message: string}
	/** The topic was deleted and created again (`onTopicReset`), in order with the records. */
	| {type: 'topicReset'; topic: string}
	| {type: 'reply'; id: number; error?: string};

/**
 * Optional beside `packBatch` in a `batchPacker` module: makes a packer of a batch's raw
 * records (one topic and partition), which may write some without parsing them and parses the
 * others with `parseRows` (values collected as for `BatchPacker`). Used when no filter runs.
 */
export type RawBatchPackerFactory = (
	settings: ParseSettings | undefined,
	parseRows: (raw: RawRecord, out: LogRecord[], values: Array<Uint8Array | null>) => void,
) => (raws: readonly RawRecord[]) => ArrayBuffer;
