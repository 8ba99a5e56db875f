/**
 * The direct path's own record decoding (source/kafka/direct/record-batches.ts) on what real
 * producers wrote into one topic: kcat's lz4, snappy and gzip batches with repeated header
 * keys, Kafka's Java producer's zstd batches, and two kafkajs transactional producers whose
 * committed and aborted transactions interleave in both partitions (gzip ones among them).
 * Plain `--output json --exit` must print every committed record exactly once and no aborted
 * one: the records kcat reads with `isolation.level=read_committed`.
 */
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {CompressionTypes, Partitioners, type Producer} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, outputLines, runCli} from '../support/cli/cli-process.js';
import {javaProduce, kcatProduce, removeJavaClasses} from '../support/kafka/codec-producers.js';
import {segmentFile, setMagic, setRecordCount, storedBatches} from '../support/kafka/segment-file.js';
import {createTopic, testBootstrap, testKafkaClient, uniqueName} from '../support/kafka/test-kafka.js';
import {readJsonLines} from '../support/kafka/topic-read.js';

const run = promisify(execFile);

beforeAll(() => ensureBuilt());
afterAll(removeJavaClasses);

const lines = (tag: string, count: number) =>
	Array.from({length: count}, (_, index) =>
		JSON.stringify({level: 'info', service: tag, message: `${tag} ${index}`}),
	);

async function transactional(id: string): Promise<Producer> {
	const producer = testKafkaClient().producer({
		transactionalId: uniqueName(id),
		idempotent: true,
		maxInFlightRequests: 1,
		createPartitioner: Partitioners.DefaultPartitioner,
	});
	await producer.connect();
	return producer;
}

/** Every record kcat reads from the beginning to the end, committed ones only: `partition offset value`. */
async function kcatCommitted(topic: string): Promise<string[]> {
	const {stdout} = await run(
		'kcat',
		[
			'-C',
			'-b',
			testBootstrap(),
			'-t',
			topic,
			'-e',
			'-q',
			'-X',
			'isolation.level=read_committed',
			'-f',
			'%p %o %s\\n',
		],
		{maxBuffer: 64 * 1024 * 1024},
	);
	return stdout.split('\n').filter((line) => line.length > 0);
}

describe('plain --exit reading without a group, decoded by klog-tui', () => {
	it('prints what kcat reads committed: every codec, repeated headers, interleaved aborted transactions', async () => {
		const topic = uniqueName('direct-decoder');
		await createTopic(topic, 2);
		await kcatProduce(testBootstrap(), topic, 'lz4', lines('kcat-lz4', 60), undefined, [
			'-H',
			'trace=t1',
			'-H',
			'trace=t2',
			'-H',
			'env=test',
		]);

		const first = await transactional('txn-a');
		const second = await transactional('txn-b');
		try {
			const committed = await first.transaction();
			const aborted = await second.transaction();
			await committed.send({topic, messages: lines('txn-a committed', 40).map((value) => ({value}))});
			await aborted.send({
				topic,
				compression: CompressionTypes.GZIP,
				messages: lines('txn-b aborted', 40).map((value) => ({value})),
			});
			await committed.send({
				topic,
				compression: CompressionTypes.GZIP,
				messages: lines('txn-a committed gzip', 30).map((value) => ({value})),
			});
			await aborted.send({topic, messages: lines('txn-b aborted too', 20).map((value) => ({value}))});
			await aborted.abort();
			await committed.commit();
			// The other way round: the first producer aborts while the second commits.
			const abortedToo = await first.transaction();
			const committedToo = await second.transaction();
			await abortedToo.send({topic, messages: lines('txn-a aborted', 25).map((value) => ({value}))});
			await committedToo.send({topic, messages: lines('txn-b committed', 25).map((value) => ({value}))});
			await committedToo.commit();
			await abortedToo.abort();
		} finally {
			await Promise.all([first.disconnect(), second.disconnect()]);
		}

		await kcatProduce(testBootstrap(), topic, 'snappy', lines('kcat-snappy', 50));
		await javaProduce(testBootstrap(), topic, 'zstd', lines('java-zstd', 50));
		await kcatProduce(testBootstrap(), topic, 'gzip', lines('kcat-gzip', 50));

		const expected = await kcatCommitted(topic);
		const printed = await readJsonLines<{
			partition: number;
			offset: number;
			value: unknown;
			headers: Record<string, string>;
		}>(topic);
		const got = printed.map((line) => `${line.partition} ${line.offset} ${JSON.stringify(line.value)}`);

		// 60 + 40 + 30 + 25 + 50 + 50 + 50 committed records; none of the 85 aborted ones.
		expect(expected).toHaveLength(305);
		expect(new Set(got).size).toBe(got.length);
		expect([...got].sort()).toEqual([...expected].sort());
		expect(got.filter((line) => line.includes('aborted'))).toEqual([]);
		const withHeaders = printed.find((line) => JSON.stringify(line.value).includes('kcat-lz4 7'));
		expect(withHeaders?.headers).toEqual({trace: 't1, t2', env: 'test'});
	}, 30_000);

	it('an uncompressed batch whose records do not parse is one line and skipped; no batch at all stops with one line', async () => {
		const topic = uniqueName('direct-decoder-damaged');
		await createTopic(topic, 1);
		for (const label of ['first', 'second', 'third'])
			await kcatProduce(testBootstrap(), topic, 'none', lines(label, 5), 0);
		const file = segmentFile(topic, 0);
		const batches = storedBatches(file);
		expect(batches.map((batch) => batch.firstOffset)).toEqual([0, 5, 10]);
		const read = () =>
			runCli(
				[
					'-b',
					testBootstrap(),
					'-t',
					topic,
					'--from-beginning',
					'--exit',
					'--timeout',
					'5',
					'--output',
					'json',
				],
				{
					timeoutMs: 30_000,
				},
			);

		// kafkajs failed every fetch of this partition on it, forever.
		setRecordCount(file, batches[1]!, 9);
		const skipped = await read();
		expect(skipped.stderr.trim()).toMatch(
			new RegExp(
				`^klog-tui: undecodable batch skipped: partition 0, offsets 5-9 of topic '${topic}' \\(5 records, none\\): [^\\n]+$`,
			),
		);
		expect(skipped.code).toBe(1);
		expect(outputLines(skipped).map((line) => (JSON.parse(line) as {offset: number}).offset)).toEqual([
			0, 1, 2, 3, 4, 10, 11, 12, 13, 14,
		]);

		// Its offsets cannot be trusted to skip it: the first batches, then one line, and the end.
		setMagic(file, batches[1]!, 9);
		const stopped = await read();
		expect(stopped.code).not.toBe(0);
		expect(outputLines(stopped).map((line) => (JSON.parse(line) as {offset: number}).offset)).toEqual([
			0, 1, 2, 3, 4,
		]);
		const stderr = stopped.stderr.trim().split('\n');
		expect(stderr).toHaveLength(1);
		expect(stderr[0]).toMatch(/partition 0 of topic '.+' at offset 5 holds bytes that are no record batch/);
	}, 30_000);
});
