import {type IHeaders, type Kafka, Partitioners, type Producer} from 'kafkajs';
import {createKafka, type KafkaConnectionOptions} from './kafka-client.js';

/** One record to send. */
export type ProducedRecord = {
	key?: string | Buffer | null;
	value: string | Buffer | null;
	headers?: IHeaders;
	/** Target partition; without it the key decides (or round robin for no key). */
	partition?: number;
	/** Record timestamp in ms since the epoch; default now. */
	timestamp?: number;
};

/** A connected-on-demand producer. Produce only where the read-only rule allows it (`producePermission`). */
export type RecordProducer = {
	/** Send records to a topic; resolves once the broker acknowledged all of them. */
	send(topic: string, records: readonly ProducedRecord[]): Promise<void>;
	disconnect(): Promise<void>;
};

export type RecordProducerOptions = KafkaConnectionOptions & {
	/** Use this client instead of making one. */
	kafka?: Kafka;
	/** Codec of the batches sent (default none). */
	compression?: 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
};

/** kafkajs' CompressionTypes values (its enum is not a named export Node's ESM loader sees). */
const COMPRESSION_TYPES = {none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4} as const;

/**
 * A small producer for the demo and the tests: connects on the first send, never
 * creates topics by itself (use `createTopicIfMissing`), waits for all in-sync replicas.
 */
export function createRecordProducer(options: RecordProducerOptions): RecordProducer {
	const kafka = options.kafka ?? createKafka(options);
	let producer: Producer | undefined;
	let connecting: Promise<void> | undefined;
	const connected = async (): Promise<Producer> => {
		if (!producer) {
			producer = kafka.producer({
				allowAutoTopicCreation: false,
				createPartitioner: Partitioners.DefaultPartitioner,
			});
			connecting = producer.connect();
		}
		await connecting;
		return producer;
	};
	return {
		async send(topic, records) {
			if (records.length === 0) return;
			const ready = await connected();
			await ready.send({
				topic,
				acks: -1,
				compression: COMPRESSION_TYPES[options.compression ?? 'none'],
				messages: records.map((record) => ({
					key: record.key ?? null,
					value: record.value,
					headers: record.headers,
					partition: record.partition,
					timestamp: record.timestamp === undefined ? undefined : String(record.timestamp),
				})),
			});
		},
		async disconnect() {
			if (producer) {
				const current = producer;
				producer = undefined;
				await connecting?.catch(() => undefined);
				await current.disconnect();
			}
		},
	};
}

/** Send records to a topic with a short-lived producer. */
export async function sendLogRecords(
	options: KafkaConnectionOptions,
	topic: string,
	records: readonly ProducedRecord[],
): Promise<void> {
	const producer = createRecordProducer(options);
	try {
		await producer.send(topic, records);
	} finally {
		await producer.disconnect();
	}
}

/**
 * Create a topic unless it exists. Returns true when it was created. The replication
 * factor defaults to the broker's default (`-1`).
 */
export async function createTopicIfMissing(
	options: RecordProducerOptions,
	topic: string,
	settings: {partitions?: number; replicationFactor?: number; config?: Record<string, string>} = {},
): Promise<boolean> {
	const kafka = options.kafka ?? createKafka(options);
	const admin = kafka.admin();
	await admin.connect();
	try {
		const created = await admin.createTopics({
			waitForLeaders: true,
			topics: [
				{
					topic,
					numPartitions: settings.partitions ?? 3,
					replicationFactor: settings.replicationFactor ?? -1,
					configEntries: Object.entries(settings.config ?? {}).map(([name, value]) => ({name, value})),
				},
			],
		});
		return created;
	} finally {
		await admin.disconnect();
	}
}
