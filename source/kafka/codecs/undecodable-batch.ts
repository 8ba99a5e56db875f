import {randomUUID} from 'node:crypto';

/**
 * What happens to a compressed batch that cannot be decompressed.
 *
 * kafkajs decodes a whole fetch response at once; one batch that throws fails the fetch, and
 * the consumer crashes and restarts on the same offset forever. So a codec never throws for
 * bad bytes: it returns, instead of the batch's records, `count` marker records in Kafka's
 * record format, which kafkajs decodes like any others. They carry the batch's offsets (the
 * last one exactly the batch's last offset, so kafkajs' next fetch starts after the batch)
 * and a header only this process can write (a random token), which the log stream turns
 * into one error line.
 *
 * kafkajs passes the codec a view of the compressed records inside the fetch response
 * (recordBatch/v0/decoder.js: `recordsDecoder.readAll()`), so the batch header lies in the
 * 61 bytes before it in the same memory. It is read only when it checks out: the length
 * field equals 49 + the compressed length, magic 2, the codec bits match, and the record
 * count fits the offset range.
 */

/** Bytes of a v2 record batch header, from firstOffset through the record count. */
const HEADER_BYTES = 61;
/** Bytes of the header counted by its length field (after firstOffset and length), before the records. */
const LENGTH_OVERHEAD = 49;

/** Header key of a marker record. */
export const UNDECODABLE_HEADER = 'klog-tui-undecodable-batch';
/** Proves a marker was made here, not sent by a producer that copied the header name. */
const TOKEN = randomUUID();

/**
 * Markers made in this thread so far. kafkajs and its codecs run in one thread (the TOKEN is
 * per thread too), so while this is 0 no record there can be a marker and the per-record
 * header scan is skipped: it cost every record of every batch, for a case that is rare.
 */
let markersMade = 0;

/** True once this thread turned an undecodable batch into markers. */
export const anyMarkerMade = (): boolean => markersMade > 0;

/** A batch that could not be decoded: where it is and why. */
export type UndecodableBatch = {
	codec: string;
	reason: string;
	/** Offsets of the batch, first and last (inclusive). */
	firstOffset: number;
	lastOffset: number;
	/** Records the batch holds. */
	count: number;
};

/** The fields of a v2 batch header a marker needs. */
export type BatchHeader = {firstOffset: bigint; lastOffsetDelta: number; count: number};

/**
 * The header of the batch whose compressed records `compressed` is a view of, when it
 * checks out (see above); `codecType` is the codec bits of the batch's attributes.
 */
export function readBatchHeader(compressed: Uint8Array, codecType: number): BatchHeader | undefined {
	if (compressed.byteOffset < HEADER_BYTES) return undefined;
	const header = Buffer.from(compressed.buffer, compressed.byteOffset - HEADER_BYTES, HEADER_BYTES);
	const length = header.readInt32BE(8);
	const magic = header.readInt8(16);
	const attributes = header.readInt16BE(21);
	const lastOffsetDelta = header.readInt32BE(23);
	const count = header.readInt32BE(57);
	const fits = count > 0 && lastOffsetDelta >= 0 && count <= lastOffsetDelta + 1;
	if (
		length !== LENGTH_OVERHEAD + compressed.length ||
		magic !== 2 ||
		(attributes & 7) !== codecType ||
		!fits
	)
		return undefined;
	return {firstOffset: header.readBigInt64BE(0), lastOffsetDelta, count};
}

/**
 * True when `records` holds exactly `count` length-prefixed records, as a batch's
 * decompressed records must: a decompressor that returned garbage fails this, instead of
 * failing kafkajs' decoding of the whole fetch.
 */
export function holdsRecords(records: Uint8Array, count: number): boolean {
	let index = 0;
	for (let record = 0; record < count; record++) {
		let raw = 0;
		let shift = 0;
		for (;;) {
			if (index >= records.length || shift > 28) return false;
			const byte = records[index++]!;
			raw |= (byte & 0x7f) << shift;
			shift += 7;
			if ((byte & 0x80) === 0) break;
		}
		const length = (raw >>> 1) ^ -(raw & 1);
		if (length < 0 || index + length > records.length) return false;
		index += length;
	}
	return index === records.length;
}

/** Kafka's zigzag varint of a 32-bit integer. */
function varint(value: number): number[] {
	let zigzag = ((value << 1) ^ (value >> 31)) >>> 0;
	const bytes: number[] = [];
	while (zigzag >= 0x80) {
		bytes.push((zigzag & 0x7f) | 0x80);
		zigzag >>>= 7;
	}
	bytes.push(zigzag);
	return bytes;
}

/** Longest reason kept in a marker, in characters. */
const MAX_REASON = 200;

/**
 * The records kafkajs gets instead of an undecodable batch's: `count` markers with offset
 * deltas 0, 1, ... and the last at `lastOffsetDelta`, no key, no value, one header.
 */
export function markerRecords(header: BatchHeader, codec: string, reason: string): Buffer {
	const firstOffset = Number(header.firstOffset);
	const info: UndecodableBatch = {
		codec,
		reason: reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON - 1)}…` : reason,
		firstOffset,
		lastOffset: firstOffset + header.lastOffsetDelta,
		count: header.count,
	};
	markersMade++;
	const key = Buffer.from(UNDECODABLE_HEADER);
	const value = Buffer.from(`${TOKEN}${JSON.stringify(info)}`);
	const parts: Buffer[] = [];
	for (let index = 0; index < header.count; index++) {
		const delta = index === header.count - 1 ? header.lastOffsetDelta : index;
		// attributes, timestamp delta 0, offset delta, null key, null value, one header
		const head = [0, 0, ...varint(delta), ...varint(-1), ...varint(-1), ...varint(1), ...varint(key.length)];
		const body = Buffer.concat([Buffer.from(head), key, Buffer.from(varint(value.length)), value]);
		parts.push(Buffer.from(varint(body.length)), body);
	}
	return Buffer.concat(parts);
}

/** The batch a record stands for when it is one of our markers, else undefined. */
export function undecodableBatchOf(
	headers: Record<string, Buffer | string | Array<Buffer | string> | undefined> | undefined,
): UndecodableBatch | undefined {
	const value = headers?.[UNDECODABLE_HEADER];
	if (value === undefined || Array.isArray(value)) return undefined;
	const text = value.toString();
	if (!text.startsWith(TOKEN)) return undefined;
	try {
		return JSON.parse(text.slice(TOKEN.length)) as UndecodableBatch;
	} catch {
		return undefined;
	}
}

/** One line about a skipped batch (the reason is one line already; the caller sanitises for a terminal). */
export function describeUndecodable(topic: string, partition: number, batch: UndecodableBatch): string {
	const offsets =
		batch.firstOffset === batch.lastOffset
			? `offset ${batch.firstOffset}`
			: `offsets ${batch.firstOffset}-${batch.lastOffset}`;
	const records = batch.count === 1 ? '1 record' : `${batch.count} records`;
	// Partition and offsets first: a TUI row is cut at the terminal's width.
	return `${UNDECODABLE_PREFIX} skipped: partition ${partition}, ${offsets} of topic '${topic}' (${records}, ${batch.codec}): ${batch.reason}`;
}

/** How every line about a skipped batch starts (plain mode counts them for its exit code). */
export const UNDECODABLE_PREFIX = 'undecodable batch';
