/**
 * The records of one partition between two offsets, read straight from its leader without a
 * consumer group (as `kcat -C -o X -c N`): what `C` shows around a hunt's match. Bounded: a
 * few fetches at most, stopped at the high watermark.
 */
import type {Kafka} from 'kafkajs';
import type {RawRecord} from '../../record/log-record.js';
import {createKafka, type KafkaConnectionOptions} from '../kafka-client.js';
import {createPartitionReader} from './partition-reader.js';

export type PartitionRange = {topic: string; partition: number; from: number; to: number};

/** Fetches that bring nothing new before the range is given up on (a partition cut short by retention). */
const MAX_FETCHES = 20;

async function partitionLogStart(kafka: Kafka, topic: string, partition: number): Promise<number> {
	const admin = kafka.admin();
	await admin.connect();
	try {
		const offsets = await admin.fetchTopicOffsets(topic);
		return Number(offsets.find((each) => each.partition === partition)?.low ?? 0);
	} finally {
		await admin.disconnect();
	}
}

/** Records with `from <= offset <= to` (fewer at the partition's ends), in offset order. */
export async function readPartitionRange(
	connection: KafkaConnectionOptions,
	range: PartitionRange,
): Promise<RawRecord[]> {
	const kafka = createKafka(connection);
	const logStart = await partitionLogStart(kafka, range.topic, range.partition);
	const reader = createPartitionReader(kafka);
	const records: RawRecord[] = [];
	await reader.connect([range.topic]);
	try {
		// Retention may have removed the records before the match: start where the log starts.
		let offset = Math.max(logStart, range.from);
		for (let fetches = 0; fetches < MAX_FETCHES && offset <= range.to; fetches++) {
			const {fetched, failures} = await reader.fetch(
				[{topic: range.topic, partition: range.partition, offset}],
				{
					maxWaitTimeInMs: 100,
					maxBytesPerPartition: 1024 * 1024,
				},
			);
			const part = fetched.find((each) => each.partition === range.partition);
			if (!part) {
				if (failures.length > 0) throw failures[0]!.error;
				continue;
			}
			for (const record of part.records) {
				if (record.offset >= range.from && record.offset <= range.to) records.push(record);
			}
			if (part.nextOffset === undefined || part.nextOffset >= part.highWatermark) break;
			offset = part.nextOffset;
		}
	} finally {
		await reader.disconnect();
	}
	return records;
}
