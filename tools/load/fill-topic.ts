import {type ChildProcess, spawn} from 'node:child_process';
import {once} from 'node:events';
import {Kafka, logLevel} from 'kafkajs';
import {createLogLineGenerator} from './log-lines.js';

export type FillOptions = {
	bootstrap: string;
	topic: string;
	partitions: number;
	records: number;
	/** Approximate size of each JSON record in bytes. */
	recordBytes: number;
	/** Batches compressed by the producer (kcat, librdkafka), as a real producer with `compression.type` sends them. */
	compression?: 'lz4' | 'zstd';
};

export type FillResult = {
	records: number;
	seconds: number;
	/** Records per partition after the fill (from the high watermarks). */
	perPartition: number[];
};

/** librdkafka producer settings for a fast bulk load: big batches, leader-only acks, a codec (default none). */
const bulkProducerSettings = (codec = 'none') => [
	'-X',
	'acks=1',
	'-X',
	'linger.ms=20',
	'-X',
	'batch.num.messages=10000',
	'-X',
	'queue.buffering.max.messages=500000',
	'-X',
	`compression.codec=${codec}`,
];

/** Creates a topic (fails if it exists: every bench run starts its own broker). */
export async function createTopic(bootstrap: string, topic: string, partitions: number): Promise<void> {
	const admin = new Kafka({
		clientId: 'bench-admin',
		brokers: [bootstrap],
		logLevel: logLevel.NOTHING,
	}).admin();
	await admin.connect();
	try {
		await admin.createTopics({
			topics: [{topic, numPartitions: partitions, replicationFactor: 1}],
			waitForLeaders: true,
		});
	} finally {
		await admin.disconnect();
	}
}

/** High watermark per partition (records in a fresh topic), in partition order. */
export async function partitionCounts(bootstrap: string, topic: string): Promise<number[]> {
	const admin = new Kafka({
		clientId: 'bench-admin',
		brokers: [bootstrap],
		logLevel: logLevel.NOTHING,
	}).admin();
	await admin.connect();
	try {
		const offsets = await admin.fetchTopicOffsets(topic);
		return offsets.sort((a, b) => a.partition - b.partition).map((o) => Number(o.high) - Number(o.low));
	} finally {
		await admin.disconnect();
	}
}

/**
 * Creates `topic` and fills it with `records` JSON log lines through `kcat -P` (librdkafka
 * batches records far faster than a Node producer, and keeps the fill off the clock of the
 * contenders). Records have no key, so librdkafka spreads them over the partitions.
 * Checks afterwards that exactly `records` landed.
 */
export async function fillTopic(options: FillOptions): Promise<FillResult> {
	const started = process.hrtime.bigint();
	await createTopic(options.bootstrap, options.topic, options.partitions);
	const kcat = startKcatProducer(options.bootstrap, options.topic, bulkProducerSettings(options.compression));
	const nextLine = createLogLineGenerator(options.recordBytes);
	const linesPerChunk = 5000;
	for (let written = 0; written < options.records; ) {
		const lines: string[] = [];
		const count = Math.min(linesPerChunk, options.records - written);
		for (let i = 0; i < count; i++) lines.push(nextLine());
		written += count;
		if (!kcat.stdin!.write(`${lines.join('\n')}\n`)) await once(kcat.stdin!, 'drain');
	}
	kcat.stdin!.end();
	await waitForExit(kcat, 'kcat -P');
	const perPartition = await partitionCounts(options.bootstrap, options.topic);
	const landed = perPartition.reduce((sum, n) => sum + n, 0);
	if (landed !== options.records) {
		throw new Error(`filled ${options.topic} with ${options.records} records but ${landed} landed`);
	}
	return {records: landed, seconds: Number(process.hrtime.bigint() - started) / 1e9, perPartition};
}

/** Spawns `kcat -P` reading newline-separated records from its stdin. */
export function startKcatProducer(
	bootstrap: string,
	topic: string,
	settings: readonly string[],
): ChildProcess {
	return spawn('kcat', ['-P', '-b', bootstrap, '-t', topic, ...settings], {
		stdio: ['pipe', 'ignore', 'pipe'],
	});
}

/** Resolves when a child exits with 0; rejects with its stderr otherwise. */
export async function waitForExit(child: ChildProcess, name: string): Promise<void> {
	let stderr = '';
	child.stderr?.setEncoding('utf8');
	child.stderr?.on('data', (chunk: string) => {
		stderr = (stderr + chunk).slice(-4000);
	});
	const [code] = (await once(child, 'close')) as [number | null];
	if (code !== 0) throw new Error(`${name} exited with ${code}: ${stderr.trim()}`);
}
