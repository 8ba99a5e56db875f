import type {ParseSettings} from '../record/parse-record.js';
import {isAfter, type ReadPosition, type ReadPositions} from '../store/read-positions.js';
import type {OrderBatch, OrderRun} from '../store/time-order.js';
import type {JsonLineBatch} from './json-line-packing.js';
import type {LineWriter} from './line-writer.js';
import {jsonLineBatchOf} from './main-thread-lines.js';

/** A packed batch as the time order reads it (store/time-order.ts): its lines stay in the buffer. */
export type OrderedJsonLines = OrderBatch & {lines: JsonLineBatch};

/**
 * Reads a packed buffer for the time order (a packed buffer is one partition's); a raw batch's
 * lines are written first (`jsonLineBatchOf`), with the parse settings the worker was given.
 */
export function orderedJsonLines(buffer: ArrayBuffer, settings?: ParseSettings): OrderedJsonLines {
	const lines = jsonLineBatchOf(buffer, settings);
	return {
		topic: lines.topic,
		partition: lines.count > 0 ? lines.partition(0) : 0,
		count: lines.count,
		time: lines.time,
		kafkaTime: lines.kafkaTime,
		chars: (index) => lines.lineEnd(index) - lines.lineStart(index),
		charsBetween: (from, to) => lines.lineEnd(to - 1) - lines.lineStart(from),
		lines,
	};
}

/**
 * `--output json` without a filter: the worker formats the lines (`packJsonLines`) and this
 * thread only drops what this run printed already (a partition's offsets only grow, as in
 * the store's `admit`) and copies the rest to the writer, a run of lines at a time.
 */
export type JsonLinePrinter = {
	print(buffer: ArrayBuffer): void;
	/** Runs of lines as the time order lets them out, in that order. */
	printRuns(runs: readonly OrderRun<OrderedJsonLines>[]): void;
	/** The topic was deleted and created again: its offsets start again. */
	forgetTopic(topic: string): void;
};

export function createJsonLinePrinter(writer: LineWriter, settings?: ParseSettings): JsonLinePrinter {
	/** Where printing got to, per topic and partition: offset and row (as the store's positions). */
	const printed: ReadPositions = new Map();
	/** Lines `from` to `to` of `batch`, less those printed already, a run of bytes at a time. */
	const printLines = (batch: JsonLineBatch, from: number, to: number) => {
		let partitions = printed.get(batch.topic);
		if (partitions === undefined) {
			partitions = new Map();
			printed.set(batch.topic, partitions);
		}
		let runStart = -1;
		// A batch is one partition's: its position is looked up once, not per line.
		let partition = Number.NaN;
		let position: ReadPosition | undefined;
		for (let index = from; index < to; index++) {
			const linePartition = batch.partition(index);
			if (linePartition !== partition) {
				partition = linePartition;
				position = partitions.get(partition);
			}
			const offset = batch.offset(index);
			const row = batch.row(index);
			if (position !== undefined && !isAfter(offset, row, position)) {
				if (runStart >= 0) writer.writeBytes(batch.bytes.subarray(runStart, batch.lineStart(index)));
				runStart = -1;
				continue;
			}
			if (position === undefined) {
				position = {offset, index: row};
				partitions.set(partition, position);
			} else {
				position.offset = offset;
				position.index = row;
			}
			if (runStart < 0) runStart = batch.lineStart(index);
		}
		if (runStart >= 0) writer.writeBytes(batch.bytes.subarray(runStart, batch.lineEnd(to - 1)));
	};
	return {
		print(buffer) {
			const batch = jsonLineBatchOf(buffer, settings);
			printLines(batch, 0, batch.count);
			writer.commit();
		},
		printRuns(runs) {
			for (const {batch, from, to} of runs) printLines(batch.lines, from, to);
			writer.commit();
		},
		forgetTopic(topic) {
			printed.delete(topic);
		},
	};
}
