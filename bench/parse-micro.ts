/**
 * Micro-benchmark of `parseRecord` on ~200-byte records in the original format
 * (`{"message","timestamp","service","level"}`), the shape the demo producer
 * sends. Prints records per second, the median of 5 timed runs after a warm-up.
 *
 *   npx tsx bench/parse-micro.ts [records-per-run]
 */
import type {RawRecord} from '../source/record/log-record.js';
import {parseRecord} from '../source/record/parse-record.js';
import {makeRecords} from './json-records.js';

const RECORDS = Number(process.argv[2] ?? 200_000);
const RUNS = 5;
/** The floor no parser can beat: decoding and `JSON.parse` alone. */
function floorOf(record: RawRecord): number {
	return (JSON.parse(record.value!.toString('utf8')) as {message: string}).message.length;
}

function timeRun(records: readonly RawRecord[], parse: (record: RawRecord, index: number) => number): number {
	let checksum = 0;
	const started = process.hrtime.bigint();
	for (let index = 0; index < records.length; index++) {
		checksum += parse(records[index]!, index);
	}

	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	if (checksum === 0) throw new Error('nothing parsed');
	return records.length / seconds;
}

const records = makeRecords(RECORDS);
const averageBytes = records.reduce((sum, record) => sum + record.value!.length, 0) / records.length;
const parseAll = (record: RawRecord, index: number) => parseRecord(record, index).message.length;
timeRun(records, parseAll); // warm-up: JIT and caches
timeRun(records, floorOf);
// Interleaved, so both see the same machine load.
const rates: number[] = [];
const floorRates: number[] = [];
for (let run = 0; run < RUNS; run++) {
	rates.push(timeRun(records, parseAll));
	floorRates.push(timeRun(records, floorOf));
}
rates.sort((a, b) => a - b);
floorRates.sort((a, b) => a - b);
const median = rates[Math.floor(RUNS / 2)]!;
const floorMedian = floorRates[Math.floor(RUNS / 2)]!;
const line = (rate: number) => `${Math.round(rate).toLocaleString('en-US')} records/s`;
process.stdout.write(
	`parseRecord, ${RECORDS} records of ~${Math.round(averageBytes)} bytes (original format), ${RUNS} runs\n` +
		`median ${line(median)} (${(1e6 / median).toFixed(2)} µs/record); min ${line(rates[0]!)}, max ${line(rates[RUNS - 1]!)}\n` +
		`floor (toString + JSON.parse only): median ${line(floorMedian)} (${(1e6 / floorMedian).toFixed(2)} µs/record)\n`,
);
