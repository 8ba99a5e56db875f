import {rowsWithValues} from '../kafka/worker/rows-with-values.js';
import type {LogRecord} from '../record/log-record.js';
import {createRowParser, type ParseSettings} from '../record/parse-record.js';
import {createShapeReader, type ShapeReader} from '../record/shapes/read-shape.js';
import {ScratchBuffer} from '../shared/scratch-buffer.js';
import {emptyFlatSource, flatLineBound, flatLineTime, writeFlatLine} from './flat-json-line.js';
import {type JsonLineBatch, readJsonLines, rowOf, writeRecordLine} from './json-line-packing.js';
import {isRawBatch, NO_KEY, NO_VALUE, RECORD, readRawBatch} from './raw-line-batch.js';

/**
 * The main thread's half of plain `--output json` (raw-line-batch.ts says why the work is
 * split): the lines of a raw batch, written here as the worker would have written them. They
 * go into a slab that consecutive batches share and that is never written again, so a batch's
 * lines need no copy of their own (the time order holds them, the writer may write them
 * later); the slab is dropped by the last batch that holds a part of it. The entries are a
 * Float64Array per batch: nothing is packed to cross a thread.
 */

const SLAB_BYTES = 4 << 20;
/** A slab with less room than this left starts a new one. */
const MIN_ROOM = 64 * 1024;
/** Per line: offset, row, time, Kafka time, end of the line in the batch's bytes. */
const FIELDS = 5;

/** Where the next batch's lines go: `bytes` starts after the lines of the batches before it. */
class LineSlab extends ScratchBuffer {
	/** A batch that outgrows what is left moves to a new slab (with what it wrote so far). */
	override ensureRoom(used: number, more: number): void {
		if (used + more <= this.bytes.length) return;
		const larger = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, 2 * (used + more)));
		this.bytes.copy(larger, 0, 0, used);
		this.bytes = larger;
		this.view = new DataView(larger.buffer, larger.byteOffset, larger.length);
	}

	/** The first `used` bytes, kept for a batch; the next batch writes after them. */
	take(used: number): Buffer {
		const lines = this.bytes.subarray(0, used);
		const rest = this.bytes.subarray(used);
		this.bytes = rest.length >= MIN_ROOM ? rest : Buffer.allocUnsafeSlow(SLAB_BYTES);
		this.view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length);
		return lines;
	}
}

const slab = new LineSlab(SLAB_BYTES);
let used = 0;
let entries = new Float64Array(FIELDS * 1024);
let count = 0;

function addEntry(offset: number, row: number, time: number, kafkaTime: number): void {
	if ((count + 1) * FIELDS > entries.length) {
		const larger = new Float64Array(entries.length * 2);
		larger.set(entries);
		entries = larger;
	}
	const at = count * FIELDS;
	entries[at] = offset;
	entries[at + 1] = row;
	entries[at + 2] = time;
	entries[at + 3] = kafkaTime;
	entries[at + 4] = used;
	count++;
}

/** The lines and entries added since the last call, as a batch. */
function batchOf(topic: string, partition: number): JsonLineBatch {
	const table = entries.slice(0, count * FIELDS);
	const lines = slab.take(used);
	const lineCount = count;
	used = 0;
	count = 0;
	return {
		topic,
		count: lineCount,
		partition: () => partition,
		offset: (index) => table[index * FIELDS]!,
		row: (index) => table[index * FIELDS + 1]!,
		time: (index) => table[index * FIELDS + 2]!,
		kafkaTime: (index) => table[index * FIELDS + 3]!,
		lineStart: (index) => (index === 0 ? 0 : table[index * FIELDS - 1]!),
		lineEnd: (index) => table[index * FIELDS + 4]!,
		bytes: lines,
	};
}

/** How this thread reads what the one pass leaves: the parse settings' shapes and parser. */
let reading:
	| {settings: ParseSettings | undefined; shapes: ShapeReader; parseRows: ReturnType<typeof rowsWithValues>}
	| undefined;

function readingFor(settings: ParseSettings | undefined) {
	if (reading === undefined || reading.settings !== settings)
		reading = {
			settings,
			shapes: createShapeReader(settings?.fields ?? {}),
			parseRows: rowsWithValues(createRowParser(settings)),
		};
	return reading;
}

