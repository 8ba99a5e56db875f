/**
 * Micro-benchmark of the stream worker's own work per record for plain `--output json`, without
 * Kafka: raw records of the bench's 200 B shape (tools/load/log-lines.ts) are parsed as the
 * worker parses them (`parseRecordRows` with their values) and packed into lines
 * (`packJsonLines`), or split as the stream worker and main thread do it (`createRawBatchPacker`,
 * `jsonLineBatchOf`), one partition's batch of 500 at a time. Prints µs/record per stage, medians
 * of 7 interleaved runs (CPU time), with `JSON.parse` of the value alone as the floor of the general parser, and the parser
 * without its flat-object fast path (record/flat-json.ts).
 *
 *   npx tsx bench/worker-micro.ts [records-per-run]
 */
import {rowsWithValues} from '../source/kafka/worker/rows-with-values.js';
import {createRawBatchPacker, packJsonLines} from '../source/plain/json-line-packing.js';
import {jsonLineBatchOf} from '../source/plain/main-thread-lines.js';
import {withoutFastPath} from '../source/record/flat-json.js';
import type {LogRecord, RawRecord} from '../source/record/log-record.js';
import {parseRecordRows} from '../source/record/parse-record.js';
import {createLogLineGenerator} from '../tools/load/log-lines.js';

const RECORDS = Number(process.argv[2] ?? 200_000);
const RUNS = 7;
const BATCH = 500;

function makeRecords(count: number): RawRecord[] {
	const next = createLogLineGenerator(200);
	const now = Date.UTC(2025, 5, 1, 12, 0, 0);
	return Array.from({length: count}, (_, index) => ({
		topic: 'bench-plain',
		partition: 3,
		offset: index,
		timestamp: now + index,
		key: null,
		value: Buffer.from(next()),
		headers: {},
	}));
}

const parseRows = rowsWithValues(parseRecordRows);

/** Every batch parsed, its rows and values kept for the packing stage. */
function parseAll(
	records: readonly RawRecord[],
): Array<{rows: LogRecord[]; values: Array<Uint8Array | null>}> {
	const batches = [];
	for (let from = 0; from < records.length; from += BATCH) {
		const rows: LogRecord[] = [];
		const values: Array<Uint8Array | null> = [];
		for (let index = from; index < Math.min(records.length, from + BATCH); index++)
			parseRows(records[index]!, rows, values);
		batches.push({rows, values});
	}
	return batches;
}

const records = makeRecords(RECORDS);
const packRaw = createRawBatchPacker(undefined, parseRows);
const parsed = parseAll(records);
const rawBatches: ArrayBuffer[] = [];
for (let from = 0; from < records.length; from += BATCH)
	rawBatches.push(packRaw(records.slice(from, from + BATCH)));
type Stage = {name: string; run: () => number};
const stages: Stage[] = [
	{
		name: 'floor: toString + JSON.parse',
		run: () => {
			let sum = 0;
			for (const record of records) sum += Object.keys(JSON.parse(record.value!.toString('utf8'))).length;
			return sum;
		},
	},
	{name: 'parse (parseRecordRows with values)', run: () => parseAll(records).length},
	{name: 'parse, general path only', run: () => withoutFastPath(() => parseAll(records).length)},
	{
		name: 'pack (packJsonLines)',
		run: () => {
			let bytes = 0;
			for (const {rows, values} of parsed) bytes += packJsonLines('bench-plain', rows, values).byteLength;
			return bytes;
		},
	},
	{
		name: 'worker: raw batches (createRawBatchPacker)',
		run: () => {
			let bytes = 0;
			for (let from = 0; from < records.length; from += BATCH)
				bytes += packRaw(records.slice(from, from + BATCH)).byteLength;
			return bytes;
		},
	},
	{
		name: 'main: their lines (jsonLineBatchOf)',
		run: () => {
			let bytes = 0;
			for (const batch of rawBatches) bytes += jsonLineBatchOf(batch).count;
			return bytes;
		},
	},
];

for (const stage of stages) stage.run(); // warm-up
const times = new Map<string, number[]>(stages.map((stage) => [stage.name, []]));
for (let run = 0; run < RUNS; run++) {
	for (const stage of stages) {
		// CPU time, not wall time: the machine is shared, and waiting for a core is not work.
		const started = process.cpuUsage();
		if (stage.run() === 0) throw new Error(`${stage.name} did nothing`);
		const used = process.cpuUsage(started);
		times.get(stage.name)!.push((used.user + used.system) / records.length);
	}
}
for (const stage of stages) {
	const sorted = times.get(stage.name)!.sort((a, b) => a - b);
	process.stdout.write(`${stage.name.padEnd(40)} ${sorted[Math.floor(RUNS / 2)]!.toFixed(2)} µs/record\n`);
}
