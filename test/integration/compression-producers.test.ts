/**
 * Compressed topics written by real producers, read by klog-tui (issue 10): for each codec,
 * records written by kcat (`-z`) and by Kafka's Java producer (`compression.type`) are read
 * by the log stream and by plain `--output json --exit`, every record exactly once, values
 * intact. Also a topic whose own `compression.type=zstd` makes the broker recompress what
 * uncompressed producers send.
 */
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt} from '../support/cli/cli-process.js';
import {countDecompressions} from '../support/kafka/codec-counter.js';
import {javaProduce, kcatProduce, removeJavaClasses} from '../support/kafka/codec-producers.js';
import {CODECS, fixtureLines, PRODUCERS} from '../support/kafka/compressed-batches.js';
import {stopOpenStreams} from '../support/kafka/kafka-stream-helpers.js';
import {createTopic, produceRecords, testBootstrap, uniqueName} from '../support/kafka/test-kafka.js';
import {readWithCli, readWithStream} from '../support/kafka/topic-read.js';

const RECORDS = 300;
let counter: ReturnType<typeof countDecompressions>;
/** Batches decompressed per codec type in this thread since the last clear. */
const decompressed = () => counter.counts;

beforeAll(() => {
	ensureBuilt();
	counter = countDecompressions();
});
afterAll(() => counter.restore());
afterAll(removeJavaClasses);
afterEach(stopOpenStreams);

function expectEveryRecordOnce(read: {ids: string[]; values: string[]}, sent: readonly string[]): void {
	expect(new Set(read.ids).size).toBe(read.ids.length);
	expect(read.ids).toHaveLength(sent.length);
	expect([...read.values].sort()).toEqual([...sent].sort());
}

describe.each(CODECS)('%s batches', (codec) => {
	const type = CODECS.indexOf(codec) + 1;
	it.each(PRODUCERS)(
		'written by %s: read by the stream and by plain --exit, each record once',
		async (producer) => {
			const topic = uniqueName(`compressed-${producer}-${codec}`);
			await createTopic(topic, 3);
			const lines = fixtureLines(producer, codec, RECORDS);
			if (producer === 'kcat') await kcatProduce(testBootstrap(), topic, codec, lines);
			else await javaProduce(testBootstrap(), topic, codec, lines);

			decompressed().clear();
			const stream = await readWithStream(topic);
			expect(stream.errors).toEqual([]);
			expectEveryRecordOnce(stream, lines);
			expect(decompressed().get(type) ?? 0).toBeGreaterThan(0);
			expect([...decompressed().keys()]).toEqual([type]);

			// The CLI reads in its stream worker thread, where the codecs must be registered too.
			const cli = await readWithCli(topic);
			expectEveryRecordOnce(
				cli,
				lines.map((line) => JSON.stringify(JSON.parse(line))),
			);
		},
	);
});

describe('a topic with compression.type=zstd', () => {
	it('is read whole although the broker recompressed what uncompressed producers sent', async () => {
		const topic = uniqueName('compressed-topic-zstd');
		await createTopic(topic, 2, {configs: {'compression.type': 'zstd'}});
		const fromKafkajs = fixtureLines('kafkajs', 'none', 150);
		const fromKcat = fixtureLines('kcat', 'none', 150);
		await produceRecords(
			topic,
			fromKafkajs.map((value) => ({value})),
		);
		await kcatProduce(testBootstrap(), topic, 'none', fromKcat);
		const sent = [...fromKafkajs, ...fromKcat];

		decompressed().clear();
		const stream = await readWithStream(topic);
		expect(stream.errors).toEqual([]);
		expectEveryRecordOnce(stream, sent);
		// Sent uncompressed, fetched as zstd: the broker recompressed every batch.
		expect([...decompressed().keys()]).toEqual([4]);

		expectEveryRecordOnce(
			await readWithCli(topic),
			sent.map((line) => JSON.stringify(JSON.parse(line))),
		);
	});
});
