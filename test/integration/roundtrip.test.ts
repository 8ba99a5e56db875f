import {describe, expect, it} from 'vitest';
import {
	createTopic,
	produceRecords,
	testBootstrap,
	testKafkaClient,
	uniqueName,
	withAdmin,
} from '../support/kafka/test-kafka.js';

// Proves the loop every other test relies on, against the real broker the suite started:
// kafkajs 2.2.4 can create a topic, produce, and consume it back as a consumer group.
describe('kafkajs against the real local broker', () => {
	it('consumes every produced record exactly once across 3 partitions as a consumer group', async () => {
		const topic = uniqueName('roundtrip');
		const groupId = uniqueName('roundtrip-group');
		const total = 300;
		await createTopic(topic, 3);

		const records = Array.from({length: total}, (_, i) => ({
			key: `key-${i}`,
			value: JSON.stringify({id: i, service: 'api', message: `record ${i}`}),
			partition: i % 3,
		}));
		await produceRecords(topic, records);

		const highWatermarks = await withAdmin(testBootstrap(), (admin) => admin.fetchTopicOffsets(topic));
		expect(highWatermarks.map((p) => [p.partition, p.high]).sort()).toEqual([
			[0, '100'],
			[1, '100'],
			[2, '100'],
		]);

		const seen = new Map<number, number>();
		const partitions = new Set<number>();
		const wrongKeys: string[] = [];
		const consumer = testKafkaClient().consumer({groupId, maxWaitTimeInMs: 500});
		try {
			await consumer.connect();
			await consumer.subscribe({topics: [topic], fromBeginning: true});
			let allArrived: () => void = () => undefined;
			const arrived = new Promise<void>((resolve) => {
				allArrived = resolve;
			});
			await consumer.run({
				eachMessage: async ({partition, message}) => {
					const {id} = JSON.parse(message.value!.toString()) as {id: number};
					seen.set(id, (seen.get(id) ?? 0) + 1);
					partitions.add(partition);
					// Collected, not asserted here: a throw inside kafkajs' handler is retried, not reported.
					if (message.key?.toString() !== `key-${id}`) wrongKeys.push(`${id}:${message.key?.toString()}`);
					if (seen.size === total) allArrived();
				},
			});
			await arrived;
			// Let any duplicate that is still in flight arrive before counting.
			await new Promise((resolve) => setTimeout(resolve, 1000));
		} finally {
			await consumer.disconnect();
		}

		expect(wrongKeys).toEqual([]);
		expect(seen.size).toBe(total);
		expect([...seen.values()].every((count) => count === 1)).toBe(true);
		expect([...partitions].sort()).toEqual([0, 1, 2]);
	});
});
