/**
 * A partition's record set from a Fetch response (v2 record batches, magic 2) decoded straight
 * into `RawRecord`s: numbers for offsets and timestamps, views for keys and values.
 *
 * Why not kafkajs' decoder: it does Long arithmetic and `toString()` for every offset and
 * timestamp, its `Batch` compares Longs per message, and we turned the strings back into
 * numbers; that was about half of the stream worker's time on an uncompressed topic.
 *
 * The rules are the Java consumer's (CompletedFetch.nextFetchedRecord), checked against kafkajs'
 * `Batch` by test/unit/kafka/direct/record-batches-vs-kafkajs.test.ts:
 * - only whole batches: a batch cut off at the end (the fetch's maxBytes) is left for the next
 *   fetch; records below the fetch offset (inside a batch that starts earlier) are dropped;
 * - control batches (attributes bit 5) give no records; an ABORT marker ends its producer's
 *   aborted transaction;
 * - READ_COMMITTED: a producer's transaction listed as aborted starts at its first offset;
 *   from there its transactional batches (bit 4) are dropped until its ABORT marker;
 * - the next position is past the last whole batch (base offset + last offset delta + 1), so a
 *   batch of only markers, aborted or compacted-away records still moves it.
 *
 * int64 fields (offsets, timestamps) are read as Numbers: exact up to 2^53, far beyond any real
 * offset or millisecond time. Producer ids are compared as BigInts (once per batch).
 *
 * A compressed batch goes through `decompress` (the registered codecs, which turn bytes they
 * cannot decode into marker records: codecs/undecodable-batch.ts). A batch whose records do not
 * parse becomes such markers here too, so one bad batch is one line and the position moves past
 * it; this never throws for any bytes.
 */
import type {RawRecord} from '../../record/log-record.js';
import {errorMessage} from '../../shared/error-message.js';
import {markerRecords} from '../codecs/undecodable-batch.js';

/** An aborted transaction of the Fetch response. */
export type AbortedTransaction = {producerId: bigint; firstOffset: number};

/** Decompress a batch's records (`codec`: attributes & 7); may return marker records instead. */
export type Decompress = (codec: number, compressed: Buffer) => Buffer | Promise<Buffer>;

export type DecodedRecordSet =
	| {
			kind: 'records';
			/** Records to show, in offset order. */
			records: RawRecord[];
			/** Past the last whole batch; undefined when no whole batch came (nothing moves). */
			nextOffset: number | undefined;
			/**
			 * No whole batch came, and the first is cut off: its size in bytes, the least the next
			 * fetch of this partition must allow to bring it (KIP-74 sends an oversized batch whole
			 * only to the first partition of a response).
			 */
			firstBatchBytes?: number;
	  }
	/** The set starts with a magic 0/1 message set: kafkajs' own decoder reads it. */
	| {kind: 'legacy'}
	/** Bytes that are no record batch at all (the next one cannot be found); nothing moves. */
	| {kind: 'corrupt'; reason: string};

/** Bytes of a v2 batch header up to and including its record count. */
const HEADER_BYTES = 61;
/** Bytes counted by the length field that are header (everything after the length field). */
const LENGTH_OVERHEAD = 49;
const TIMESTAMP_TYPE_FLAG = 0x08;
const TRANSACTIONAL_FLAG = 0x10;
const CONTROL_FLAG = 0x20;
const TWO_32 = 2 ** 32;
const NO_HEADERS: NonNullable<RawRecord['headers']> = Object.freeze({});

/** Codec names by attributes & 7, for a batch's line when its codec throws. */
const CODEC_NAMES = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];
const codecName = (codec: number) => CODEC_NAMES[codec] ?? `codec ${codec}`;

const int64 = (bytes: Buffer, at: number) => bytes.readInt32BE(at) * TWO_32 + bytes.readUInt32BE(at + 4);

