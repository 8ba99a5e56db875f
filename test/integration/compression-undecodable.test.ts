/**
 * A batch that cannot be decoded, served by a real broker (issue 10): one visible line
 * naming the topic, partition and offsets, reading goes on past it, `--exit` ends (exit
 * code 1), and no reconnect loop. A broker refuses such batches from producers (it
 * decompresses every batch it is sent), so the tests write good batches with kcat and the
 * Java producer and then damage one in the partition's segment file, as a disk fault or a
 * broken producer library could; the broker serves the file's bytes as they are.
 */
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {createWorkerLogStream} from '../../source/kafka.js';
import type {LogRecord} from '../../source/record/log-record.js';
import {ensureBuilt, outputLines, runCli} from '../support/cli/cli-process.js';
import {javaProduce, kcatProduce, removeJavaClasses} from '../support/kafka/codec-producers.js';
import {stopOpenStreams, watchStream, within} from '../support/kafka/kafka-stream-helpers.js';
import {
	corruptRecords,
	type StoredBatch,
	segmentFile,
	setCodec,
	storedBatches,
} from '../support/kafka/segment-file.js';
import {createTopic, produceRecords, testBootstrap, uniqueName} from '../support/kafka/test-kafka.js';

beforeAll(() => {
	ensureBuilt();
});
afterEach(stopOpenStreams);
afterAll(removeJavaClasses);

const lines = (label: string, count: number) =>
	Array.from({length: count}, (_, i) => JSON.stringify({level: 'info', message: `${label} ${i}`}));

/**
 * A topic of 2 partitions: partition 0 holds three lz4 batches of 5 records written by kcat
 * (offsets 0-4, 5-9, 10-14), partition 1 ten uncompressed records.
 */
async function topicWithThreeBatches(): Promise<{topic: string; file: string; batches: StoredBatch[]}> {
	const topic = uniqueName('undecodable');
	await createTopic(topic, 2);
	for (const label of ['first', 'second', 'third'])
		await kcatProduce(testBootstrap(), topic, 'lz4', lines(label, 5), 0);
	await produceRecords(
		topic,
		lines('other', 10).map((value) => ({value, partition: 1})),
	);
	const file = segmentFile(topic, 0);
	const batches = storedBatches(file);
	expect(batches.map((batch) => batch.firstOffset)).toEqual([0, 5, 10]);
	return {topic, file, batches};
}

const GOOD = [...lines('first', 5), ...lines('third', 5), ...lines('other', 10)].sort();

async function readPlain(topic: string, output: 'json' | 'text') {
	return runCli(
		['-b', testBootstrap(), '-t', topic, '--from-beginning', '--exit', '--timeout', '5', '--output', output],
		{
			timeoutMs: 60_000,
		},
	);
}

describe('an undecodable batch', () => {
	it('corrupt lz4 bytes: plain --exit prints every other record, one stderr line, exit 1', async () => {
		const {topic, file, batches} = await topicWithThreeBatches();
		corruptRecords(file, batches[1]!);

		const json = await readPlain(topic, 'json');
		const stderr = json.stderr.trim().split('\n');
		expect(stderr).toHaveLength(1);
		expect(stderr[0]).toMatch(
			new RegExp(
				`^klog-tui: undecodable batch skipped: partition 0, offsets 5-9 of topic '${topic}' \\(5 records, lz4\\): lz4: .+$`,
			),
		);
		expect(json.code).toBe(1);
		const records = outputLines(json).map(
			(line) => JSON.parse(line) as {partition: number; offset: number; value: unknown},
		);
		expect(records.map((record) => JSON.stringify(record.value)).sort()).toEqual(GOOD);
		expect(records.filter((record) => record.partition === 0).map((record) => record.offset)).toEqual([
			0, 1, 2, 3, 4, 10, 11, 12, 13, 14,
		]);

		const text = await readPlain(topic, 'text');
		expect(text.code).toBe(1);
		expect(outputLines(text)).toHaveLength(20);
		expect(text.stderr.trim().split('\n')).toEqual(stderr);
	});

	it('an unknown codec (bits 5) in a Java producer zstd batch: skipped the same way', async () => {
		const topic = uniqueName('undecodable-codec');
		await createTopic(topic, 1);
		await javaProduce(testBootstrap(), topic, 'zstd', lines('java', 8), 0);
		await javaProduce(testBootstrap(), topic, 'zstd', lines('later', 8), 0);
		const file = segmentFile(topic, 0);
		const batches = storedBatches(file);
		// Two producer runs make two batches at least; a busy machine can split a run in two
		// (linger.ms 50), so the first batch's end is wherever the next one starts.
		expect(batches.length).toBeGreaterThanOrEqual(2);
		expect(batches[0]!.firstOffset).toBe(0);
		const last = batches[1]!.firstOffset - 1;
		setCodec(file, batches[0]!, 5);

		const run = await readPlain(topic, 'json');
		expect(run.stderr.trim()).toBe(
			`klog-tui: undecodable batch skipped: partition 0, offsets 0-${last} of topic '${topic}' (${last + 1} records, codec 5): unknown compression codec 5`,
		);
		expect(run.code).toBe(1);
		expect(
			outputLines(run).map((line) => JSON.stringify((JSON.parse(line) as {value: unknown}).value)),
		).toEqual([...lines('java', 8), ...lines('later', 8)].slice(last + 1));
	});

	it("in the TUI stream (worker thread) it is one error row at the batch's last offset; reading goes on", async () => {
		const {topic, file, batches} = await topicWithThreeBatches();
		corruptRecords(file, batches[1]!);

		const watched = watchStream(
			[topic],
			{kind: 'beginning'},
			{undecodableAsRecords: true},
			createWorkerLogStream as never,
		);
		await watched.stream.start();
		await within('stream caught up', watched.stream.caughtUp(), 30_000);
		const records = watched.records as unknown as LogRecord[];
		const rows = records.filter((record) => record.service === 'klog-tui');
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({partition: 0, offset: 9, level: 'error'});
		expect(rows[0]!.message).toMatch(
			new RegExp(
				`^undecodable batch skipped: partition 0, offsets 5-9 of topic '${topic}' \\(5 records, lz4\\): lz4: `,
			),
		);
		expect(records).toHaveLength(21);
		expect(new Set(watched.ids()).size).toBe(21);
		expect(watched.errors).toEqual([rows[0]!.message]);
		// Never a reconnect loop: the stream stayed live.
		expect(watched.states.filter((state) => state.kind === 'reconnecting')).toEqual([]);
	});
});
