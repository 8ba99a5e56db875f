/**
 * `C` on a hunt's match: the records around it, like `grep -C`: `radius` records of the same
 * partition before and after it (fewer at the partition's ends), read without a consumer
 * group, parsed as the stream parses. kafkajs is loaded here only when asked.
 */
import type {KafkaConnectionOptions} from '../kafka.js';
import type {LogRecord} from '../record/log-record.js';
import {createRowParser, type ParseSettings} from '../record/parse-record.js';

/** Records on each side of the match. */
export const CONTEXT_RADIUS = 20;

export async function readContext(
	connection: KafkaConnectionOptions,
	match: {topic: string; partition: number; offset: number},
	options: {radius?: number; parse?: ParseSettings} = {},
): Promise<LogRecord[]> {
	const radius = options.radius ?? CONTEXT_RADIUS;
	const {readPartitionRange} = await import('../kafka/direct/read-range.js');
	const raw = await readPartitionRange(connection, {
		topic: match.topic,
		partition: match.partition,
		from: match.offset - radius,
		to: match.offset + radius,
	});
	const parse = createRowParser(options.parse);
	const rows: LogRecord[] = [];
	for (const record of raw) parse(record, rows);
	return rows;
}
