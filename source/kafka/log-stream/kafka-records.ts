import type {KafkaMessage} from 'kafkajs';
import type {RawRecord} from '../../record/log-record.js';
import type {PartitionRange} from './topics/start-offsets.js';

/** kafkajs' offsets of a topic (strings) as numbers. */
export function rangesOf(
	offsets: readonly {partition: number; low: string; high: string}[],
): PartitionRange[] {
	return offsets.map((entry) => ({
		partition: entry.partition,
		low: Number(entry.low),
		high: Number(entry.high),
	}));
}

/** A kafkajs message as plain data. */
export function toRawRecord(topic: string, partition: number, message: KafkaMessage): RawRecord {
	return {
		topic,
		partition,
		offset: Number(message.offset),
		timestamp: Number(message.timestamp),
		key: message.key ?? null,
		value: message.value ?? null,
		headers: message.headers,
	};
}
