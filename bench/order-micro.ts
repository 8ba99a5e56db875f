/**
 * Micro-benchmark of the time order (source/store/time-order.ts) in plain output's path, without
 * Kafka: parsed records of the benchmark's shape (tools/load/log-lines.ts, ~200 B) of six
 * partitions, handed over as Kafka does, a batch of up to 1000 per partition, go through what
 * `source/plain.ts` does (store append, slice, format, the line writer; for `--output json`
 * without a filter, the printer of the worker's packed lines), once straight and once merged by
 * time first. Prints µs/record per stage, medians of 5 interleaved runs.
 *
 *   npx tsx bench/order-micro.ts [records-per-run]
 */

import {packJsonLines} from '../source/plain/json-line-packing.js';
import {
	createJsonLinePrinter,
	type OrderedJsonLines,
	orderedJsonLines,
} from '../source/plain/json-line-printer.js';
import type {LogRecord} from '../source/record/log-record.js';
import {parseRecord} from '../source/record/parse-record.js';
import {createLogStore} from '../source/store/log-store.js';
import {isMark} from '../source/store/log-store-types.js';
import {createBatchTimeOrder, createTimeOrderBuffer} from '../source/store/time-order.js';
import {formatJsonLine, formatPlainLine} from '../source/terminal-text/format-line.js';
import {createLogLineGenerator} from '../tools/load/log-lines.js';
import {countingWriter} from './counting-writer.js';

const RECORDS = Number(process.argv[2] ?? 200_000);
const RUNS = 5;
const CHUNK = 1000;
const PARTITIONS = 6;

/** Batches of one partition each, in the order a fetch hands them over; times interleave. */
function makeBatches(count: number): LogRecord[][] {
	const next = createLogLineGenerator(200);
	const now = Date.now();
	const records = Array.from({length: count}, (_, index) =>
		parseRecord(
			{
				topic: 'logs',
				partition: index % PARTITIONS,
				offset: Math.floor(index / PARTITIONS),
				timestamp: now + index,
				key: null,
				value: Buffer.from(next()),
				headers: {},
			},
			0,
		),
	);
	const batches: LogRecord[][] = [];
	for (let from = 0; from < count; from += CHUNK * PARTITIONS) {
		const round = records.slice(from, from + CHUNK * PARTITIONS);
		for (let partition = 0; partition < PARTITIONS; partition++)
			batches.push(round.filter((record) => record.partition === partition));
	}
	return batches.filter((batch) => batch.length > 0);
}

const textLine = (line: LogRecord) => formatPlainLine(line, {colour: false, topicWidth: 0});

/** plain.ts' print: append in chunks, format what the view shows, write; returns the bytes written. */
function printer(format = textLine): {print: (records: LogRecord[]) => void; done: () => number} {
	const store = createLogStore({maxRecords: CHUNK, maxBytes: Number.MAX_SAFE_INTEGER});
	const {writer, bytes} = countingWriter();
	const print = (records: LogRecord[]) => {
		for (let from = 0; from < records.length; from += CHUNK) {
			store.appendParsed(records.length <= CHUNK ? records : records.slice(from, from + CHUNK));
			for (const line of store.slice(0, store.viewLength)) if (!isMark(line)) writer.writeLine(format(line));
			store.clear();
			writer.commit();
		}
	};
	return {
		print,
		done: () => {
			store.dispose();
			return bytes();
		},
	};
}

/** Hand the batches through the time order as plain.ts does, one tick of the clock per batch. */
function merged(batches: LogRecord[][], out: (records: LogRecord[]) => void): void {
	const order = createTimeOrderBuffer<LogRecord>();
	// The clock moves 1 ms a batch: the merge, not the reorder window, lets records go.
	let now = 0;
	for (const batch of batches) {
		order.push(batch, now, true);
		const released = order.take(now++);
		if (released.length > 0) out(released);
	}
	out(order.flush());
}

/**
 * Plain `--output json` without a filter: the worker packs each batch's lines (not timed here,
 * it is the worker's work), this thread prints them, as they come or merged by time.
 */
let packed: ArrayBuffer[] = [];
function jsonLines(batches: LogRecord[][], ordered: boolean): number {
	const {writer, bytes} = countingWriter();
	const lines = createJsonLinePrinter(writer);
	// The batches' packed lines, made once before the timing (the copies have the same records).
	const buffers =
		packed.length === batches.length ? packed : batches.map((batch) => packJsonLines('logs', batch));
	if (!ordered) {
		for (const buffer of buffers) lines.print(buffer.slice(0));
		return bytes();
	}
	const order = createBatchTimeOrder<OrderedJsonLines>();
	let now = 0;
	for (const buffer of buffers) {
		order.push(orderedJsonLines(buffer.slice(0)), now, true);
		const runs = order.take(now++);
		if (runs.length > 0) lines.printRuns(runs);
	}
	lines.printRuns(order.flush());
	return bytes();
}

const stages: {name: string; run: (batches: LogRecord[][]) => number}[] = [
	{
		name: 'time order alone: push + take',
		run: (batches) => {
			let count = 0;
			merged(batches, (records) => {
				count += records.length;
			});
			return count;
		},
	},
	{
		name: 'plain text path, batches as they come',
		run: (batches) => {
			const {print, done} = printer();
			for (const batch of batches) print(batch);
			return done();
		},
	},
	{
		name: 'plain text path, merged by time (time-order.ts)',
		run: (batches) => {
			const {print, done} = printer();
			merged(batches, print);
			return done();
		},
	},
	{
		name: 'plain json, packed lines as they come',
		run: (batches) => jsonLines(batches, false),
	},
	{
		name: 'plain json, packed lines merged by time',
		run: (batches) => jsonLines(batches, true),
	},
	{
		name: 'plain json, record path merged by time',
		run: (batches) => {
			const {print, done} = printer(formatJsonLine);
			merged(batches, print);
			return done();
		},
	},
];

const batches = makeBatches(RECORDS);
// The worker's packing, once, outside the timing.
packed = batches.map((batch) => packJsonLines('logs', batch));
// Fresh copies per run: the store writes each record's seq.
const copy = () => batches.map((batch) => batch.map((record) => ({...record})));
for (const stage of stages) stage.run(copy()); // warm-up
const times = new Map<string, number[]>(stages.map((stage) => [stage.name, []]));
for (let run = 0; run < RUNS; run++) {
	for (const stage of stages) {
		const input = copy();
		const started = process.hrtime.bigint();
		if (stage.run(input) === 0) throw new Error(`${stage.name} did nothing`);
		times.get(stage.name)!.push(Number(process.hrtime.bigint() - started) / 1e3 / RECORDS);
	}
}
for (const stage of stages) {
	const sorted = times.get(stage.name)!.sort((a, b) => a - b);
	process.stdout.write(`${stage.name.padEnd(56)} ${sorted[Math.floor(RUNS / 2)]!.toFixed(2)} µs/record\n`);
}
