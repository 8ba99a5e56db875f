import {createRequire} from 'node:module';
import {decompress as fzstdDecompress} from 'fzstd';
import {describe, expect, it} from 'vitest';
import {registerCodecs, UndecodableBatchError} from '../../../../source/kafka/codecs/index.js';
import {compressLz4Frame, decompressLz4Frame} from '../../../../source/kafka/codecs/lz4-frame.js';
import {compressSnappy, decompressSnappy} from '../../../../source/kafka/codecs/snappy.js';
import {takeUndecodable} from '../../../../source/kafka/codecs/undecodable-records.js';
import {compressZstd, decompressZstd, statedContentSize} from '../../../../source/kafka/codecs/zstd.js';
import {describeKafkaError, isFatalKafkaError} from '../../../../source/kafka/error-reason.js';
import type {RawRecord} from '../../../../source/record/log-record.js';
import {CODECS, fixtureLines, PRODUCERS, readBatches} from '../../../support/kafka/compressed-batches.js';

// kafkajs' own decoding of a fetch response's records, the code a consumer runs.
const require = createRequire(import.meta.url);
const Decoder = require('kafkajs/src/protocol/decoder.js');
const decodeMessages = require('kafkajs/src/protocol/requests/fetch/v4/decodeMessages.js');
const {RecordBatch} = require('kafkajs/src/protocol/recordBatch/v0/index.js');
const Record = require('kafkajs/src/protocol/recordBatch/record/v0/index.js');
const Encoder = require('kafkajs/src/protocol/encoder.js');

registerCodecs();

type DecodedMessage = {offset: string; value: Buffer | null; headers: RawRecord['headers']};

/** Decode batches as kafkajs decodes a partition's records in a fetch response. */
async function decode(batches: Buffer): Promise<DecodedMessage[]> {
	// A fresh (unpooled) buffer with the size prefix, as the response's partition data is.
	const response = Buffer.alloc(batches.length + 4);
	response.writeInt32BE(batches.length, 0);
	batches.copy(response, 4);
	return decodeMessages(new Decoder(response));
}

function asRaw(messages: DecodedMessage[]): RawRecord[] {
	return messages.map((message) => ({
		topic: 'logs',
		partition: 0,
		offset: Number(message.offset),
		timestamp: 0,
		key: null,
		value: message.value,
		headers: message.headers,
	}));
}

/** A copy of the (single) stored batch with its first offset moved, as the next batch of a partition. */
function movedBatch(batch: Buffer, firstOffset: bigint): Buffer {
	const copy = Buffer.from(batch);
	copy.writeBigInt64BE(firstOffset, 0);
	return copy;
}

/** Byte 61 on: the compressed records (after the 61-byte v2 batch header). */
const RECORDS_AT = 61;

describe('codecs: batches written by real producers, decoded by kafkajs', () => {
	for (const producer of PRODUCERS) {
		for (const codec of CODECS) {
			it(`${producer} ${codec}: every record, values intact`, async () => {
				const batches = readBatches(producer, codec);
				// The codec bits of the stored batch say what the producer used.
				expect(batches.readInt16BE(21) & 7).toBe(CODECS.indexOf(codec) + 1);
				const messages = await decode(batches);
				expect(messages.map((message) => message.offset)).toEqual(
					Array.from({length: 20}, (_, i) => String(i)),
				);
				expect(messages.map((message) => message.value?.toString())).toEqual(fixtureLines(producer, codec));
			});
		}
	}

	it('Java writes xerial-framed snappy and kcat raw snappy; both read', () => {
		const java = readBatches('java', 'snappy').subarray(RECORDS_AT);
		const kcat = readBatches('kcat', 'snappy').subarray(RECORDS_AT);
		expect(java.subarray(0, 8).toString('latin1')).toBe('\x82SNAPPY\x00');
		expect(kcat.subarray(0, 8).toString('latin1')).not.toBe('\x82SNAPPY\x00');
		expect(decompressSnappy(java).length).toBeGreaterThan(0);
		expect(decompressSnappy(kcat).length).toBeGreaterThan(0);
	});
});

