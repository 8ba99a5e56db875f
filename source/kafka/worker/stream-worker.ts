/**
 * The stream worker: runs a log stream (`createLogStream`) in a worker thread and speaks the
 * protocol of `stream-worker-protocol.ts` with the main thread. Records are parsed here
 * (`parseRecordRows`: a row per log record of an OTLP request) and cross as one packed, transferred buffer per batch. The next fetch waits while more than `MAX_BYTES_IN_FLIGHT`
 * bytes are unacknowledged, so a busy main thread slows the fetching instead of queueing
 * the topic in memory.
 */
import {parentPort} from 'node:worker_threads';
import type {LogRecord} from '../../record/log-record.js';
import {createRowParser} from '../../record/parse-record.js';
import {errorMessage} from '../../shared/error-message.js';
import {createLogStream} from '../log-stream/log-stream.js';
import {receiveWorkerData} from './early-worker-data.js';
import {packLogRecords} from './log-record-packing.js';
import {rowsWithValues} from './rows-with-values.js';
import {createAcknowledgements} from './skipped-batches.js';
import type {
	BatchPacker,
	FromStreamWorker,
	RawBatchPackerFactory,
	StreamWorkerData,
	ToStreamWorker,
} from './stream-worker-protocol.js';
import {loadBatchFilter} from './worker-filter.js';

/** Packed bytes posted but not yet handled by the main thread before fetching pauses. */
const MAX_BYTES_IN_FLIGHT = 2 * 1024 * 1024;

const port = parentPort;
if (!port) throw new Error('stream-worker.js runs as a worker thread');

const post = (message: FromStreamWorker, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);

let bytesInFlight = 0;
let wakeFetching: (() => void) | undefined;
let roomWaiter: Promise<void> | undefined;

const {parseSettings, batchPacker, recordFilter, ...streamOptions} =
	(await receiveWorkerData()) as StreamWorkerData;
const packer = batchPacker
	? ((await import(batchPacker)) as {packBatch: BatchPacker; createRawBatchPacker?: RawBatchPackerFactory})
	: undefined;
const packBatch = packer?.packBatch;
// A hunt or plain --grep: only matches are packed and cross (worker-filter.ts).
const batchFilter = recordFilter ? await loadBatchFilter(recordFilter) : undefined;
// The config file's field names and time zone reach the parser here, in the worker.
const parseRows = createRowParser(parseSettings);
const parseRowsWithValues = rowsWithValues(parseRows);
// Without a filter, the packer may write lines straight from the raw records (plain JSON output).
const packRawBatch = batchFilter
	? undefined
	: packer?.createRawBatchPacker?.(parseSettings, parseRowsWithValues);

const stream = createLogStream({
	...streamOptions,
	// --commit commits only what the main thread has handled (its ack), not what was posted.
	acknowledgedRecords: true,
	onRecords(records, behind) {
		if (packRawBatch) return posted(packRawBatch(records), 'packed', behind);
		// Parsed here, not on the main thread, which draws and takes keys (seqs are the store's).
		const parsed: LogRecord[] = [];
		const values: Array<Uint8Array | null> | undefined = packBatch ? [] : undefined;
		const may = batchFilter?.mayMatch(records);
		for (let index = 0; index < records.length; index++) {
			if (!may || may[index] === 1) parseRowsWithValues(records[index]!, parsed, values);
		}
		if (batchFilter) {
			if (batchFilter.keep(records, parsed, values, behind))
				post({type: 'scanned', partitions: batchFilter.takeScanned()});
			if (parsed.length === 0) {
				acknowledgements.skipped();
				return;
			}
		}
		const buffer = packBatch ? packBatch(parsed, values!) : packLogRecords(parsed[0]!.topic, parsed);
		return posted(buffer, packBatch ? 'packed' : 'records', behind);
	},
	onStatus: (state) => post({type: 'status', state}),
	onPartitions: (partitions) => post({type: 'partitions', partitions}),
	onError: (message) => post({type: 'error', message}),
	onTopicReset: (topic) => post({type: 'topicReset', topic}),
});

/** Sends a packed batch; a promise while too many bytes are in flight (the fetching waits). */
function posted(buffer: ArrayBuffer, type: 'packed' | 'records', behind: boolean): Promise<void> | undefined {
	acknowledgements.posted();
	bytesInFlight += buffer.byteLength;
	post({type, buffer, behind}, [buffer]);
	if (bytesInFlight <= MAX_BYTES_IN_FLIGHT) return undefined;
	roomWaiter ??= new Promise<void>((resolve) => {
		wakeFetching = resolve;
	});
	return roomWaiter;
}

// Batches the filter left empty never cross: they are shown when the batch before them is.
const acknowledgements = createAcknowledgements(() => stream.acknowledgeRecords());

const reply = (id: number, work: Promise<unknown>) => {
	work.then(
		() => post({type: 'reply', id}),
		(error: unknown) => post({type: 'reply', id, error: errorMessage(error)}),
	);
};

const wake = () => {
	const resolve = wakeFetching;
	wakeFetching = undefined;
	roomWaiter = undefined;
	resolve?.();
};

port.on('message', (message: ToStreamWorker) => {
	switch (message.type) {
		case 'ack':
			bytesInFlight -= message.bytes;
			if (bytesInFlight <= MAX_BYTES_IN_FLIGHT / 2) wake();
			return;
		case 'shown':
			acknowledgements.shown();
			return;
		case 'pause':
			stream.pause();
			return;
		case 'resume':
			stream.resume();
			return;
		case 'start':
			reply(message.id, stream.start());
			return;
		case 'seek':
			reply(message.id, stream.seek(message.start));
			return;
		case 'caughtUp':
			reply(message.id, stream.caughtUp());
			return;
		case 'stop':
			wake();
			reply(message.id, stream.stop());
			return;
	}
});
