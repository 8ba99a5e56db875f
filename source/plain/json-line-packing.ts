import type {BatchPacker} from '../kafka/worker/stream-worker-protocol.js';
import type {LogRecord} from '../record/log-record.js';
import {formatJsonLine} from '../terminal-text/format-json-line.js';
import {jsonLineBytesBound, writeJsonLineBytes} from '../terminal-text/json-line-bytes.js';

/**
 * `--output json` lines of one batch, formatted in the stream worker and packed into one
 * ArrayBuffer for the main thread, which then only checks offsets and copies bytes: no
 * records are unpacked, no strings decoded, formatted or encoded there (that was over half
 * of the plain output's CPU, bench/RESULTS.md). The lines are `formatJsonLine`'s, byte for
 * byte: the parser's strings survive the packing of `log-record-packing.ts` unchanged, so
 * formatting before or after the thread boundary gives the same text.
 *
 * Layout, little-endian: u32 record count, u32 topic byte length, the topic (UTF-8), then per
 * record u32 partition, f64 offset, u32 row (its `logIndex` + 1, 0 for none), f64 time and f64
 * Kafka time (the sort keys of the time order, store/time-order.ts), u32 end of its line (from
 * the start of the buffer), then the lines, each ending in `\n`, one after another.
 */

const ENTRY_BYTES = 36;

/** Reused between batches (the worker packs one at a time); each batch gets a copy. */
let scratch = Buffer.allocUnsafeSlow(1 << 20);
/** The entries are written through a DataView: Buffer's `writeUInt32LE` checks every call's range. */
let scratchView = new DataView(scratch.buffer, scratch.byteOffset, scratch.length);

/** Makes room for `bytes` more after `used`, keeping what is there. */
function ensureRoom(used: number, bytes: number): void {
	if (used + bytes <= scratch.length) return;
	const larger = Buffer.allocUnsafeSlow(Math.max(scratch.length * 2, used + bytes));
	scratch.copy(larger, 0, 0, used);
	scratch = larger;
	scratchView = new DataView(scratch.buffer, scratch.byteOffset, scratch.length);
}

/**
 * Packs the `--output json` line of each record (of one topic). `values`, when given, are the
 * records' value bytes as read (same order): common records are then written straight into
 * bytes with their value copied (`json-line-bytes.ts`), the others through `formatJsonLine`.
 */
export function packJsonLines(
	topic: string,
	records: readonly LogRecord[],
	values?: ReadonlyArray<Uint8Array | null>,
): ArrayBuffer {
	ensureRoom(0, 8 + 3 * topic.length + ENTRY_BYTES * records.length);
	const topicBytes = scratch.write(topic, 8);
	scratch.writeUInt32LE(records.length, 0);
	scratch.writeUInt32LE(topicBytes, 4);
	let entry = 8 + topicBytes;
	let at = entry + ENTRY_BYTES * records.length;
	// The fast writer takes the topic as JSON text of printable ASCII (Kafka's topic names are).
	const topicJson = JSON.stringify(topic);
	const fast = /^[\x20-\x7e]*$/.test(topicJson) && values !== undefined;
	for (let index = 0; index < records.length; index++) {
		const record = records[index]!;
		const bytes = fast ? (values[index] ?? null) : null;
		let end = -1;
		if (bytes !== null) {
			ensureRoom(at, jsonLineBytesBound(record, topicJson, bytes.length) + 1);
			end = writeJsonLineBytes(record, topicJson, bytes, scratch, at);
		}
		if (end < 0) {
			const line = formatJsonLine(record);
			ensureRoom(at, 3 * line.length + 1);
			end = at + scratch.write(line, at);
		}
		scratch[end] = 0x0a;
		at = end + 1;
		// The scratch buffer may have grown: no view of it is kept across lines.
		scratchView.setUint32(entry, record.partition, true);
		scratchView.setFloat64(entry + 4, record.offset, true);
		scratchView.setUint32(entry + 12, record.logIndex === undefined ? 0 : record.logIndex + 1, true);
		scratchView.setFloat64(entry + 16, record.time, true);
		scratchView.setFloat64(entry + 24, record.kafkaTime, true);
		scratchView.setUint32(entry + 32, at, true);
		entry += ENTRY_BYTES;
	}

	const packed = new ArrayBuffer(at);
	new Uint8Array(packed).set(scratch.subarray(0, at));
	return packed;
}

/** The stream worker's `batchPacker` for plain `--output json` (see `packedBatches` in worker-log-stream.ts). */
export const packBatch: BatchPacker = (records, values) =>
	packJsonLines(records[0]?.topic ?? '', records, values);

/** A packed batch of lines, read in place. */
export type JsonLineBatch = {
	topic: string;
	count: number;
	partition(index: number): number;
	offset(index: number): number;
	/** The row's place in its Kafka record (`logIndex`; 0 for a record of one row). */
	row(index: number): number;
	/** The record's `time` and `kafkaTime`, for the time order. */
	time(index: number): number;
	kafkaTime(index: number): number;
	/** Where the line of record `index` starts and ends (its `\n` included). */
	lineStart(index: number): number;
	lineEnd(index: number): number;
	/** The whole buffer, for slicing lines out of. */
	bytes: Uint8Array;
};

/** Reads a buffer made by `packJsonLines`. */
export function readJsonLines(buffer: ArrayBuffer): JsonLineBatch {
	const bytes = new Uint8Array(buffer);
	const view = new DataView(buffer);
	const count = view.getUint32(0, true);
	const topicBytes = view.getUint32(4, true);
	const topic = Buffer.from(buffer, 8, topicBytes).toString('utf8');
	const table = 8 + topicBytes;
	const linesStart = table + ENTRY_BYTES * count;
	return {
		topic,
		count,
		partition: (index) => view.getUint32(table + ENTRY_BYTES * index, true),
		offset: (index) => view.getFloat64(table + ENTRY_BYTES * index + 4, true),
		row: (index) => Math.max(0, view.getUint32(table + ENTRY_BYTES * index + 12, true) - 1),
		lineStart: (index) => (index === 0 ? linesStart : view.getUint32(table + ENTRY_BYTES * index - 4, true)),
		time: (index) => view.getFloat64(table + ENTRY_BYTES * index + 16, true),
		kafkaTime: (index) => view.getFloat64(table + ENTRY_BYTES * index + 24, true),
		lineEnd: (index) => view.getUint32(table + ENTRY_BYTES * index + 32, true),
		bytes,
	};
}
