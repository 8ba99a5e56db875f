import type {BatchPacker, RawBatchPackerFactory} from '../kafka/worker/stream-worker-protocol.js';
import type {LogRecord, RawRecord} from '../record/log-record.js';
import {MAX_HEADER_NAME_LENGTH} from '../record/record-headers.js';
import {ScratchBuffer} from '../shared/scratch-buffer.js';
import {formatJsonLine} from '../terminal-text/format-json-line.js';
import {jsonLineBytesBound, writeJsonLineBytes} from '../terminal-text/json-line-bytes.js';
import {addRawLine, addRawRecord, packRawBatch, rawLineRoom} from './raw-line-batch.js';

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

/**
 * Reused between batches (the worker packs one at a time); each batch gets a copy. The lines
 * and the entries are written apart (a record may be many rows: the count is known at the end)
 * and put together in the copy.
 */
const lines = new ScratchBuffer(1 << 20);
const entries = new ScratchBuffer(ENTRY_BYTES * 1024);
/** Lines written, entries written. */
let used = 0;
let count = 0;

/** The entry of the line that ends at `used` (its `\n` written). */
function addEntry(partition: number, offset: number, row: number, time: number, kafkaTime: number): void {
	entries.ensureRoom(count * ENTRY_BYTES, ENTRY_BYTES);
	const {view} = entries;
	const entry = count * ENTRY_BYTES;
	view.setUint32(entry, partition, true);
	view.setFloat64(entry + 4, offset, true);
	view.setUint32(entry + 12, row, true);
	view.setFloat64(entry + 16, time, true);
	view.setFloat64(entry + 24, kafkaTime, true);
	// From the start of the lines here; from the start of the buffer once packed.
	view.setUint32(entry + 32, used, true);
	count++;
}

/**
 * Writes the line of one record and its `\n` at `at` in `scratch` (grown as needed), by
 * `writeJsonLineBytes` when its value bytes are given, else `formatJsonLine`; returns its end.
 */
export function writeRecordLine(
	record: LogRecord,
	topicJson: string,
	bytes: Uint8Array | null,
	scratch: ScratchBuffer,
	at: number,
): number {
	let end = -1;
	if (bytes !== null) {
		scratch.ensureRoom(at, jsonLineBytesBound(record, topicJson, bytes.length) + 1);
		end = writeJsonLineBytes(record, topicJson, bytes, scratch.bytes, at);
	}
	if (end < 0) {
		const line = formatJsonLine(record);
		scratch.ensureRoom(at, 3 * line.length + 1);
		end = at + scratch.bytes.write(line, at);
	}
	scratch.bytes[end] = 0x0a;
	return end + 1;
}

export const rowOf = (record: LogRecord) => (record.logIndex === undefined ? 0 : record.logIndex + 1);

/** The line of one record (see `writeRecordLine`) and its entry. */
function addRecordLine(record: LogRecord, topicJson: string, bytes: Uint8Array | null): void {
	used = writeRecordLine(record, topicJson, bytes, lines, used);
	addEntry(record.partition, record.offset, rowOf(record), record.time, record.kafkaTime);
}

/** The lines and entries added since the last call, as one buffer of the layout above. */
function packed(topic: string): ArrayBuffer {
	const topicBytes = Buffer.byteLength(topic);
	const linesStart = 8 + topicBytes + ENTRY_BYTES * count;
	// Not zero-filled (every byte is written below), and not pooled: its ArrayBuffer is its own.
	const bytes = Buffer.allocUnsafeSlow(linesStart + used);
	const buffer = bytes.buffer as ArrayBuffer;
	bytes.writeUInt32LE(count, 0);
	bytes.writeUInt32LE(topicBytes, 4);
	bytes.write(topic, 8);
	const {view} = entries;
	for (let entry = 32; entry < count * ENTRY_BYTES; entry += ENTRY_BYTES)
		view.setUint32(entry, view.getUint32(entry, true) + linesStart, true);
	bytes.set(entries.bytes.subarray(0, count * ENTRY_BYTES), 8 + topicBytes);
	bytes.set(lines.bytes.subarray(0, used), linesStart);
	used = 0;
	count = 0;
	return buffer;
}

/** The fast writer takes the topic as JSON text of printable ASCII (Kafka's topic names are). */
const isPrintableJson = (json: string) => /^[\x20-\x7e]*$/.test(json);

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
	const topicJson = JSON.stringify(topic);
	const fast = isPrintableJson(topicJson) && values !== undefined;
	for (let index = 0; index < records.length; index++)
		addRecordLine(records[index]!, topicJson, fast ? (values[index] ?? null) : null);
	return packed(topic);
}

/** The stream worker's `batchPacker` for plain `--output json` (see `packedBatches` in worker-log-stream.ts). */
export const packBatch: BatchPacker = (records, values) =>
	packJsonLines(records[0]?.topic ?? '', records, values);

const hasHeaders = (headers: RawRecord['headers']) => {
	if (headers !== undefined && headers !== null) for (const _name in headers) return true;
	return false;
};

/**
 * The stream worker's packer of raw records for plain `--output json`: a batch of a topic the
 * one pass takes crosses as it was read (raw-line-batch.ts), and the main thread writes its
 * lines (`jsonLinesOf`); records with headers are parsed here by `parseRows` and cross as lines.
 * A topic the one pass does not take (not printable) is parsed here whole, as `packJsonLines`.
 */
export const createRawBatchPacker: RawBatchPackerFactory = (_settings, parseRows) => {
	const rows: LogRecord[] = [];
	const values: Array<Uint8Array | null> = [];
	return (raws) => {
		const raw = raws[0];
		if (raw === undefined) return packed('');
		// The parser's topic is `safeLine`'s: the same text for a printable name of Kafka's length.
		const {topic} = raw;
		const topicJson = JSON.stringify(topic);
		const fast = isPrintableJson(topicJson) && topic.length <= MAX_HEADER_NAME_LENGTH;
		let safeTopic = topic;
		for (const record of raws) {
			if (fast && !hasHeaders(record.headers)) {
				addRawRecord(record);
				continue;
			}
			parseRows(record, rows, values);
			for (let index = 0; index < rows.length; index++) {
				const row = rows[index]!;
				safeTopic = row.topic;
				const rowJson = JSON.stringify(safeTopic);
				const value = fast ? (values[index] ?? null) : null;
				if (!fast) {
					addRecordLine(row, rowJson, value);
					continue;
				}
				const {scratch, at} = rawLineRoom(0);
				addRawLine(
					writeRecordLine(row, rowJson, value, scratch, at),
					rowOf(row),
					row.offset,
					row.time,
					row.kafkaTime,
				);
			}
			rows.length = 0;
			values.length = 0;
		}
		return fast ? packRawBatch(topic, raw.partition) : packed(safeTopic);
	};
};

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