/** Buffer's own Latin-1 decoder: `toString('latin1')` checks its arguments and encoding first. */
type LatinSlicing = Buffer & {latin1Slice(start: number, end: number): string};

/**
 * Bytes of a batch read as one Latin-1 string at a time: a string per record cost ~75 ns
 * to make, and one per batch (~128 KB) lived long enough to be promoted, so that the main
 * thread ran 16 full collections in a run instead of 3 (--trace-gc).
 */
const TEXT_WINDOW = 16 * 1024;
/** Longest value the one pass takes (flat-json-line.ts); longer ones are never read as text here. */
const MAX_FLAT_VALUE = 4096;

/** The main thread's view of a record of a raw batch, one reused for every record. */
const flat = emptyFlatSource();
const parsedRows: LogRecord[] = [];
const parsedValues: Array<Uint8Array | null> = [];

/**
 * A packed batch's lines: a batch of lines read in place; a raw batch's lines written here
 * from its records' bytes, in one pass for a flat record of a common layout
 * (`flat-json-line.ts`), else parsed with `settings` (which must be the worker's) and written
 * as `packJsonLines` does. Same lines, times and positions as the worker would have packed.
 */
export function jsonLineBatchOf(buffer: ArrayBuffer, settings?: ParseSettings): JsonLineBatch {
	if (!isRawBatch(buffer)) return readJsonLines(buffer);
	const batch = readRawBatch(buffer);
	const {shapes, parseRows} = readingFor(settings);
	const {topic, partition, bytes} = batch;
	const dataEnd = bytes.length;
	const topicJson = JSON.stringify(topic);
	flat.source = bytes;
	flat.partition = partition;
	// A Latin-1 string of many records' bytes (`TEXT_WINDOW`) for the layout match (which also
	// checks that every byte is one the line can copy) and the copy of the values.
	let textStart = 0;
	let textEnd = -1;
	for (let index = 0; index < batch.count; index++) {
		const kind = batch.kind(index);
		const start = batch.start(index);
		const end = batch.end(index);
		const offset = batch.offset(index);
		if ((kind & RECORD) === 0) {
			slab.ensureRoom(used, end - start);
			slab.bytes.set(bytes.subarray(start, end), used);
			used += end - start;
			addEntry(offset, Math.max(0, batch.row(index) - 1), batch.time(index), batch.kafkaTime(index));
			continue;
		}
		const split = batch.split(index);
		const timestamp = batch.time(index);
		if ((kind & NO_VALUE) === 0 && end - split <= MAX_FLAT_VALUE) {
			if (end > textEnd) {
				textStart = split;
				textEnd = Math.min(dataEnd, split + TEXT_WINDOW);
				flat.text = (bytes as LatinSlicing).latin1Slice(textStart, textEnd);
			}
			flat.textStart = split - textStart;
			flat.valueStart = split;
			flat.valueEnd = end;
			flat.keySource = (kind & NO_KEY) === 0 ? bytes : null;
			flat.keyStart = start;
			flat.keyEnd = split;
			flat.offset = offset;
			flat.timestamp = timestamp;
			slab.ensureRoom(used, flatLineBound(topic.length, end - split, split - start) + 1);
			const lineEnd = writeFlatLine(flat, topicJson, shapes, slab.bytes, used);
			if (lineEnd >= 0) {
				slab.bytes[lineEnd] = 0x0a;
				used = lineEnd + 1;
				addEntry(offset, 0, flatLineTime(), timestamp);
				continue;
			}
		}
		parseRows(
			{
				topic,
				partition,
				offset,
				timestamp,
				key: (kind & NO_KEY) === 0 ? bytes.subarray(start, split) : null,
				value: (kind & NO_VALUE) === 0 ? bytes.subarray(split, end) : null,
				headers: {},
			},
			parsedRows,
			parsedValues,
		);
		for (let row = 0; row < parsedRows.length; row++) {
			const record = parsedRows[row]!;
			used = writeRecordLine(record, JSON.stringify(record.topic), parsedValues[row] ?? null, slab, used);
			addEntry(record.offset, Math.max(0, rowOf(record) - 1), record.time, record.kafkaTime);
		}
		parsedRows.length = 0;
		parsedValues.length = 0;
	}
	return batchOf(topic, partition);
}
