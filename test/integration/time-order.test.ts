/**
 * Partitions merged by time (issue 13, "Order"): records whose times interleave across three
 * partitions, written by kcat one partition after the other (so neither offsets nor Kafka
 * timestamps give the order), read back by the built CLI with `--tail N --exit` (plain output).
 */
import {beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, outputLines, runCli} from '../support/cli/cli-process.js';
import {kcatProduce} from '../support/kafka/codec-producers.js';
import {createTopic, testBootstrap, uniqueName} from '../support/kafka/test-kafka.js';
import {readJsonLines} from '../support/kafka/topic-read.js';

const PARTITIONS = 3;
const PER_PARTITION = 10;
/** Records read back: the last 4 of each partition (the tail is shared evenly). */
const TAIL = 12;
/** The log times: record i was written at BASE + i seconds, to partition i % 3. */
const BASE = Date.parse('2026-03-01T06:44:00.000Z');

type JsonLine = {partition: number; offset: number; time: string; message: string};

let bootstrap: string;
let topic: string;

beforeAll(async () => {
	ensureBuilt();
	bootstrap = testBootstrap();
	topic = uniqueName('time-order');
	await createTopic(topic, PARTITIONS);
	for (let partition = 0; partition < PARTITIONS; partition++) {
		const lines: string[] = [];
		for (let index = partition; index < PARTITIONS * PER_PARTITION; index += PARTITIONS) {
			const time = new Date(BASE + index * 1000).toISOString();
			// -K: key and value split at the tab; the key is the record's number.
			lines.push(
				`${index}\t{"time":"${time}","service":"svc-${partition}","level":"info","message":"record ${index}"}`,
			);
		}
		await kcatProduce(bootstrap, topic, 'none', lines, partition, ['-K', '\t']);
	}
}, 120_000);

describe('plain --tail --exit in time order', () => {
	it('prints the partitions merged by the records’ time, each partition in its own order', async () => {
		const records = await readJsonLines<JsonLine>(topic, ['--tail', String(TAIL)]);
		// The last four of each partition, each once.
		const expected: string[] = [];
		for (let partition = 0; partition < PARTITIONS; partition++)
			for (let offset = PER_PARTITION - TAIL / PARTITIONS; offset < PER_PARTITION; offset++)
				expected.push(`${partition}:${offset}`);
		expect(records.map((record) => `${record.partition}:${record.offset}`).sort()).toEqual(expected.sort());
		// Time order across partitions: the times never go backwards...
		const times = records.map((record) => Date.parse(record.time));
		for (let index = 1; index < times.length; index++)
			expect(times[index]!, `line ${index}: ${records[index]!.message}`).toBeGreaterThanOrEqual(
				times[index - 1]!,
			);
		// ... so the partitions take turns, as the records were written.
		expect(records.slice(0, PARTITIONS).map((record) => record.partition)).toEqual([0, 1, 2]);
		// Each partition's own order is kept.
		for (let partition = 0; partition < PARTITIONS; partition++) {
			const mine = records.filter((record) => record.partition === partition).map((record) => record.offset);
			expect(mine).toEqual([...mine].sort((a, b) => a - b));
		}
	}, 90_000);

	it('orders the text output the same way', async () => {
		const run = await runCli([
			'--brokers',
			bootstrap,
			'--topic',
			topic,
			'--tail',
			String(TAIL),
			'--exit',
			'--plain',
		]);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		const numbers = outputLines(run).map((line) => Number(/record (\d+)/.exec(line)?.[1]));
		const first = PARTITIONS * PER_PARTITION - TAIL;
		expect(numbers).toEqual(Array.from({length: TAIL}, (_, index) => first + index));
	}, 90_000);
});