/** Where the record loop is and what it found wrong; one per call, reused across batches. */
type Cursor = {at: number; end: number; error: string | undefined};

/** A zig-zag varint (int32) at `cursor.at`. */
function varint(bytes: Buffer, cursor: Cursor): number {
	let at = cursor.at;
	let byte = bytes[at++]!;
	if (byte < 0x80) {
		cursor.at = at;
		return (byte >>> 1) ^ -(byte & 1);
	}
	let raw = byte & 0x7f;
	let shift = 7;
	do {
		if (at >= cursor.end || shift > 28) {
			cursor.error = 'a varint runs past its record';
			cursor.at = cursor.end;
			return 0;
		}
		byte = bytes[at++]!;
		raw |= (byte & 0x7f) << shift;
		shift += 7;
	} while (byte >= 0x80);
	cursor.at = at;
	return (raw >>> 1) ^ -(raw & 1);
}

/** A zig-zag varlong as a Number (exact up to 2^53). */
function varlong(bytes: Buffer, cursor: Cursor): number {
	let at = cursor.at;
	let byte = bytes[at++]!;
	if (byte < 0x80) {
		cursor.at = at;
		return (byte >>> 1) ^ -(byte & 1);
	}
	let raw = byte & 0x7f;
	let scale = 0x80;
	do {
		if (at >= cursor.end || scale > 2 ** 63) {
			cursor.error = 'a varlong runs past its record';
			cursor.at = cursor.end;
			return 0;
		}
		byte = bytes[at++]!;
		raw += (byte & 0x7f) * scale;
		scale *= 0x80;
	} while (byte >= 0x80);
	cursor.at = at;
	return raw % 2 === 1 ? -(raw + 1) / 2 : raw / 2;
}

/** A length-prefixed byte field (null for -1) as a view of `bytes`. */
function varBytes(bytes: Buffer, cursor: Cursor): Buffer | null {
	const length = varint(bytes, cursor);
	if (length === -1) return null;
	const start = cursor.at;
	if (length < -1 || start + length > cursor.end) {
		cursor.error = 'a field runs past its record';
		cursor.at = cursor.end;
		return null;
	}
	cursor.at = start + length;
	return bytes.subarray(start, start + length);
}

/** A record's headers as kafkajs gives them: repeated keys hold an array of values, in order. */
function readHeaders(bytes: Buffer, cursor: Cursor, count: number): NonNullable<RawRecord['headers']> {
	const headers: Record<string, Buffer | Array<Buffer | null> | null> = {};
	for (let index = 0; index < count && cursor.error === undefined; index++) {
		const keyBytes = varBytes(bytes, cursor);
		const key = String(keyBytes === null ? null : keyBytes.toString('utf8'));
		const value = varBytes(bytes, cursor);
		const before = Object.hasOwn(headers, key) ? headers[key] : undefined;
		const next = before === undefined ? value : Array.isArray(before) ? [...before, value] : [before, value];
		// A key named __proto__ stays a plain own property, as kafkajs' object spread makes it.
		if (key === '__proto__')
			Object.defineProperty(headers, key, {
				value: next,
				enumerable: true,
				writable: true,
				configurable: true,
			});
		else headers[key] = next;
	}
	return headers as NonNullable<RawRecord['headers']>;
}

/** The fields of one batch that its records need. */
type BatchContext = {
	topic: string;
	partition: number;
	baseOffset: number;
	/** Offsets rise within a batch, up to this one (its last offset delta). */
	lastOffset: number;
	firstTimestamp: number;
	/** LogAppendTime: every record's timestamp is the batch's max timestamp. */
	logAppendTime: number | undefined;
	/** Records below it are dropped. */
	fetchOffset: number;
};

/**
 * `count` records from `bytes[cursor.at, cursor.end)` appended to `out`. False (with
 * `cursor.error`) when they do not parse; `out` is then as it was.
 */
