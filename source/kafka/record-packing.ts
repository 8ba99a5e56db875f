import type {RawRecord} from '../core/log-record.js';

/**
 * One batch of raw records (one topic and partition) packed into a single ArrayBuffer, so the
 * stream worker can hand it to the main thread by transfer (no copy, no structured clone of a
 * thousand small objects). Unpacking makes `Buffer` views over that memory, not copies.
 *
 * Layout, little-endian:
 *   u32 record count, u32 topic length, topic (UTF-8), i32 partition,
 *   then per record: f64 offset, f64 timestamp, i32 key length (-1: null), i32 value length
 *   (-1: null), i32 header count (-1: no headers object), key bytes, value bytes, and per header:
 *   u32 name length, name (UTF-8), i32 value count (-1: undefined, 0: one value, n: an array of
 *   n values), and per value: u8 kind (0 bytes, 1 string), u32 length, bytes.
 */

type HeaderValue = Buffer | string;
type Headers = NonNullable<RawRecord['headers']>;

const BATCH_HEAD = 12;
const RECORD_HEAD = 28;

function byteLengthOf(value: HeaderValue): number {
	return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

function headersSize(headers: Headers): number {
	let size = 0;
	for (const name in headers) {
		const value = headers[name];
		size += 8 + Buffer.byteLength(name);
		if (value === undefined) continue;
		for (const item of Array.isArray(value) ? value : [value]) size += 5 + byteLengthOf(item);
	}
	return size;
}

function headerCount(headers: Headers): number {
	let count = 0;
	for (const _name in headers) count++;
	return count;
}

/** Packs records that all belong to `topic` / `partition` (one kafkajs batch). */
export function packRecords(topic: string, partition: number, records: readonly RawRecord[]): ArrayBuffer {
	const topicBytes = Buffer.from(topic);
	let size = BATCH_HEAD + topicBytes.length;
	for (const record of records) {
		size += RECORD_HEAD + (record.key?.length ?? 0) + (record.value?.length ?? 0);
		if (record.headers) size += headersSize(record.headers);
	}

	const buffer = new ArrayBuffer(size);
	const bytes = Buffer.from(buffer);
	const view = new DataView(buffer);
	view.setUint32(0, records.length, true);
	view.setUint32(4, topicBytes.length, true);
	topicBytes.copy(bytes, 8);
	let at = 8 + topicBytes.length;
	view.setInt32(at, partition, true);
	at += 4;

	const writeBytes = (source: Buffer) => {
		source.copy(bytes, at);
		at += source.length;
	};

	for (const record of records) {
		view.setFloat64(at, record.offset, true);
		view.setFloat64(at + 8, record.timestamp, true);
		view.setInt32(at + 16, record.key ? record.key.length : -1, true);
		view.setInt32(at + 20, record.value ? record.value.length : -1, true);
		view.setInt32(at + 24, record.headers ? headerCount(record.headers) : -1, true);
		at += RECORD_HEAD;
		if (record.key) writeBytes(record.key);
		if (record.value) writeBytes(record.value);
		if (!record.headers) continue;
		for (const name in record.headers) {
			const value = record.headers[name];
			const nameLength = bytes.write(name, at + 4);
			view.setUint32(at, nameLength, true);
			at += 4 + nameLength;
			view.setInt32(at, value === undefined ? -1 : Array.isArray(value) ? value.length : 0, true);
			at += 4;
			if (value === undefined) continue;
			for (const item of Array.isArray(value) ? value : [value]) {
				const isString = typeof item === 'string';
				view.setUint8(at, isString ? 1 : 0);
				const length = isString ? bytes.write(item, at + 5) : item.copy(bytes, at + 5);
				view.setUint32(at + 1, length, true);
				at += 5 + length;
			}
		}
	}

	return buffer;
}

/** The records of a packed batch; keys, values and header bytes are views into `buffer`. */
export function unpackRecords(buffer: ArrayBuffer): RawRecord[] {
	const bytes = Buffer.from(buffer);
	const view = new DataView(buffer);
	const count = view.getUint32(0, true);
	const topicLength = view.getUint32(4, true);
	const topic = bytes.toString('utf8', 8, 8 + topicLength);
	let at = 8 + topicLength;
	const partition = view.getInt32(at, true);
	at += 4;

	const takeBytes = (length: number): Buffer => {
		const slice = Buffer.from(buffer, at, length);
		at += length;
		return slice;
	};
	const takeValue = (): HeaderValue => {
		const isString = view.getUint8(at) === 1;
		const length = view.getUint32(at + 1, true);
		at += 5;
		if (!isString) return takeBytes(length);
		const text = bytes.toString('utf8', at, at + length);
		at += length;
		return text;
	};

	const records: RawRecord[] = new Array(count);
	for (let index = 0; index < count; index++) {
		const offset = view.getFloat64(at, true);
		const timestamp = view.getFloat64(at + 8, true);
		const keyLength = view.getInt32(at + 16, true);
		const valueLength = view.getInt32(at + 20, true);
		const headers = view.getInt32(at + 24, true);
		at += RECORD_HEAD;
		const key = keyLength < 0 ? null : takeBytes(keyLength);
		const value = valueLength < 0 ? null : takeBytes(valueLength);
		let headerObject: RawRecord['headers'];
		if (headers >= 0) {
			// No prototype: a header named `__proto__` stays a header.
			headerObject = Object.create(null) as NonNullable<RawRecord['headers']>;
			for (let header = 0; header < headers; header++) {
				const nameLength = view.getUint32(at, true);
				const name = bytes.toString('utf8', at + 4, at + 4 + nameLength);
				at += 4 + nameLength;
				const values = view.getInt32(at, true);
				at += 4;
				if (values < 0) headerObject[name] = undefined;
				else if (values === 0) headerObject[name] = takeValue();
				else headerObject[name] = Array.from({length: values}, takeValue);
			}
		}

		records[index] = {topic, partition, offset, timestamp, key, value, headers: headerObject};
	}

	return records;
}
