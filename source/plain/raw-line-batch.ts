import type {RawRecord} from '../record/log-record.js';
import {ScratchBuffer} from '../shared/scratch-buffer.js';

/**
 * Plain `--output json` over two threads. The stream worker runs kafkajs, the slowest thread,
 * and the main thread was mostly idle (bench/RESULTS.md): so the worker packs each record of a
 * batch as it was read (key and value bytes, offset, Kafka time) and the main thread writes the
 * lines (`jsonLinesOf` in json-line-packing.ts) while the worker reads on. Records with
 * headers, which the one-pass line never takes (flat-json-line.ts), are parsed and written in
 * the worker and cross as lines, so the main thread parses only what the one pass leaves.
 *
 * Layout, little-endian: u32 `RAW_BATCH` (never a line count, the first word of a batch of
 * lines), u32 entry count, u32 partition, u32 topic byte length, the topic (UTF-8), then per
 * entry `ENTRY_BYTES`: u32 kind (`RECORD` with `NO_KEY`, `NO_VALUE`, or 0 for a line), u32 row
 * (a line's `logIndex` + 1, 0 for none), f64 offset, f64 time (a record: its Kafka timestamp; a
 * line: its record's time), f64 Kafka time (a line), u32 start, split and end (from the start
 * of the data: a record's key is [start, split) and its value [split, end); a line, with its
 * `\n`, is [start, end)), u32 unused; then the data.
 */

export const RAW_BATCH = 0xffff_ffff;
const HEADER_BYTES = 16;
const ENTRY_BYTES = 48;
export const RECORD = 1;
export const NO_KEY = 2;
export const NO_VALUE = 4;

/** Reused between batches (the worker packs one at a time); each batch gets a copy. */
const data = new ScratchBuffer(1 << 20);
const entries = new ScratchBuffer(ENTRY_BYTES * 1024);
let used = 0;
let count = 0;

function addEntry(
	kind: number,
	row: number,
	offset: number,
	time: number,
	kafkaTime: number,
	start: number,
	split: number,
): void {
	entries.ensureRoom(count * ENTRY_BYTES, ENTRY_BYTES);
	const {view} = entries;
	const entry = count * ENTRY_BYTES;
	view.setUint32(entry, kind, true);
	view.setUint32(entry + 4, row, true);
	view.setFloat64(entry + 8, offset, true);
	view.setFloat64(entry + 16, time, true);
	view.setFloat64(entry + 24, kafkaTime, true);
	view.setUint32(entry + 32, start, true);
	view.setUint32(entry + 36, split, true);
	view.setUint32(entry + 40, used, true);
	count++;
}

/** Adds a record as it was read; the caller knows it has no headers. */
export function addRawRecord(raw: RawRecord): void {
	const {key, value} = raw;
	const keyBytes = key === null ? 0 : key.length;
	const valueBytes = value === null ? 0 : value.length;
	data.ensureRoom(used, keyBytes + valueBytes);
	const start = used;
	if (key !== null) data.bytes.set(key, used);
	const split = start + keyBytes;
	if (value !== null) data.bytes.set(value, split);
	used = split + valueBytes;
	const kind = RECORD | (key === null ? NO_KEY : 0) | (value === null ? NO_VALUE : 0);
	addEntry(kind, 0, raw.offset, raw.timestamp, 0, start, split);
}

/** Where a line is written next, with room for `bytes`: the caller writes there, then `addRawLine`. */
export function rawLineRoom(bytes: number): {scratch: ScratchBuffer; at: number} {
	data.ensureRoom(used, bytes);
	return {scratch: data, at: used};
}

/** Adds the line written at the place `rawLineRoom` gave, ending (after its `\n`) at `end`. */
export function addRawLine(end: number, row: number, offset: number, time: number, kafkaTime: number): void {
	const start = used;
	used = end;
	addEntry(0, row, offset, time, kafkaTime, start, start);
}

/** The entries added since the last call, as one buffer of the layout above. */
export function packRawBatch(topic: string, partition: number): ArrayBuffer {
	const topicBytes = Buffer.byteLength(topic);
	const entriesStart = HEADER_BYTES + topicBytes;
	const dataStart = entriesStart + count * ENTRY_BYTES;
	const bytes = Buffer.allocUnsafeSlow(dataStart + used);
	bytes.writeUInt32LE(RAW_BATCH, 0);
	bytes.writeUInt32LE(count, 4);
	bytes.writeUInt32LE(partition, 8);
	bytes.writeUInt32LE(topicBytes, 12);
	bytes.write(topic, HEADER_BYTES);
	bytes.set(entries.bytes.subarray(0, count * ENTRY_BYTES), entriesStart);
	bytes.set(data.bytes.subarray(0, used), dataStart);
	used = 0;
	count = 0;
	return bytes.buffer as ArrayBuffer;
}

export const isRawBatch = (buffer: ArrayBuffer) =>
	buffer.byteLength >= HEADER_BYTES && new DataView(buffer).getUint32(0, true) === RAW_BATCH;

/** A raw batch, read in place; the byte positions are from the start of `bytes`. */
export type RawBatch = {
	topic: string;
	partition: number;
	count: number;
	bytes: Buffer;
	kind(index: number): number;
	row(index: number): number;
	offset(index: number): number;
	time(index: number): number;
	kafkaTime(index: number): number;
	start(index: number): number;
	split(index: number): number;
	end(index: number): number;
};

/** Reads a buffer made by `packRawBatch`. */
export function readRawBatch(buffer: ArrayBuffer): RawBatch {
	const bytes = Buffer.from(buffer);
	const view = new DataView(buffer);
	const count = view.getUint32(4, true);
	const topicBytes = view.getUint32(12, true);
	const table = HEADER_BYTES + topicBytes;
	const dataStart = table + count * ENTRY_BYTES;
	return {
		topic: bytes.toString('utf8', HEADER_BYTES, table),
		partition: view.getUint32(8, true),
		count,
		bytes,
		kind: (index) => view.getUint32(table + ENTRY_BYTES * index, true),
		row: (index) => view.getUint32(table + ENTRY_BYTES * index + 4, true),
		offset: (index) => view.getFloat64(table + ENTRY_BYTES * index + 8, true),
		time: (index) => view.getFloat64(table + ENTRY_BYTES * index + 16, true),
		kafkaTime: (index) => view.getFloat64(table + ENTRY_BYTES * index + 24, true),
		start: (index) => dataStart + view.getUint32(table + ENTRY_BYTES * index + 32, true),
		split: (index) => dataStart + view.getUint32(table + ENTRY_BYTES * index + 36, true),
		end: (index) => dataStart + view.getUint32(table + ENTRY_BYTES * index + 40, true),
	};
}
