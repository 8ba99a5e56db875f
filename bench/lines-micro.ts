/**
 * Micro-benchmark of the main thread's half of plain `--output json` (issue 15), without Kafka:
 * raw batches as the stream worker posts them (`createRawBatchPacker`: bench records of ~200 B,
 * 6 partitions, a producer's sticky runs of `--run` records per partition, 128 KB per
 * partition and fetch, the fetches' batches one partition after another), then what plain.ts
 * does with each: its lines (`orderedJsonLines`), the time order (`createBatchTimeOrder`, every
 * batch behind but the last ones), the printer and a line writer that counts bytes. Prints CPU
 * µs/record, medians of `--runs` runs, for the lines alone, the time order and printer alone (over
 * lines written before) and the whole path.
 *
 * `--tree DIR` takes the modules from another checkout (e.g. /work/main), so two trees can be
 * compared run for run, alternating processes:
 *
 *   npx tsx bench/lines-micro.ts [--tree DIR] [--records 240000] [--runs 7] [--run 7700]
 */
import path from 'node:path';
import {parseArgs} from 'node:util';
import type {RawRecord} from '../source/record/log-record.js';
import {createLogLineGenerator} from '../tools/load/log-lines.js';

const {values: args} = parseArgs({
	options: {
		tree: {type: 'string', default: path.resolve(import.meta.dirname, '..')},
		records: {type: 'string', default: '240000'},
		runs: {type: 'string', default: '7'},
		run: {type: 'string', default: '7700'},
	},
});
const tree = path.resolve(args.tree);
const RECORDS = Number(args.records);
const RUNS = Number(args.runs);
const STICKY = Number(args.run);
const PARTITIONS = 6;
const FETCH_BYTES = 128 * 1024;

type Modules = {
	packing: typeof import('../source/plain/json-line-packing.js');
	printer: typeof import('../source/plain/json-line-printer.js');
	order: typeof import('../source/store/time-order.js');
	rows: typeof import('../source/kafka/worker/rows-with-values.js');
	parse: typeof import('../source/record/parse-record.js');
	writer: typeof import('../tools/load/null-line-writer.js');
};
const load = async <T>(file: string): Promise<T> => (await import(path.join(tree, file))) as T;
const modules: Modules = {
	packing: await load('source/plain/json-line-packing.ts'),
	printer: await load('source/plain/json-line-printer.ts'),
	order: await load('source/store/time-order.ts'),
	rows: await load('source/kafka/worker/rows-with-values.ts'),
	parse: await load('source/record/parse-record.ts'),
	writer: await load('tools/load/null-line-writer.ts'),
};

/** Records per partition, in a producer's order: sticky runs of `STICKY` records on one partition. */
function makePartitions(): RawRecord[][] {
	const next = createLogLineGenerator(200);
	const partitions: RawRecord[][] = Array.from({length: PARTITIONS}, () => []);
	let seed = 7;
	let partition = 0;
	const kafkaTime = Date.UTC(2026, 11, 7, 23, 0, 0);
	for (let index = 0; index < RECORDS; index++) {
		if (index % STICKY === 0) {
			seed = (seed * 1103515245 + 12345) >>> 0;
			partition = seed % PARTITIONS;
		}
		const list = partitions[partition]!;
		list.push({
			topic: 'dev-500000',
			partition,
			offset: list.length,
			timestamp: kafkaTime + Math.floor(index / 1000),
			key: null,
			value: Buffer.from(next()),
			headers: {},
		});
	}
	return partitions;
}

/** The raw batches in the order the worker posts them: each fetch, each partition's next 128 KB. */
function rawBatches(): {buffer: ArrayBuffer; behind: boolean}[] {
	const packRaw = modules.packing.createRawBatchPacker(
		undefined,
		modules.rows.rowsWithValues(modules.parse.parseRecordRows),
	);
	const partitions = makePartitions();
	const read = new Array<number>(PARTITIONS).fill(0);
	const out: {buffer: ArrayBuffer; behind: boolean}[] = [];
	for (let left = true; left; ) {
		left = false;
		for (let partition = 0; partition < PARTITIONS; partition++) {
			const list = partitions[partition]!;
			let end = read[partition]!;
			for (let bytes = 0; end < list.length && bytes < FETCH_BYTES; end++)
				bytes += list[end]!.value!.length + 70;
			if (end === read[partition]) continue;
			out.push({buffer: packRaw(list.slice(read[partition], end)), behind: end < list.length});
			read[partition] = end;
			left ||= end < list.length;
		}
	}
	return out;
}

const batches = rawBatches();

/** The lines only. */
function lines(): number {
	let count = 0;
	for (const {buffer} of batches) count += modules.printer.orderedJsonLines(buffer).count;
	return count;
}

/** The time order and the printer over lines written before (those of the last `lines` run). */
let written: Array<ReturnType<typeof modules.printer.orderedJsonLines>> = [];
function ordered(): number {
	return orderAndPrint(written);
}

/** The whole main-thread path, as plain.ts wires it (the intake's timer aside). */
function whole(): number {
	return orderAndPrint(batches.map(({buffer}) => modules.printer.orderedJsonLines(buffer)));
}

function orderAndPrint(
	lineBatches: ReadonlyArray<ReturnType<typeof modules.printer.orderedJsonLines>>,
): number {
	let bytes = 0;
	const writer = modules.writer.nullLineWriter((chunk) => {
		bytes += chunk.length;
	});
	const printer = modules.printer.createJsonLinePrinter(writer);
	const order = modules.order.createBatchTimeOrder<ReturnType<typeof modules.printer.orderedJsonLines>>({
		maxChars: modules.order.MAX_HELD_LINE_BYTES,
	});
	const now = 1000;
	order.announce(
		Array.from({length: PARTITIONS}, (_, partition) => ({topic: 'dev-500000', partition, lag: 1})),
		now,
	);
	for (let index = 0; index < batches.length; index++) {
		order.push(lineBatches[index]!, now, batches[index]!.behind);
		const runs = order.take(now);
		if (runs.length > 0) printer.printRuns(runs);
	}
	printer.printRuns(order.flush());
	return bytes;
}

written = batches.map(({buffer}) => modules.printer.orderedJsonLines(buffer));
const stages = [
	{name: 'lines (orderedJsonLines)', run: lines},
	{name: 'order and printer only', run: ordered},
	{name: 'whole (lines, order, printer)', run: whole},
];
for (const stage of stages) stage.run(); // warm-up
const expected = whole();
const times = new Map<string, number[]>(stages.map((stage) => [stage.name, []]));
for (let run = 0; run < RUNS; run++) {
	for (const stage of stages) {
		const started = process.cpuUsage();
		const result = stage.run();
		const used = process.cpuUsage(started);
		if (stage.run === whole && result !== expected)
			throw new Error(`whole wrote ${result} bytes, not ${expected}`);
		times.get(stage.name)!.push((used.user + used.system) / RECORDS);
	}
}
process.stdout.write(`${path.basename(tree)}: ${batches.length} batches, ${expected} bytes out\n`);
for (const stage of stages) {
	const sorted = times.get(stage.name)!.sort((a, b) => a - b);
	const median = sorted[Math.floor(RUNS / 2)]!;
	process.stdout.write(`${stage.name.padEnd(32)} ${median.toFixed(3)} µs/record\n`);
}
