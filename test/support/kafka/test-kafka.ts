import {type Admin, Kafka, logLevel, Partitioners} from 'kafkajs';
import {afterAll, beforeAll, inject} from 'vitest';
import {silenceKafkajsNegativeTimeoutWarning} from '../../../source/kafka/kafkajs-timer-warning.js';
import {type KafkaCluster, type StartKafkaOptions, startKafka} from '../../../tools/kafka/kafka-broker.js';

declare module 'vitest' {
	export interface ProvidedContext {
		/** Bootstrap address of the broker that test/global-setup.ts started for the integration project. */
		kafkaBootstrap: string;
		/** Bootstrap address of the suite's broker with Kafka's production defaults for groups and topics. */
		kafkaProductionBootstrap: string;
	}
}

/**
 * Bootstrap address ('127.0.0.1:port') of the suite's shared broker, started by
 * test/global-setup.ts. Also in the environment as KLOG_TEST_BROKERS.
 */
export function testBootstrap(): string {
	const bootstrap = inject('kafkaBootstrap') ?? process.env.KLOG_TEST_BROKERS;
	if (!bootstrap) {
		throw new Error(
			'No test broker: run integration tests through vitest (test/global-setup.ts starts one).',
		);
	}
	return bootstrap;
}

/**
 * Bootstrap address of the suite's second broker, which runs with Kafka's production defaults
 * for groups and topics (`group.initial.rebalance.delay.ms` 3000, topics created on first use).
 * Tests whose behaviour depends on those settings use it. Also KLOG_TEST_PRODUCTION_BROKERS.
 */
export function productionBootstrap(): string {
	const bootstrap = inject('kafkaProductionBootstrap') ?? process.env.KLOG_TEST_PRODUCTION_BROKERS;
	if (!bootstrap) {
		throw new Error(
			'No production-defaults broker: run integration tests through vitest (test/global-setup.ts starts one).',
		);
	}
	return bootstrap;
}

/** A name no other test (or earlier run) uses, e.g. `uniqueName('roundtrip')` → 'roundtrip-m3k2x1-4f9a'. */
export function uniqueName(prefix: string): string {
	return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** A kafkajs client that logs nothing (kafkajs would otherwise write through console). */
export function testKafkaClient(bootstrap = testBootstrap(), clientId = 'klog-tui-test'): Kafka {
	silenceKafkajsNegativeTimeoutWarning();
	return new Kafka({clientId, brokers: bootstrap.split(','), logLevel: logLevel.NOTHING});
}

/** Runs `work` with a connected admin client and always disconnects it. */
export async function withAdmin<T>(bootstrap: string, work: (admin: Admin) => Promise<T>): Promise<T> {
	const admin = testKafkaClient(bootstrap).admin();
	await admin.connect();
	try {
		return await work(admin);
	} finally {
		await admin.disconnect();
	}
}

/** Options for {@link createTopic}. */
export type CreateTopicOptions = {
	bootstrap?: string;
	/** Default: the broker's default.replication.factor (1 on one node, 3 on three). */
	replicationFactor?: number;
	/** Topic configs, e.g. `{'cleanup.policy': 'compact'}`. */
	configs?: Record<string, string>;
};

/** Creates `topic` with `partitions` partitions and waits until its leaders are known. */
export async function createTopic(
	topic: string,
	partitions: number,
	options: CreateTopicOptions = {},
): Promise<void> {
	await withAdmin(options.bootstrap ?? testBootstrap(), async (admin) => {
		const created = await admin.createTopics({
			waitForLeaders: true,
			topics: [
				{
					topic,
					numPartitions: partitions,
					replicationFactor: options.replicationFactor ?? -1,
					configEntries: Object.entries(options.configs ?? {}).map(([name, value]) => ({name, value})),
				},
			],
		});
		if (!created) throw new Error(`topic ${topic} already exists`);
	});
}

/** One record to produce. */
export type TestRecord = {
	value: string | Buffer | null;
	key?: string | Buffer | null;
	partition?: number;
	headers?: Record<string, string | Buffer>;
	/** Milliseconds since the epoch, as a string (kafkajs' format). */
	timestamp?: string;
};

/** Produces `records` to `topic` (acks from all in-sync replicas) and disconnects. */
export async function produceRecords(
	topic: string,
	records: TestRecord[],
	options: {bootstrap?: string} = {},
): Promise<void> {
	const producer = testKafkaClient(options.bootstrap).producer({
		createPartitioner: Partitioners.DefaultPartitioner,
		allowAutoTopicCreation: false,
		// A request retried after a timeout (a broker just started, a busy machine) must not
		// write its records twice: tests count exactly what they produced.
		idempotent: true,
		maxInFlightRequests: 1,
	});
	await producer.connect();
	try {
		// Batches keep each request small, as real producers do.
		for (let start = 0; start < records.length; start += 500) {
			await producer.send({topic, acks: -1, messages: records.slice(start, start + 500)});
		}
	} finally {
		await producer.disconnect();
	}
}

/**
 * Gives a test file its OWN Kafka (e.g. a 3-node cluster to kill nodes in), started in
 * `beforeAll` and always stopped in `afterAll`. Call it at the top of a file or `describe`;
 * the returned function gives the running cluster inside tests:
 * `const kafka = ownKafka({nodes: 3}); it('...', async () => { await kafka().kill(1); });`
 * Brokers start with `quickStart` (faster JVM start) unless the options say otherwise.
 */
export function ownKafka(options: StartKafkaOptions = {}): () => KafkaCluster {
	let cluster: KafkaCluster | undefined;
	beforeAll(async () => {
		cluster = await startKafka({quickStart: true, ...options});
	}, 240_000);
	afterAll(async () => {
		await cluster?.stop();
	}, 120_000);
	return () => {
		if (!cluster)
			throw new Error('the Kafka of ownKafka() is not started (call it outside tests, read it inside)');
		return cluster;
	};
}

/**
 * Old name of {@link ownKafka}. Biome's React rule (useHookAtTopLevel) takes any `use...`
 * call outside a component for a misplaced hook, so call `ownKafka` instead.
 * @deprecated use {@link ownKafka}
 */
export const useOwnKafka = ownKafka;