function readRecords(
	bytes: Buffer,
	cursor: Cursor,
	count: number,
	batch: BatchContext,
	out: RawRecord[],
): boolean {
	const kept = out.length;
	const {topic, partition, baseOffset, lastOffset, firstTimestamp, logAppendTime, fetchOffset} = batch;
	const end = cursor.end;
	let previous = baseOffset - 1;
	for (let index = 0; index < count; index++) {
		const length = varint(bytes, cursor);
		const recordEnd = cursor.at + length;
		if (cursor.error !== undefined || length < 1 || recordEnd > end) {
			cursor.error ??= `record ${index} of ${count} has length ${length}, past the batch's end`;
			out.length = kept;
			return false;
		}
		cursor.end = recordEnd;
		cursor.at += 1; // attributes: unused
		const timestampDelta = varlong(bytes, cursor);
		const offset = baseOffset + varint(bytes, cursor);
		const key = varBytes(bytes, cursor);
		const value = varBytes(bytes, cursor);
		const headerCount = varint(bytes, cursor);
		const headers = headerCount <= 0 ? NO_HEADERS : readHeaders(bytes, cursor, headerCount);
		if (
			cursor.error !== undefined ||
			cursor.at > recordEnd ||
			headerCount < -1 ||
			offset <= previous ||
			offset > lastOffset
		) {
			cursor.error ??= `record ${index} of ${count} does not parse`;
			out.length = kept;
			return false;
		}
		cursor.at = recordEnd;
		cursor.end = end;
		previous = offset;
		if (offset < fetchOffset) continue;
		out.push({
			topic,
			partition,
			offset,
			timestamp: logAppendTime ?? firstTimestamp + timestampDelta,
			key,
			value,
			headers,
		});
	}
	if (cursor.at !== end) {
		cursor.error = `${end - cursor.at} bytes after the batch's ${count} records`;
		out.length = kept;
		return false;
	}
	return true;
}

/** True when `records` (a control batch's) start with an ABORT marker: key version int16, type 0. */
function startsWithAbort(records: RawRecord[]): boolean {
	const key = records[0]?.key;
	return key !== null && key !== undefined && key.length >= 4 && key.readInt16BE(2) === 0;
}

/** Aborted transactions by first offset, and the producers whose aborted transaction we are inside. */
type AbortState = {pending: AbortedTransaction[]; next: number; inside: Set<bigint>};

