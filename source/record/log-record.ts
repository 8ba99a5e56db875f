/**
 * The record model: what one Kafka record becomes once klog-tui has read it.
 *
 * Every string in a `LogRecord` except `value` is already terminal-safe
 * (see `sanitize.ts`): it can be written to a terminal as it is. `value` is the
 * decoded payload kept for the detail view and JSON output; it must go through
 * `sanitizeForTerminal` before it is drawn.
 */

/** Log levels, lowest first. `unknown` sorts with `info` for the level filter. */
export const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type KnownLevel = (typeof LEVELS)[number];
export type Level = KnownLevel | 'unknown';

/**
 * A Kafka record as the adapter hands it over: plain data, no kafkajs types.
 * Offsets are numbers: Kafka offsets are int64, but no real partition comes
 * near 2^53 records, and numbers are far cheaper than BigInt or strings per record.
 */
export type RawRecord = {
	topic: string;
	partition: number;
	offset: number;
	/** Kafka's record timestamp, ms since the epoch. */
	timestamp: number;
	key: Buffer | null;
	value: Buffer | null;
	headers: Record<string, Buffer | string | Array<Buffer | string> | undefined> | undefined;
};

/** One log line, parsed and made safe. */
export type LogRecord = {
	/** Position in this run's stream (monotonic, assigned by the store). */
	seq: number;
	topic: string;
	partition: number;
	offset: number;
	/**
	 * Which log record of its Kafka record this row is, when the value held many (an OTLP logs
	 * request: one row per log record, 0-based); undefined for the usual one record, one row.
	 * `(topic, partition, offset, logIndex)` identifies a row.
	 */
	logIndex?: number | undefined;
	/** When the log says it happened (body timestamp), else Kafka's timestamp; ms since the epoch. */
	time: number;
	/** Kafka's own record timestamp, ms since the epoch. */
	kafkaTime: number;
	service: string;
	level: Level;
	/** One line, terminal-safe, possibly shortened (see `MAX_MESSAGE_LENGTH`). */
	message: string;
	/** Terminal-safe key, or null. */
	key: string | null;
	/** Terminal-safe header values by terminal-safe name. */
	headers: Record<string, string>;
	/** Decoded value (not sanitised; may be shortened for huge records), null for tombstones. */
	value: string | null;
	/** True when the value parsed as a JSON object. */
	json: boolean;
	/** Size of the original value in bytes. */
	size: number;
};

/**
 * Longest `LogRecord.message` kept, in UTF-16 code units; longer messages are cut
 * with a visible `…(+N chars)` note. One line of a log pane never needs more.
 */
export const MAX_MESSAGE_LENGTH = 4096;

/**
 * Bytes of a record's value kept in `LogRecord.value`; larger values are cut (at a
 * character boundary) with a visible `…(+N bytes)` note, so a flood of 1 MB records
 * cannot fill memory: the buffer holds at most this much per record.
 */
export const MAX_VALUE_LENGTH = 16_384;

/** A marker line the user drops into the stream. */
export type MarkRecord = {
	seq: number;
	kind: 'mark';
	time: number;
	label: string;
};