describe('codecs: what klog-tui writes, kafkajs reads back', () => {
	for (const [type, codec] of CODECS.entries()) {
		it(`${codec}: a batch of 300 records round-trips through kafkajs' encoder and decoder`, async () => {
			const values = fixtureLines('klog-tui', codec, 300);
			const records = values.map((value, offsetDelta) =>
				Record({offsetDelta, timestampDelta: 0, key: null, value: Buffer.from(value)}),
			);
			const batch = await RecordBatch({compression: type + 1, firstOffset: '100', records});
			const encoded: Buffer = (batch as typeof Encoder.prototype).buffer;
			expect(encoded.readInt16BE(21) & 7).toBe(type + 1);
			const messages = await decode(encoded);
			expect(messages.map((message) => message.value?.toString())).toEqual(values);
			expect(messages.at(-1)?.offset).toBe('399');
		});
	}

	it('lz4 frames are as Kafka requires: independent blocks, header checksum; large input spans blocks', () => {
		const input = Buffer.from(fixtureLines('big', 'lz4', 5000).join('\n'));
		const frame = compressLz4Frame(input);
		expect(frame[4]! & 0x20).toBe(0x20);
		expect(decompressLz4Frame(frame).equals(input)).toBe(true);
	});

	it('snappy and zstd round-trip large input', async () => {
		const input = Buffer.from(fixtureLines('big', 'x', 5000).join('\n'));
		expect(decompressSnappy(compressSnappy(input)).equals(input)).toBe(true);
		expect((await decompressZstd(await compressZstd(input))).equals(input)).toBe(true);
	});
});

/**
 * A zstd frame with no content size (as Java's zstd-jni writes them) of `blocks` RLE blocks of
 * 128 KB of `byte` each: a huge ratio, so the first guess at the output's room is short.
 */
function rleFrameWithoutSize(blocks: number, byte: number): Buffer {
	const BLOCK = 128 * 1024;
	// magic; descriptor: no content size, not single segment; window 2^17
	const parts = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, (17 - 10) << 3])];
	for (let index = 0; index < blocks; index++) {
		const last = index === blocks - 1 ? 1 : 0;
		// block header: last bit, type 1 (RLE), size; then the byte
		const header = (BLOCK << 3) | (1 << 1) | last;
		parts.push(Buffer.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff, byte]));
	}
	return Buffer.concat(parts);
}

describe('codecs: zstd frames without a content size', () => {
	it("Java's and kcat's batches read the same as with fzstd's streaming decoder", async () => {
		for (const producer of PRODUCERS) {
			const batches = readBatches(producer, 'zstd');
			const compressed = batches.subarray(RECORDS_AT, 12 + batches.readInt32BE(8));
			if (producer === 'java') expect(statedContentSize(compressed)).toBeUndefined();
			const streamed = Buffer.from(fzstdDecompress(compressed));
			expect((await decompressZstd(compressed)).equals(streamed)).toBe(true);
		}
		const frame = rleFrameWithoutSize(2, 0x61);
		expect(statedContentSize(frame)).toBeUndefined();
		expect((await decompressZstd(frame)).equals(Buffer.alloc(2 * 128 * 1024, 0x61))).toBe(true);
	});

	it('a frame that inflates far past the guessed room is read whole, the next one too', async () => {
		// 8 MB from 38 bytes: the guess (64 KB at first) doubles until it fits.
		const frame = rleFrameWithoutSize(64, 0x62);
		expect((await decompressZstd(frame)).equals(Buffer.alloc(64 * 128 * 1024, 0x62))).toBe(true);
		const small = rleFrameWithoutSize(1, 0x63);
		expect((await decompressZstd(small)).equals(Buffer.alloc(128 * 1024, 0x63))).toBe(true);
	});

	it('past the WebAssembly room limit (16 MB) the streaming decoder reads it', async () => {
		const frame = rleFrameWithoutSize(136, 0x64);
		const out = await decompressZstd(frame);
		expect(out.length).toBe(136 * 128 * 1024);
		expect(out.every((byte) => byte === 0x64)).toBe(true);
	});

	it('a stated content size is read from every header form', async () => {
		const input = Buffer.from(fixtureLines('big', 'x', 50).join('\n'));
		const frame = await compressZstd(input);
		expect(statedContentSize(frame)).toBe(input.length);
	});

	it("a damaged frame gives the streaming decoder's reason", async () => {
		const frame = rleFrameWithoutSize(2, 0x65);
		frame[6] = frame[6]! | 0b110; // the first block's type becomes 3 (reserved)
		await expect(decompressZstd(frame)).rejects.toThrow(/^zstd: /);
	});
});