/** Decode a partition's record set (see the top of this file). */
export async function decodeRecordSet(
	topic: string,
	partition: number,
	bytes: Buffer,
	fetchOffset: number,
	abortedTransactions: readonly AbortedTransaction[] | undefined,
	decompress: Decompress,
): Promise<DecodedRecordSet> {
	const records: RawRecord[] = [];
	const aborts: AbortState = {
		pending: [...(abortedTransactions ?? [])].sort((a, b) => a.firstOffset - b.firstOffset),
		next: 0,
		inside: new Set(),
	};
	const cursor: Cursor = {at: 0, end: 0, error: undefined};
	let nextOffset: number | undefined;
	let at = 0;
	while (at + 17 <= bytes.length) {
		const length = bytes.readInt32BE(at + 8);
		const magic = bytes.readInt8(at + 16);
		if (magic === 0 || magic === 1) {
			// Old message sets are kafkajs' to read; after batches, they wait for the next fetch.
			if (at === 0) return {kind: 'legacy'};
			break;
		}
		if (magic !== 2 || length < LENGTH_OVERHEAD) {
			if (records.length > 0 || nextOffset !== undefined) break;
			return {kind: 'corrupt', reason: `a record batch of ${length} bytes, magic ${magic}, at byte ${at}`};
		}
		const end = at + 12 + length;
		// Cut off by the fetch's size limit: the next fetch brings it whole.
		if (end > bytes.length) {
			if (at === 0) return {kind: 'records', records, nextOffset, firstBatchBytes: end};
			break;
		}
		const baseOffset = int64(bytes, at);
		const lastOffsetDelta = bytes.readInt32BE(at + 23);
		const lastOffset = baseOffset + lastOffsetDelta;
		// Offsets only rise, and stay exact as Numbers; anything else is damage, not a batch.
		if (baseOffset < (nextOffset ?? 0) || lastOffsetDelta < 0 || lastOffset > Number.MAX_SAFE_INTEGER) {
			if (records.length > 0 || nextOffset !== undefined) break;
			return {
				kind: 'corrupt',
				reason: `a record batch at byte ${at} claims offsets ${baseOffset}-${lastOffset}`,
			};
		}
		const batchStart = at;
		at = end;
		const attributes = bytes.readInt16BE(batchStart + 21);
		if (lastOffset + 1 > (nextOffset ?? fetchOffset)) nextOffset = lastOffset + 1;
		// The whole batch lies below the fetch offset: nothing of it to show, nor to learn.
		if (lastOffset < fetchOffset && (attributes & CONTROL_FLAG) === 0) continue;
		const producerId = bytes.readBigInt64BE(batchStart + 43);
		const transactional = (attributes & TRANSACTIONAL_FLAG) !== 0;
		const control = (attributes & CONTROL_FLAG) !== 0;
		if (producerId >= 0n && aborts.pending.length > 0) {
			while (aborts.next < aborts.pending.length && aborts.pending[aborts.next]!.firstOffset <= lastOffset) {
				aborts.inside.add(aborts.pending[aborts.next++]!.producerId);
			}
		}
		if (!control && transactional && aborts.inside.has(producerId)) continue;
		const batch: BatchContext = {
			topic,
			partition,
			baseOffset,
			lastOffset,
			firstTimestamp: int64(bytes, batchStart + 27),
			logAppendTime: attributes & TIMESTAMP_TYPE_FLAG ? int64(bytes, batchStart + 35) : undefined,
			fetchOffset: control ? Number.NEGATIVE_INFINITY : fetchOffset,
		};
		const count = bytes.readInt32BE(batchStart + 57);
		const codec = attributes & 7;
		const target = control ? [] : records;
		cursor.error = undefined;
		if (codec === 0) {
			cursor.at = batchStart + HEADER_BYTES;
			cursor.end = end;
			if (count > 0 && !readRecords(bytes, cursor, count, batch, target)) {
				markBatch(bytes, batchStart, 'none', cursor.error ?? 'records do not parse', batch, target);
			}
		} else if (count > 0) {
			let decompressed: Buffer;
			try {
				decompressed = await decompress(codec, bytes.subarray(batchStart + HEADER_BYTES, end));
			} catch (error) {
				markBatch(bytes, batchStart, codecName(codec), errorMessage(error), batch, target);
				continue;
			}
			cursor.at = 0;
			cursor.end = decompressed.length;
			if (!readRecords(decompressed, cursor, count, batch, target)) {
				markBatch(bytes, batchStart, codecName(codec), cursor.error ?? 'records do not parse', batch, target);
			}
		}
		if (control && startsWithAbort(target)) aborts.inside.delete(producerId);
	}
	return {kind: 'records', records, nextOffset};
}

/** The marker records of a batch that cannot be read (one line, and past it). */
function markBatch(
	bytes: Buffer,
	batchStart: number,
	codec: string,
	reason: string,
	batch: BatchContext,
	out: RawRecord[],
): void {
	const lastOffsetDelta = bytes.readInt32BE(batchStart + 23);
	const stated = bytes.readInt32BE(batchStart + 57);
	const count = Math.max(1, Math.min(stated, lastOffsetDelta + 1));
	const markers = markerRecords(
		{firstOffset: bytes.readBigInt64BE(batchStart), lastOffsetDelta, count},
		codec,
		reason,
	);
	const cursor: Cursor = {at: 0, end: markers.length, error: undefined};
	readRecords(markers, cursor, count, batch, out);
}
