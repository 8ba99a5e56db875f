/**
 * `klog-tui demo`: plays a few services that send realistic JSON logs to the topic,
 * like the producer half of the classic Kafka log-aggregation example (one record every
 * 4 s per service there; `--rate` per second here). Creates the topic when it is missing.
 */

import {createDemoLogGenerator, type DemoRecord} from './demo-logs/demo-log-generator.js';
import {
	createRecordProducer,
	createTopicIfMissing,
	describeKafkaError,
	type KafkaConnectionOptions,
} from './kafka.js';
import {producePermission} from './settings/broker-address.js';
import type {DemoSettings} from './settings/run-settings.js';

export {
	createDemoLogGenerator,
	type DemoLog,
	type DemoLogGenerator,
	type DemoRecord,
} from './demo-logs/demo-log-generator.js';

/** Where the demo reports what it does (one line per event), and how it is stopped. */
export type DemoIo = {
	/** Human lines (stderr): what it sends where, problems. */
	log: (line: string) => void;
	/** Aborting stops the demo after the batch in flight. */
	signal?: AbortSignal;
};

/** How often the demo wakes up to send what is due, at most. */
const TICK_MS = 100;

/**
 * Run the demo until `--count` records were sent or `signal` aborts. Resolves with the exit
 * code: 0 when it stopped as asked, 2 when it could not start (not allowed to write, broker
 * unreachable); failed sends while running are reported and retried.
 */
export async function runDemo(
	config: DemoSettings,
	connection: KafkaConnectionOptions,
	io: DemoIo,
): Promise<number> {
	const permission = producePermission(config.brokers, config.allowProduce);
	if (!permission.allowed) {
		io.log(`klog-tui demo: ${permission.reason}`);
		return 2;
	}
	const brokers = config.brokers.join(',');
	try {
		const created = await createTopicIfMissing(connection, config.topic, {partitions: config.partitions});
		if (created)
			io.log(`klog-tui demo: created topic '${config.topic}' with ${config.partitions} partitions`);
	} catch (error) {
		io.log(
			`klog-tui demo: cannot prepare topic '${config.topic}' on ${brokers}: ${describeKafkaError(error)}`,
		);
		return 2;
	}

	const generator = createDemoLogGenerator({services: config.services});
	const producer = createRecordProducer({...connection, compression: config.compression});
	const limit = config.count ?? Number.POSITIVE_INFINITY;
	io.log(
		`klog-tui demo: sending ${config.services.join(', ')} to '${config.topic}' on ${brokers}` +
			` at ${config.rate}/s each${config.compression === 'none' ? '' : `, ${config.compression}-compressed`}` +
			`${config.count === undefined ? ' (Ctrl-C stops)' : `, ${config.count} in all`}`,
	);

	const startedAt = Date.now();
	/** Records scheduled per service so far (sent, or given up while the broker was away). */
	const scheduled = new Map(config.services.map((service) => [service, 0]));
	/** After an outage, catch up by at most a second's worth instead of flooding the topic. */
	const catchUpCap = Math.max(1, Math.ceil(config.rate));
	let sent = 0;
	let lastProblem: string | undefined;
	try {
		while (sent < limit && !io.signal?.aborted) {
			const now = Date.now();
			const elapsedSeconds = (now - startedAt) / 1000;
			const batch: DemoRecord[] = [];
			for (const service of config.services) {
				// The first record of each service goes out at once, then `rate` per second.
				let due = Math.floor(elapsedSeconds * config.rate) + 1 - scheduled.get(service)!;
				if (due > catchUpCap) {
					scheduled.set(service, scheduled.get(service)! + due - catchUpCap);
					due = catchUpCap;
				}
				for (let index = 0; index < due && sent + batch.length < limit; index++) {
					batch.push(generator.next(service, now));
					scheduled.set(service, scheduled.get(service)! + 1);
				}
			}
			if (batch.length > 0) {
				try {
					await producer.send(config.topic, batch);
					sent += batch.length;
					if (lastProblem) io.log('klog-tui demo: sending again');
					lastProblem = undefined;
				} catch (error) {
					const problem = describeKafkaError(error);
					if (problem !== lastProblem) io.log(`klog-tui demo: could not send (will retry): ${problem}`);
					lastProblem = problem;
					await sleep(1000, io.signal);
					continue;
				}
			}
			if (sent < limit) await sleep(TICK_MS, io.signal);
		}
	} finally {
		await producer.disconnect().catch(() => undefined);
	}
	io.log(`klog-tui demo: sent ${sent} records`);
	return 0;
}

/** Wait `ms`, or less when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
	return new Promise((resolve) => {
		if (signal?.aborted) return resolve();
		const timer = setTimeout(done, ms);
		function done() {
			clearTimeout(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		}
		signal?.addEventListener('abort', done, {once: true});
	});
}
