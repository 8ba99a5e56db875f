/**
 * Micro-benchmark of the plain output's own work per record, without Kafka: raw records of the
 * benchmark's shape (tools/load/log-lines.ts, ~200 B) go through what `source/plain.ts` does with a
 * batch (store append in chunks, slice, format, the line writer) in one thread. Prints µs/record per stage,
 * medians of 5 interleaved runs.
 *
 *   npx tsx bench/plain-micro.ts [records-per-run]
 */

import type {LogRecord, RawRecord} from '../source/record/log-record.js';
import {parseRecord} from '../source/record/parse-record.js';
import {createLogStore} from '../source/store/log-store.js';
import {isMark} from '../source/store/log-store-types.js';
import {formatJsonLine, formatPlainLine} from '../source/terminal-text/format-line.js';
import {createLogLineGenerator} from '../tools/load/log-lines.js';
import {countingWriter} from './counting-writer.js';

const RECORDS = Number(process.argv[2] ?? 200_000);
const RUNS = 5;
const CHUNK = 1000;

function makeRecords(count: number): RawRecord[] {
	const next = createLogLineGenerator(200);
	const now = Date.now();
	return Array.from({length: count}, (_, index) => ({
		topic: 'logs',
		partition: index % 6,
		offset: Math.floor(index / 6),
		timestamp: now + index,
		key: null,
		value: Buffer.from(next()),
		headers: {},
	}));
}

type Stage = {name: string; run: (records: RawRecord[]) => number};

/** What source/plain.ts does with a batch: append in chunks, format what the view shows, write. */
function plainPath(records: RawRecord[], format: (line: LogRecord) => string): number {
	const store = createLogStore({maxRecords: CHUNK, maxBytes: Number.MAX_SAFE_INTEGER});
	const {writer, bytes} = countingWriter();
	for (let from = 0; from < records.length; from += CHUNK) {
		store.append(records.slice(from, from + CHUNK));
		for (const line of store.slice(0, store.viewLength)) if (!isMark(line)) writer.writeLine(format(line));
		store.clear();
		writer.commit();
	}
	store.dispose();
	return bytes();
}

const stages: Stage[] = [
	{
		name: 'parseRecord only',
		run: (records) => {
			let sum = 0;
			for (let index = 0; index < records.length; index++)
				sum += parseRecord(records[index]!, index).message.length;
			return sum;
		},
	},
	{
		name: 'store.append + slice (chunks of 1000)',
		run: (records) => {
			const store = createLogStore({maxRecords: CHUNK, maxBytes: Number.MAX_SAFE_INTEGER});
			let sum = 0;
			for (let from = 0; from < records.length; from += CHUNK) {
				store.append(records.slice(from, from + CHUNK));
				sum += store.slice(0, store.viewLength).length;
				store.clear();
			}
			store.dispose();
			return sum;
		},
	},
	{
		name: 'plain.ts json path: append + formatJsonLine + writer',
		run: (records) => plainPath(records, formatJsonLine),
	},
	{
		name: 'plain.ts text path: append + formatPlainLine + writer',
		run: (records) => plainPath(records, (line) => formatPlainLine(line, {colour: false, topicWidth: 0})),
	},
];

const records = makeRecords(RECORDS);
for (const stage of stages) stage.run(records); // warm-up
const times = new Map<string, number[]>(stages.map((stage) => [stage.name, []]));
for (let run = 0; run < RUNS; run++) {
	for (const stage of stages) {
		const started = process.hrtime.bigint();
		if (stage.run(records) === 0) throw new Error(`${stage.name} did nothing`);
		times.get(stage.name)!.push(Number(process.hrtime.bigint() - started) / 1e3 / records.length);
	}
}
for (const stage of stages) {
	const sorted = times.get(stage.name)!.sort((a, b) => a - b);
	process.stdout.write(`${stage.name.padEnd(56)} ${sorted[Math.floor(RUNS / 2)]!.toFixed(2)} µs/record\n`);
}
