import {LEVELS, type Level, type LogRecord} from '../../record/log-record.js';
import {ScratchBuffer} from '../../shared/scratch-buffer.js';

/**
 * Parsed log records packed into one ArrayBuffer, so the stream worker can parse a batch
 * (`parseRecord`, JSON.parse and all) and hand it to the main thread by transfer, no copy and
 * no structured clone of a thousand objects. The main thread only decodes the strings back.
 *
 * Layout, little-endian: u32 record count, the topic (one batch is one topic and partition),
 * then per record: u32 partition, f64 offset, f64 time, f64 kafka time, f64 size, u8 level index,
 * u8 flags (1 json, 2 key, 4 value, 8 log index), u16 header count, u32 log index (when flagged),
 * then strings as u32 byte length + UTF-8: service, message, key (when flagged), value (when
 * flagged), then per header its name and value.
 */

const LEVEL_CODES: readonly Level[] = [...LEVELS, 'unknown'];
const LEVEL_INDEX = new Map<Level, number>(LEVEL_CODES.map((level, index) => [level, index]));
const RECORD_HEAD = 4 + 8 * 4 + 1 + 1 + 2;
const HAS_JSON = 1;
const HAS_KEY = 2;
const HAS_VALUE = 4;
const HAS_LOG_INDEX = 8;

function headerCount(headers: Record<string, string>): number {
	let count = 0;
	for (const _name in headers) count++;
	return count;
}

/**
 * Reused between batches (the worker packs one at a time); each batch gets an exact copy. A
 * buffer per batch sized for the worst case (3 bytes per UTF-16 unit, 3.5 MB for a batch of
 * 5 000 records of 200 B) was allocated and freed by malloc for every batch.
 */
const scratch = new ScratchBuffer(1 << 20);

/** Worst-case bytes of a record: 3 bytes per UTF-16 unit. */
function recordBound(record: LogRecord): number {
	let bound = RECORD_HEAD + 5 * 4;
	bound += 3 * (record.service.length + record.message.length);
	bound += 3 * ((record.key?.length ?? 0) + (record.value?.length ?? 0));
	for (const name in record.headers) bound += 8 + 3 * (name.length + record.headers[name]!.length);
	return bound;
}

/** Writes `text` with its u32 byte length at `at`; returns the offset after it. */
function writeString(text: string, at: number): number {
	const length = scratch.bytes.write(text, at + 4);
	scratch.view.setUint32(at, length, true);
	return at + 4 + length;
}

/** Packs records of one topic (their `seq` is not kept: the store that takes them assigns its own). */
export function packLogRecords(topic: string, records: readonly LogRecord[]): ArrayBuffer {
	scratch.ensureRoom(0, 8 + 3 * topic.length);
	scratch.view.setUint32(0, records.length, true);
	let at = writeString(topic, 4);
	for (const record of records) {
		// The scratch buffer may grow here: its view is read again after.
		scratch.ensureRoom(at, recordBound(record));
		const view = scratch.view;
		view.setUint32(at, record.partition, true);
		view.setFloat64(at + 4, record.offset, true);
		view.setFloat64(at + 12, record.time, true);
		view.setFloat64(at + 20, record.kafkaTime, true);
		view.setFloat64(at + 28, record.size, true);
		view.setUint8(at + 36, LEVEL_INDEX.get(record.level) ?? LEVEL_CODES.length - 1);
		view.setUint8(
			at + 37,
			(record.json ? HAS_JSON : 0) |
				(record.key === null ? 0 : HAS_KEY) |
				(record.value === null ? 0 : HAS_VALUE) |
				(record.logIndex === undefined ? 0 : HAS_LOG_INDEX),
		);
		view.setUint16(at + 38, headerCount(record.headers), true);
		at += RECORD_HEAD;
		if (record.logIndex !== undefined) {
			view.setUint32(at, record.logIndex, true);
			at += 4;
		}
		at = writeString(record.service, at);
		at = writeString(record.message, at);
		if (record.key !== null) at = writeString(record.key, at);
		if (record.value !== null) at = writeString(record.value, at);
		for (const name in record.headers) {
			at = writeString(name, at);
			at = writeString(record.headers[name]!, at);
		}
	}

	return scratch.copyOut(at);
}

/** Headers of records without any: one shared, frozen object, as the parser gives them. */
const NO_HEADERS: Record<string, string> = Object.freeze(Object.create(null) as Record<string, string>);

/**
 * Service names seen lately, so 50 000 buffered records share a few strings instead of holding
 * a copy each (a decoded copy dies young); bounded, as names come from records.
 */
const services = new Map<string, string>();
const MAX_SERVICES = 4096;

function shared(service: string): string {
	const known = services.get(service);
	if (known !== undefined) return known;
	if (services.size >= MAX_SERVICES) services.clear();
	services.set(service, service);
	return service;
}

/** The records of a packed batch, each with `seq` 0 for the store to assign. */
export function unpackLogRecords(buffer: ArrayBuffer): LogRecord[] {
	const bytes = Buffer.from(buffer);
	const view = new DataView(buffer);
	let at = 4;
	const readString = (): string => {
		const length = view.getUint32(at, true);
		const text = bytes.toString('utf8', at + 4, at + 4 + length);
		at += 4 + length;
		return text;
	};

	const count = view.getUint32(0, true);
	const topic = readString();
	const records: LogRecord[] = new Array(count);
	for (let index = 0; index < count; index++) {
		const partition = view.getUint32(at, true);
		const offset = view.getFloat64(at + 4, true);
		const time = view.getFloat64(at + 12, true);
		const kafkaTime = view.getFloat64(at + 20, true);
		const size = view.getFloat64(at + 28, true);
		const level = LEVEL_CODES[view.getUint8(at + 36)] ?? 'unknown';
		const flags = view.getUint8(at + 37);
		const headerTotal = view.getUint16(at + 38, true);
		at += RECORD_HEAD;
		let logIndex: number | undefined;
		if (flags & HAS_LOG_INDEX) {
			logIndex = view.getUint32(at, true);
			at += 4;
		}
		const service = shared(readString());
		const message = readString();
		const key = flags & HAS_KEY ? readString() : null;
		const value = flags & HAS_VALUE ? readString() : null;
		let headers = NO_HEADERS;
		if (headerTotal > 0) {
			headers = Object.create(null) as Record<string, string>;
			for (let header = 0; header < headerTotal; header++) {
				const name = readString();
				headers[name] = readString();
			}
		}

		const record: LogRecord = {
			seq: 0,
			topic,
			partition,
			offset,
			time,
			kafkaTime,
			service,
			level,
			message,
			key,
			headers,
			value,
			json: (flags & HAS_JSON) !== 0,
			size,
		};
		// Only rows of OTLP requests carry an index (the JSON output shows it only for them).
		if (logIndex !== undefined) record.logIndex = logIndex;
		records[index] = record;
	}

	return records;
}
