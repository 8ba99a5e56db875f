/**
 * `--topic` given twice, end to end: records produced to two topics of a real broker,
 * read back by the built CLI in one run; JSON lines carry each record's topic and the
 * plain text lines a topic column.
 */
import {beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, outputLines, runCli} from '../support/cli/cli-process.js';
import {createTopic, produceRecords, testBootstrap, uniqueName} from '../support/kafka/test-kafka.js';

const PER_TOPIC = 40;

let bootstrap: string;
let first: string;
let second: string;

function logsFor(topic: string, service: string) {
	return Array.from({length: PER_TOPIC}, (_, index) => ({
		value: JSON.stringify({service, level: 'info', message: `${topic} record ${index}`}),
		partition: index % 2,
	}));
}

beforeAll(async () => {
	ensureBuilt();
	bootstrap = testBootstrap();
	first = uniqueName('ord');
	second = uniqueName('pay');
	await Promise.all([createTopic(first, 2), createTopic(second, 2)]);
	await produceRecords(first, logsFor(first, 'orders-api'), {bootstrap});
	await produceRecords(second, logsFor(second, 'payments-api'), {bootstrap});
}, 120_000);

describe('-t a -t b', () => {
	it('--output json reads both topics to the end, each record once with its topic', async () => {
		const run = await runCli([
			'--plain',
			'--output',
			'json',
			'--from-beginning',
			'--exit',
			'-b',
			bootstrap,
			'-t',
			first,
			'-t',
			second,
		]);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		const records = outputLines(run).map(
			(line) => JSON.parse(line) as {topic: string; partition: number; offset: number; message: string},
		);
		expect(records).toHaveLength(2 * PER_TOPIC);
		const where = new Set(records.map((record) => `${record.topic}/${record.partition}/${record.offset}`));
		expect(where.size).toBe(2 * PER_TOPIC);
		for (const topic of [first, second]) {
			const mine = records.filter((record) => record.topic === topic);
			expect(mine).toHaveLength(PER_TOPIC);
			for (const record of mine) expect(record.message.startsWith(`${topic} record `)).toBe(true);
		}
	});

	it('plain text lines show the topic in a column before the service', async () => {
		const run = await runCli([
			'--plain',
			'--no-color',
			'--from-beginning',
			'--exit',
			'-b',
			bootstrap,
			'-t',
			first,
			'-t',
			second,
		]);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		const lines = outputLines(run);
		expect(lines).toHaveLength(2 * PER_TOPIC);
		const width = Math.max(first.length, second.length);
		for (const line of lines) {
			const match = /^\d\d:\d\d:\d\d\.\d{3} (\S+)\s+(\S+)\s+INFO {2}(\S+) record \d+$/.exec(line);
			expect(match, line).not.toBeNull();
			const [, topic, service, messageTopic] = match!;
			expect(topic).toBe(messageTopic);
			expect(service).toBe(topic === first ? 'orders-api' : 'payments-api');
			// The column is as wide as the longest topic name, so services line up.
			expect(line.indexOf(service!)).toBe(13 + width + 1);
		}
	});
});
