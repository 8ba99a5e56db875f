import kafkajs, {Partitioners} from 'kafkajs';
import {afterEach, describe, expect, it} from 'vitest';
import {
	logValues,
	stopOpenStreams,
	waitUntil,
	watchStream,
	within,
} from '../support/kafka/kafka-stream-helpers.js';
import {
	createTopic,
	produceRecords,
	testBootstrap,
	testKafkaClient,
	uniqueName,
	withAdmin,
} from '../support/kafka/test-kafka.js';

afterEach(stopOpenStreams);

/** Every offset below the high watermark of each partition: what "caught up" is measured against. */
async function highWatermarks(topic: string): Promise<number[]> {
	return withAdmin(testBootstrap(), async (admin) => {
		const offsets = await admin.fetchTopicOffsets(topic);
		return offsets.sort((a, b) => a.partition - b.partition).map((entry) => Number(entry.high));
	});
}

describe('caughtUp (like kcat -e)', () => {
	it('resolves at once on an empty topic', async () => {
		const topic = uniqueName('caught-empty');
		await createTopic(topic, 3);
		const watched = watchStream([topic], {kind: 'beginning'});
		const started = Date.now();
		await watched.stream.start();
		await within('caught up', watched.stream.caughtUp(), 5000);
		expect(Date.now() - started).toBeLessThan(5000);
		expect(watched.records).toHaveLength(0);
	});

	it('resolves once every partition reached the end seen at start, not later records', async () => {
		const topic = uniqueName('caught-normal');
		await createTopic(topic, 3);
		await produceRecords(topic, logValues(150));
		const watched = watchStream([topic], {kind: 'beginning'});
		await watched.stream.start();
		await within('caught up', watched.stream.caughtUp());
		expect(watched.records).toHaveLength(150);
		// The end was fixed at start: records sent now do not un-resolve it.
		await produceRecords(topic, logValues(5));
		await expect(watched.stream.caughtUp()).resolves.toBeUndefined();
	});

	it('steps over transaction markers and aborted records', async () => {
		const topic = uniqueName('caught-txn');
		await createTopic(topic, 2);
		const producer = testKafkaClient().producer({
			transactionalId: uniqueName('txn'),
			idempotent: true,
			maxInFlightRequests: 1,
			createPartitioner: Partitioners.DefaultPartitioner,
		});
		await producer.connect();
		try {
			const inTransaction = async (records: ReturnType<typeof logValues>, commit: boolean) => {
				const transaction = await producer.transaction();
				await transaction.send({topic, messages: records});
				await (commit ? transaction.commit() : transaction.abort());
			};
			await inTransaction([...logValues(10, 0), ...logValues(10, 1)], true);
			await inTransaction([...logValues(5, 0, 500), ...logValues(5, 1, 500)], false);
			// Partition 0 ends with a commit marker, partition 1 with an abort marker.
			await inTransaction(logValues(3, 0, 900), true);
		} finally {
			await producer.disconnect();
		}
		const ends = await highWatermarks(topic);
		// 10 + 5 + 3 records and 3 markers; 10 + 5 records and 2 markers.
		expect(ends).toEqual([21, 17]);

		const watched = watchStream([topic], {kind: 'beginning'});
		await watched.stream.start();
		await within('caught up', watched.stream.caughtUp());
		expect(watched.records).toHaveLength(23);
		const messages = watched.records.map((record) => JSON.parse(record.value!.toString()).message as string);
		expect(messages.filter((message) => /line 50\d/.test(message))).toEqual([]);
		await waitUntil(
			'no lag',
			() => watched.partitions.length === 2 && watched.partitions.every((p) => p.lag === 0),
		);
	});

	it('finishes on a compacted topic whose offsets have gaps', async () => {
		const topic = uniqueName('caught-compact');
		await createTopic(topic, 1, {
			configs: {
				'cleanup.policy': 'compact',
				'segment.ms': '100',
				'min.cleanable.dirty.ratio': '0.001',
				'min.compaction.lag.ms': '0',
				'delete.retention.ms': '0',
			},
		});
		// The cleaner looks for work every 15 s by default; ask this broker to look every 500 ms.
		await withAdmin(testBootstrap(), async (admin) => {
			await admin.alterConfigs({
				validateOnly: false,
				resources: [
					{
						type: kafkajs.ConfigResourceTypes.BROKER,
						name: '1',
						configEntries: [{name: 'log.cleaner.backoff.ms', value: '500'}],
					},
				],
			});
		});
		try {
			for (let round = 0; round < 4; round++) {
				await produceRecords(
					topic,
					Array.from({length: 5}, (_, key) => ({key: `k${key}`, value: `{"message":"round ${round}"}`})),
				);
			}
			// Roll the segment so the cleaner may compact the 20 records above.
			await new Promise((resolve) => setTimeout(resolve, 300));
			await produceRecords(topic, [{key: 'last', value: '{"message":"last"}'}]);

			// Read it all again until the cleaner has run: every pass must finish (caughtUp),
			// before compaction and after it, when offsets have gaps.
			let read: number[] = [];
			const deadline = Date.now() + 60_000;
			while (read.length === 0 || read.length === 21) {
				if (Date.now() > deadline) throw new Error('the log cleaner did not compact the topic within 60 s');
				if (read.length > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
				const watched = watchStream([topic], {kind: 'beginning'});
				await watched.stream.start();
				await within('caught up', watched.stream.caughtUp());
				read = watched.records.map((record) => record.offset);
				await watched.stream.stop();
			}
			// Compacted: the last value of every key survives, with its original offset.
			expect(read.length).toBeLessThan(21);
			expect(read.at(-1)).toBe(20);
			expect(read).toEqual([...read].sort((a, b) => a - b));
			expect(await highWatermarks(topic)).toEqual([21]);
		} finally {
			await withAdmin(testBootstrap(), async (admin) => {
				await admin.alterConfigs({
					validateOnly: false,
					resources: [{type: kafkajs.ConfigResourceTypes.BROKER, name: '1', configEntries: []}],
				});
			});
		}
	});

	it('rejects when the stream stops before it caught up', async () => {
		const topic = uniqueName('caught-stop');
		await createTopic(topic, 1);
		await produceRecords(topic, logValues(5));
		const watched = watchStream([topic], {kind: 'beginning'});
		watched.stream.pause();
		await watched.stream.start();
		const caughtUp = watched.stream.caughtUp();
		await watched.stream.stop();
		await expect(caughtUp).rejects.toThrow('the stream stopped before it caught up');
	});
});
