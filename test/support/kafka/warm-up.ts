import {Kafka, logLevel} from 'kafkajs';
import {silenceKafkajsNegativeTimeoutWarning} from '../../../source/kafka/kafkajs-timer-warning.js';

/**
 * Makes a fresh broker ready for consumer groups: joins and leaves a throwaway group so that
 * `__consumer_offsets` exists and the group coordinator answers. Without it, the first test
 * to join a group can fail with KafkaJSGroupCoordinatorNotFound, which kafkajs does not retry.
 */
export async function warmUpGroupCoordinator(bootstrap: string, timeoutMs = 60_000): Promise<void> {
	silenceKafkajsNegativeTimeoutWarning();
	const kafka = new Kafka({
		clientId: 'klog-tui-warm-up',
		brokers: bootstrap.split(','),
		logLevel: logLevel.NOTHING,
	});
	const suffix = `${Date.now().toString(36)}-${process.pid}`;
	const topic = `klog-warm-up-${suffix}`;
	const admin = kafka.admin();
	await admin.connect();
	try {
		await admin.createTopics({waitForLeaders: true, topics: [{topic, numPartitions: 1}]});
		const deadline = Date.now() + timeoutMs;
		let lastError: unknown;
		while (Date.now() < deadline) {
			try {
				await joinAndLeave(kafka, topic, `klog-warm-up-${suffix}`, deadline - Date.now());
				return;
			} catch (error) {
				// The coordinator is not there yet: the offsets topic is still being created.
				lastError = error;
				await new Promise((resolve) => setTimeout(resolve, 500));
			}
		}
		throw new Error(`the group coordinator did not become ready in ${timeoutMs} ms: ${String(lastError)}`);
	} finally {
		await admin.deleteTopics({topics: [topic]}).catch(() => undefined);
		await admin.disconnect();
	}
}

/** One consumer joins `groupId`, waits for its assignment, then leaves. */
async function joinAndLeave(kafka: Kafka, topic: string, groupId: string, timeoutMs: number): Promise<void> {
	const consumer = kafka.consumer({groupId, retry: {retries: 2}});
	try {
		const joined = new Promise<void>((resolve, reject) => {
			consumer.on(consumer.events.GROUP_JOIN, () => resolve());
			consumer.on(consumer.events.CRASH, (event) => reject(event.payload.error));
			setTimeout(() => reject(new Error('no group join in time')), Math.max(timeoutMs, 1000)).unref();
		});
		await consumer.connect();
		await consumer.subscribe({topics: [topic]});
		await consumer.run({eachMessage: async () => undefined});
		await joined;
	} finally {
		await consumer.disconnect();
	}
}
