import {Kafka, logLevel, Partitioners} from 'kafkajs';
import {describe, expect, it} from 'vitest';
import {isKafkaReachable} from '../../tools/kafka/kafka-broker.js';
import {createTopic, ownKafka, produceRecords, uniqueName, withAdmin} from '../support/kafka/test-kafka.js';

// The harness that fault tests rely on: a test file's own broker, killed with SIGKILL and
// started again on the same port with the same data.
describe('tools/kafka/kafka-broker.ts: a test file can own a broker, kill it and restart it', () => {
	const kafka = ownKafka({nodes: 1});

	it('keeps the data and the port across kill -9 and restart', async () => {
		const cluster = kafka();
		const [node] = cluster.nodes;
		expect(node?.running).toBe(true);
		const topic = uniqueName('harness');
		await createTopic(topic, 2, {bootstrap: cluster.bootstrap});
		await produceRecords(
			topic,
			Array.from({length: 10}, (_, i) => ({value: `v${i}`, partition: i % 2})),
			{bootstrap: cluster.bootstrap},
		);

		await cluster.kill(0);
		expect(cluster.nodes[0]?.running).toBe(false);
		expect(await isKafkaReachable(cluster.bootstrap, 1500)).toBe(false);

		await cluster.restart(0);
		expect(cluster.nodes[0]?.running).toBe(true);
		expect(cluster.nodes[0]?.port).toBe(node?.port);
		expect(await isKafkaReachable(cluster.bootstrap, 5000)).toBe(true);
		const offsets = await withAdmin(cluster.bootstrap, (admin) => admin.fetchTopicOffsets(topic));
		expect(offsets.map((p) => [p.partition, p.high]).sort()).toEqual([
			[0, '5'],
			[1, '5'],
		]);
	});

	it('refuses auto-created topics, like most real clusters', async () => {
		const cluster = kafka();
		const topic = uniqueName('missing');
		const client = new Kafka({brokers: cluster.brokers, logLevel: logLevel.NOTHING, retry: {retries: 0}});
		const producer = client.producer({createPartitioner: Partitioners.DefaultPartitioner});
		await producer.connect();
		try {
			await expect(producer.send({topic, messages: [{value: 'x'}]})).rejects.toThrow(
				/does not host this topic-partition/i,
			);
		} finally {
			await producer.disconnect();
		}
		const topics = await withAdmin(cluster.bootstrap, (admin) => admin.listTopics());
		expect(topics).not.toContain(topic);
	});
});
