import {advance, isAfter, type ReadPositions} from '../store/read-positions.js';
import {readJsonLines} from './json-line-packing.js';
import type {LineWriter} from './line-writer.js';

/**
 * `--output json` without a filter: the worker formats the lines (`packJsonLines`) and this
 * thread only drops what this run printed already (a partition's offsets only grow, as in
 * the store's `admit`) and copies the rest to the writer, a run of lines at a time.
 */
export type JsonLinePrinter = {
	print(buffer: ArrayBuffer): void;
	/** The topic was deleted and created again: its offsets start again. */
	forgetTopic(topic: string): void;
};

export function createJsonLinePrinter(writer: LineWriter): JsonLinePrinter {
	/** Where printing got to, per topic and partition: offset and row (as the store's positions). */
	const printed: ReadPositions = new Map();
	return {
		print(buffer) {
			const batch = readJsonLines(buffer);
			let partitions = printed.get(batch.topic);
			if (partitions === undefined) {
				partitions = new Map();
				printed.set(batch.topic, partitions);
			}
			let runStart = -1;
			for (let index = 0; index < batch.count; index++) {
				const partition = batch.partition(index);
				const offset = batch.offset(index);
				const row = batch.row(index);
				const position = partitions.get(partition);
				if (position !== undefined && !isAfter(offset, row, position)) {
					if (runStart >= 0) writer.writeBytes(batch.bytes.subarray(runStart, batch.lineStart(index)));
					runStart = -1;
					continue;
				}
				advance(partitions, partition, position, offset, row);
				if (runStart < 0) runStart = batch.lineStart(index);
			}
			if (runStart >= 0) writer.writeBytes(batch.bytes.subarray(runStart, batch.lineEnd(batch.count - 1)));
			writer.commit();
		},
		forgetTopic(topic) {
			printed.delete(topic);
		},
	};
}
