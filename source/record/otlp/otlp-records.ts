import {guessLevelFromText} from '../level.js';
import type {LogRecord} from '../log-record.js';
import {EMPTY_MESSAGE, keptText, messageOf, serviceOf, UNKNOWN_SERVICE} from '../record-text.js';
import {withoutColours} from '../safe-text.js';
import type {OtlpLogRows} from './otlp-log-rows.js';

/** Rows made of one OTLP logs request at most; a note row says how many more it held. */
export const MAX_OTLP_ROWS = 10_000;

/**
 * One `LogRecord` per log record of an OTLP request, with its Kafka record's place, key, headers
 * and size (`base`, the record as parsed without its rows: its service is the key's or a
 * header's, used when the resource names none), appended to `out`; returns the first.
 */
export function otlpRecords(base: LogRecord, rows: OtlpLogRows, out: LogRecord[] | undefined): LogRecord {
	const around = base.service === UNKNOWN_SERVICE ? undefined : base.service;
	const records: LogRecord[] = [];
	for (const row of rows.rows) {
		const level =
			row.level !== 'unknown' || typeof row.message !== 'string'
				? row.level
				: guessLevelFromText(withoutColours(row.message));
		records.push({
			seq: base.seq,
			topic: base.topic,
			partition: base.partition,
			offset: base.offset,
			logIndex: records.length,
			time: row.time ?? base.kafkaTime,
			kafkaTime: base.kafkaTime,
			service: serviceOf(row.service) ?? around ?? UNKNOWN_SERVICE,
			level,
			message: row.message === undefined ? EMPTY_MESSAGE : messageOf(row.message),
			key: base.key,
			headers: base.headers,
			value: keptText(JSON.stringify(row.document)),
			json: true,
			size: base.size,
		});
	}

	const more = rows.total - rows.rows.length;
	if (more > 0) {
		const message = `(+${more} log records of this OTLP request not shown: ${MAX_OTLP_ROWS} rows at most per Kafka record)`;
		records.push({
			...records[0]!,
			logIndex: records.length,
			level: 'unknown',
			message,
			value: null,
			json: false,
		});
	}

	if (out !== undefined) for (const record of records) out.push(record);
	return records[0]!;
}
