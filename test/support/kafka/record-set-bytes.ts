import {createRequire} from 'node:module';
import '../../../source/kafka/codecs/index.js';
import {toRawRecords} from '../../../source/kafka/log-stream/kafka-records.js';
import type {RawRecord} from '../../../source/record/log-record.js';

/**
 * Record sets as a Fetch response carries them, made with kafkajs' own encoders (v2 record
 * batches, magic 1 message sets), and kafkajs' reading of them: its fetch v4+ `decodeMessages`
 * and consumer `Batch`, as the direct path read them before record-batches.ts, the reference
 * the differential tests compare ours with.
 */

const require = createRequire(import.meta.url);
const {RecordBatch} = require('kafkajs/src/protocol/recordBatch/v0/index.js');
const Record = require('kafkajs/src/protocol/recordBatch/record/v0/index.js');
const MessageSet = require('kafkajs/src/protocol/messageSet/index.js');
const Decoder = require('kafkajs/src/protocol/decoder.js');
const decodeMessages = require('kafkajs/src/protocol/requests/fetch/v4/decodeMessages.js');
const Batch = require('kafkajs/src/consumer/batch.js');
const {CompressionCodecs} = require('kafkajs');

export const CODEC = {none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4} as const;

export type TestRecord = {
	offsetDelta: number;
	timestampDelta?: number;
	key?: Buffer | null;
	value?: Buffer | null;
	/** kafkajs' shape: a repeated key holds an array. */
	headers?: Record<string, Buffer | Buffer[]>;
};

export type TestBatch = {
	firstOffset: number;
	records: TestRecord[];
	codec?: number;
	transactional?: boolean;
	producerId?: number;
	/** A control batch: one marker record, ABORT or COMMIT. */
	control?: 'abort' | 'commit';
	firstTimestamp?: number;
	maxTimestamp?: number;
	logAppendTime?: boolean;
	/** Last offset delta if not the last record's (records compacted away at the batch's end). */
	lastOffsetDelta?: number;
};

/** One v2 record batch's bytes. */
export async function batchBytes(batch: TestBatch): Promise<Buffer> {
	const records =
		batch.control === undefined
			? batch.records
			: [
					{
						offsetDelta: 0,
						key: Buffer.from([0, 0, 0, batch.control === 'abort' ? 0 : 1]),
						value: Buffer.from([0, 0, 0, 0, 0, 0]),
					},
				];
	const encoder = await RecordBatch({
		compression: batch.codec ?? CODEC.none,
		firstOffset: String(batch.firstOffset),
		firstTimestamp: batch.firstTimestamp ?? 1_700_000_000_000,
		maxTimestamp: batch.maxTimestamp ?? 1_700_000_000_999,
		lastOffsetDelta: batch.lastOffsetDelta ?? Math.max(0, ...records.map((each) => each.offsetDelta)),
		transactional: batch.transactional ?? batch.control !== undefined,
		producerId: String(batch.producerId ?? -1),
		records: records.map((each) => Record(each)),
	});
	const bytes = Buffer.from(encoder.buffer);
	let attributes = bytes.readInt16BE(21);
	if (batch.control) attributes |= 0x20;
	if (batch.logAppendTime) attributes |= 0x08;
	bytes.writeInt16BE(attributes, 21);
	return bytes;
}

/** Batches one after another, as in a record set. */
export async function recordSet(batches: TestBatch[]): Promise<Buffer> {
	return Buffer.concat(await Promise.all(batches.map(batchBytes)));
}

/** A magic 1 message set (uncompressed) of `values`, at offsets `firstOffset`.... */
export function legacyMessageSet(firstOffset: number, values: string[]): Buffer {
	const bytes = Buffer.from(
		MessageSet({
			messageVersion: 1,
			compression: 0,
			entries: values.map((value, index) => ({key: null, value, timestamp: 1_700_000_000_000 + index})),
		}).buffer,
	);
	for (let at = 0, index = 0; at < bytes.length; index++) {
		bytes.writeBigInt64BE(BigInt(firstOffset + index), at);
		at += 12 + bytes.readInt32BE(at + 8);
	}
	return bytes;
}

export type Aborted = {producerId: number; firstOffset: number};

/** What the direct path made of a record set with kafkajs: records and the next position. */
export async function kafkajsReading(
	bytes: Buffer,
	fetchOffset: number,
	aborted: Aborted[] = [],
): Promise<{records: RawRecord[]; nextOffset: number | undefined}> {
	const framed = Buffer.alloc(bytes.length + 4);
	framed.writeInt32BE(bytes.length, 0);
	bytes.copy(framed, 4);
	const messages = await decodeMessages(new Decoder(framed));
	const batch = new Batch('t', String(fetchOffset), {
		partition: 0,
		highWatermark: '1000000',
		abortedTransactions: aborted.map((each) => ({
			producerId: String(each.producerId),
			firstOffset: String(each.firstOffset),
		})),
		messages,
	});
	// The rule of partition-reader.ts's toFetched before our decoder.
	const moves = !batch.isEmpty() || batch.isEmptyDueToFiltering();
	return {
		records: toRawRecords('t', 0, batch.messages),
		nextOffset: moves ? Number(batch.lastOffset()) + 1 : undefined,
	};
}

/** The registered codecs as the direct path calls them. */
export const registeredDecompress = (codec: number, compressed: Buffer): Promise<Buffer> =>
	CompressionCodecs[codec]().decompress(compressed);
