/**
 * A/B of `parseRecord`: another checkout's (A, e.g. main: `git archive main source | tar -x -C
 * /tmp/base` with `node_modules` linked beside it) against this tree's (B), in one process, runs
 * interleaved (ABBA), medians of CPU time: on a shared machine the wall time includes waiting for
 * a core. Two kinds of records: the ~200-byte JSON of `parse-micro.ts`, and plain text lines.
 *
 *   npx tsx bench/parse-ab.ts /tmp/base
 */
import type {RawRecord} from '../source/record/log-record.js';
import {parseRecord as parseB} from '../source/record/parse-record.js';
import {LEVELS, makeRecords} from './json-records.js';

const base = process.argv[2];
if (!base)
	throw new Error('usage: npx tsx bench/parse-ab.ts <other checkout with source/ and node_modules/>');
const {parseRecord: parseA} = (await import(`${base}/source/record/parse-record.ts`)) as {
	parseRecord: typeof parseB;
};
const RECORDS = 100_000;
const RUNS = 31;
const textRecords = makeRecords(RECORDS).map((record, index) => ({
	...record,
	value: Buffer.from(
		`2024-05-01 12:00:00,123 ${LEVELS[index % 6]!.toUpperCase()} request ${index} done in ${index % 250} ms`,
	),
}));
function timeRun(records: readonly RawRecord[], parse: typeof parseB): number {
	let checksum = 0;
	// CPU time, not wall time: the machine is shared (load ~15 on 2 cores), and a thread
	// descheduled mid-run would count against whichever contender it hit.
	const started = process.cpuUsage();
	for (let index = 0; index < records.length; index++)
		checksum += parse(records[index]!, index).message.length;
	const used = process.cpuUsage(started);
	const seconds = (used.user + used.system) / 1e6;
	if (checksum === 0) throw new Error('nothing parsed');
	return records.length / seconds;
}
const q = (values: number[]) => {
	const sorted = [...values].sort((x, y) => y - x);
	return `${(1e6 / sorted[Math.floor(values.length / 4)]!).toFixed(3)}–${(1e6 / sorted[Math.floor((3 * values.length) / 4)]!).toFixed(3)}`;
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
for (const [name, records] of [
	['JSON ~200 B (parse-micro records)', makeRecords(RECORDS)],
	['plain text lines', textRecords],
] as const) {
	timeRun(records, parseA);
	timeRun(records, parseB);
	const a: number[] = [];
	const b: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		if (run % 2 === 0) {
			a.push(timeRun(records, parseA));
			b.push(timeRun(records, parseB));
		} else {
			b.push(timeRun(records, parseB));
			a.push(timeRun(records, parseA));
		}
	}
	const ma = median(a);
	const mb = median(b);
	console.log(`${name}: A (main) median ${(1e6 / ma).toFixed(3)} µs/record (quartiles ${q(a)})`);
	console.log(`${name}: B (otlp) median ${(1e6 / mb).toFixed(3)} µs/record (quartiles ${q(b)})`);
	console.log(`${name}: B/A time ratio ${(ma / mb).toFixed(3)}`);
}