describe('codecs: a batch that cannot be decoded is skipped as one problem', () => {
	for (const producer of PRODUCERS) {
		for (const codec of CODECS) {
			it(`${producer} ${codec} with corrupt compressed bytes, between two good batches`, async () => {
				const good = readBatches(producer, codec);
				const bad = movedBatch(good, 20n);
				// Overwrite the middle of the compressed records.
				const from = RECORDS_AT + Math.floor((bad.length - RECORDS_AT) / 3);
				bad.fill(0xa5, from, from + 24);
				const messages = await decode(Buffer.concat([good, bad, movedBatch(good, 40n)]));
				// kafkajs got exactly one record per offset: the bad batch's as markers.
				expect(messages.map((message) => Number(message.offset))).toEqual(
					Array.from({length: 60}, (_, i) => i),
				);
				const {records, problems} = takeUndecodable(asRaw(messages), false);
				expect(problems).toHaveLength(1);
				expect(problems[0]).toMatch(
					new RegExp(
						`^undecodable batch skipped: partition 0, offsets 20-39 of topic 'logs' \\(20 records, ${codec}\\): `,
					),
				);
				expect(records.map((record) => record.offset)).toEqual([
					...Array.from({length: 20}, (_, i) => i),
					...Array.from({length: 20}, (_, i) => 40 + i),
				]);
				expect(records.map((record) => record.value?.toString())).toEqual([
					...fixtureLines(producer, codec),
					...fixtureLines(producer, codec),
				]);
			});
		}
	}

	it('an unknown codec (bits 5-7) is skipped, and as one error record for the TUI', async () => {
		const bad = Buffer.from(readBatches('kcat', 'lz4'));
		bad.writeInt16BE((bad.readInt16BE(21) & ~7) | 6, 21);
		const messages = await decode(bad);
		const {records, problems} = takeUndecodable(asRaw(messages), true);
		expect(problems).toEqual([
			"undecodable batch skipped: partition 0, offsets 0-19 of topic 'logs' (20 records, codec 6): unknown compression codec 6",
		]);
		expect(records).toHaveLength(1);
		expect(records[0]!.offset).toBe(19);
		expect(JSON.parse(records[0]!.value!.toString())).toEqual({
			level: 'error',
			service: 'klog-tui',
			message: problems[0],
		});
	});

	it('a fetch that starts inside the bad batch still steps over all of it', async () => {
		const bad = Buffer.from(readBatches('java', 'zstd'));
		bad.fill(0, RECORDS_AT + 10, RECORDS_AT + 30);
		const messages = await decode(bad);
		// kafkajs' Batch drops records before the fetch offset; the last marker is the batch's last offset.
		const fromFetchOffset = messages.filter((message) => Number(message.offset) >= 7);
		expect(fromFetchOffset.at(-1)?.offset).toBe('19');
		expect(takeUndecodable(asRaw(fromFetchOffset), false).problems).toHaveLength(1);
	});

	it("a producer cannot fake a marker: the header needs this process's token", () => {
		const forged: RawRecord = {
			topic: 'logs',
			partition: 0,
			offset: 5,
			timestamp: 0,
			key: null,
			value: Buffer.from('{"message":"real"}'),
			headers: {'klog-tui-undecodable-batch': Buffer.from('{"codec":"lz4","firstOffset":0,"lastOffset":9}')},
		};
		const {records, problems} = takeUndecodable([forged], true);
		expect(problems).toEqual([]);
		expect(records).toEqual([forged]);
	});

	it('bytes whose batch header is not where kafkajs keeps it cannot be skipped: one clear error', async () => {
		const {CompressionCodecs} = require('kafkajs');
		const compressed = Buffer.alloc(40, 7);
		await expect(CompressionCodecs[3]().decompress(compressed)).rejects.toThrow(UndecodableBatchError);
		await expect(CompressionCodecs[3]().decompress(compressed)).rejects.toThrow(
			/a lz4 batch cannot be decoded \(lz4: not an LZ4 frame \(bad magic number\)\) and klog-tui cannot tell its offsets/,
		);
		// The stream stops with that line instead of failing every fetch again (a restart loop).
		const error = await CompressionCodecs[3]()
			.decompress(compressed)
			.catch((thrown: unknown) => thrown);
		expect(isFatalKafkaError(error)).toBe(true);
		expect(describeKafkaError(error)).toMatch(/^a lz4 batch cannot be decoded/);
	});
});

describe('codecs: bounded memory for hostile batches', () => {
	it('a zstd frame header asking for a 1 GB window is refused before allocation', async () => {
		// magic, descriptor (no single segment), window descriptor 2^30
		const frame = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, (30 - 10) << 3, 0, 0, 0, 0]);
		await expect(decompressZstd(frame)).rejects.toThrow(/zstd: batch would decompress to 1073741824 bytes/);
	});

	it('a snappy length prefix of 256 MB is refused', () => {
		const raw = Buffer.from([0x80, 0x80, 0x80, 0x80, 0x01, 0x00]);
		expect(() => decompressSnappy(raw)).toThrow(/snappy: .*too big/);
	});

	it('an lz4 frame declaring 1 GB of content is refused', () => {
		const header = Buffer.alloc(15);
		header.writeUInt32LE(0x184d2204, 0);
		header[4] = 0x40 | 0x20 | 0x08;
		header[5] = 4 << 4;
		header.writeBigUInt64LE(2n ** 30n, 6);
		expect(() => decompressLz4Frame(header)).toThrow(/lz4: batch would decompress to 1073741824 bytes/);
	});
});
