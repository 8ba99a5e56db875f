import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Damage a record batch where the broker keeps it, for the undecodable-batch tests: a broker
 * refuses bad batches from producers (it decompresses every batch it is sent) but serves its
 * segment files' bytes as they are, as after a disk fault or from a broken producer library.
 */

/**
 * The first segment file of a partition of the suite's broker. The global setup does not
 * hand tests its data directory, but it is a `klog-kafka-*` directory in the temp
 * directory, and the topic's name is unique.
 */
export function segmentFile(topic: string, partition: number): string {
	const candidates = fs
		.readdirSync(os.tmpdir())
		.filter((name) => name.startsWith('klog-kafka-'))
		.map((name) =>
			path.join(os.tmpdir(), name, 'node-0', 'data', `${topic}-${partition}`, '00000000000000000000.log'),
		)
		.filter((file) => fs.existsSync(file));
	if (candidates.length !== 1)
		throw new Error(`${candidates.length} segment files for ${topic}-${partition}`);
	return candidates[0]!;
}

export type StoredBatch = {firstOffset: number; start: number; length: number};

/** The batches in a segment file: first offset, where the batch starts and its length field. */
export function storedBatches(file: string): StoredBatch[] {
	const bytes = fs.readFileSync(file);
	const batches: StoredBatch[] = [];
	for (let start = 0; start + 12 <= bytes.length; ) {
		const length = bytes.readInt32BE(start + 8);
		batches.push({firstOffset: Number(bytes.readBigInt64BE(start)), start, length});
		start += 12 + length;
	}
	return batches;
}

/** Change bytes of the file in place (the broker serves them as they are). */
function patch(file: string, position: number, bytes: Buffer): void {
	const fd = fs.openSync(file, 'r+');
	try {
		fs.writeSync(fd, bytes, 0, bytes.length, position);
	} finally {
		fs.closeSync(fd);
	}
}

/** 61 bytes of header before a v2 batch's records. */
const RECORDS_AT = 61;

/** Overwrite 16 bytes in the middle of a batch's compressed records. */
export function corruptRecords(file: string, batch: StoredBatch): void {
	const compressed = batch.length - 49;
	patch(file, batch.start + RECORDS_AT + Math.floor(compressed / 2), Buffer.alloc(16, 0x5a));
}

/** Set a batch's codec bits (attributes, byte 21) to `codec`. */
export function setCodec(file: string, batch: StoredBatch, codec: number): void {
	const attributes = fs.readFileSync(file).readInt16BE(batch.start + 21);
	const bytes = Buffer.alloc(2);
	bytes.writeInt16BE((attributes & ~7) | codec);
	patch(file, batch.start + 21, bytes);
}

/** Set a batch's record count (bytes 57-60) to `count`: more records than the batch holds. */
export function setRecordCount(file: string, batch: StoredBatch, count: number): void {
	const bytes = Buffer.alloc(4);
	bytes.writeInt32BE(count);
	patch(file, batch.start + 57, bytes);
}

/** Set a batch's magic byte (byte 16): no record batch format at all for values other than 0-2. */
export function setMagic(file: string, batch: StoredBatch, magic: number): void {
	patch(file, batch.start + 16, Buffer.from([magic]));
}
