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
		offset: decimal(message.offset),
		timestamp: decimal(message.timestamp),
		key: message.key ?? null,
		value: message.value ?? null,
		headers: message.headers,
	};
}

/**
 * A batch's kafkajs messages as plain data, in one pass. Records of one batch often share
 * their timestamp (a producer's burst within a millisecond), so an equal text is not parsed
 * again.
 */
export function toRawRecords(
	topic: string,
	partition: number,
	messages: readonly KafkaMessage[],
): RawRecord[] {
	const records: RawRecord[] = [];
	let timestampText = '';
	let timestamp = 0;
	for (const message of messages) {
		if (message.timestamp !== timestampText) {
			timestampText = message.timestamp;
			timestamp = decimal(timestampText);
		}
		records.push({
			topic,
			partition,
			offset: decimal(message.offset),
			timestamp,
			key: message.key ?? null,
			value: message.value ?? null,
			headers: message.headers,
		});
	}
	return records;
}

/** Digits beyond which a product could pass 2^53 and lose exactness. */
const MAX_EXACT_DIGITS = 15;

/**
 * kafkajs' decimal text of an offset or timestamp (String of a BigInt) as a number, exactly
 * as Number() gives it. Plain digits are summed by hand: Number() of a 13-digit timestamp
 * cost ~60 ns, about half the worker's per-record handling after kafkajs; anything else (a
 * sign, an empty or longer text) goes to Number().
 */
export function decimal(text: string): number {
	// A legacy message (magic 0) has no timestamp at all, whatever kafkajs's types say.
	if (typeof text !== 'string') return Number(text);
	const length = text.length;
	if (length === 0 || length > MAX_EXACT_DIGITS) return Number(text);
	let value = 0;
	for (let index = 0; index < length; index++) {
		const digit = text.charCodeAt(index) - 48;
		if (digit < 0 || digit > 9) return Number(text);
		value = value * 10 + digit;
	}
	return value;
}
