/**
 * Micro-benchmark of a hunt's raw-bytes check (`--grep trace_id=<id>`, before any parse):
 * once per value (`rawValueCheck`) against once per batch (`rawBatchCheck`), on a batch laid
 * out as kafkajs lays one out: 30 000 values of the bench's ~200 B records back to back in one
 * buffer, record bytes between them. CPU time per record, medians of 15 interleaved rounds.
 *
 * Run: `npx tsx bench/raw-check-micro.ts`.
 */
import {rawBatchCheck} from '../source/store/filter/raw-batch-check.js';
import {rawValueCheck} from '../source/store/filter/raw-value-check.js';
import {createLogLineGenerator} from '../tools/load/log-lines.js';
import {summarise} from '../tools/load/measure.js';

const RECORDS = 30_000;
const REPEAT = 20;
const next = createLogLineGenerator(200);
const lines = Array.from({length: RECORDS}, () => next());
const RECORD_HEAD = '\u0001\u0002\u0003';
const shared = Buffer.from(lines.map((line) => RECORD_HEAD + line).join(''));
let at = 0;
const batch = lines.map((line) => {
	at += RECORD_HEAD.length;
	const value = shared.subarray(at, at + Buffer.byteLength(line));
	at += value.length;
	return {value};
});
// An id the batch does not hold: every record is checked in full, as in a hunt.
const needles = [['fd126975b8cfec50']];
const perValue = rawValueCheck(needles)!;
const perBatch = rawBatchCheck(needles)!;
const cpuMs = () => {
	const usage = process.cpuUsage();
	return (usage.user + usage.system) / 1000;
};

const timings = {perValue: [] as number[], perBatch: [] as number[]};
let kept = 0;
for (let round = 0; round < 15; round++) {
	let started = cpuMs();
	for (let repeat = 0; repeat < REPEAT; repeat++)
		for (const record of batch) kept += perValue(record.value) ? 1 : 0;
	timings.perValue.push(cpuMs() - started);
	started = cpuMs();
	for (let repeat = 0; repeat < REPEAT; repeat++) kept += perBatch(batch).reduce((sum, may) => sum + may, 0);
	timings.perBatch.push(cpuMs() - started);
}
const perRecord = (list: number[]) => (summarise(list).median * 1000) / (RECORDS * REPEAT);
process.stdout.write(
	`raw check, CPU µs/record (median of 15): per value ${perRecord(timings.perValue).toFixed(3)}, ` +
		`per batch ${perRecord(timings.perBatch).toFixed(3)} (${kept} kept)\n`,
);
