// kafkajs is CommonJS and Node's ESM loader does not see these two as named exports.
import kafkajs from 'kafkajs';
import {compressGzip, decompressGzip} from './gzip.js';
import {CodecError} from './limits.js';
import {compressLz4Frame, decompressLz4Frame} from './lz4-frame.js';
import {compressSnappy, decompressSnappy} from './snappy.js';
import {holdsRecords, markerRecords, readBatchHeader} from './undecodable-batch.js';
import {compressZstd, decompressZstd} from './zstd.js';

const {CompressionCodecs, CompressionTypes} = kafkajs;

/**
 * Every codec Kafka has, registered with kafkajs (which ships only gzip) in the thread that
 * imports this module: kafka-client.ts imports it, so every thread that makes a client
 * (the stream worker too) has them. A batch none of them can decode becomes marker
 * records (see undecodable-batch.ts) instead of failing kafkajs' whole fetch.
 */

/** What kafkajs calls: `compress(encoder)` and `decompress(buffer)`, both async, returning Buffers. */
type KafkajsCodec = {
	compress(encoder: {buffer: Buffer}): Promise<Buffer>;
	decompress(buffer: Buffer): Promise<Buffer>;
};

type Codec = {
	name: string;
	compress(src: Buffer): Buffer | Promise<Buffer>;
	decompress(src: Buffer): Buffer | Promise<Buffer>;
};

/** The error that reaches kafkajs when a bad batch cannot even be skipped (its header is not where it should be). */
export class UndecodableBatchError extends Error {
	override name = 'UndecodableBatchError';
}

/** Codec bits 5-7 name no codec (yet); such a batch is undecodable, and skipped like one. */
function unknownCodec(type: number): Codec {
	const fail = () => {
		throw new CodecError(`unknown compression codec ${type}`);
	};
	return {name: `codec ${type}`, compress: fail, decompress: fail};
}

const CODECS: ReadonlyArray<readonly [number, Codec]> = [
	[CompressionTypes.GZIP, {name: 'gzip', compress: compressGzip, decompress: decompressGzip}],
	[CompressionTypes.Snappy, {name: 'snappy', compress: compressSnappy, decompress: decompressSnappy}],
	[CompressionTypes.LZ4, {name: 'lz4', compress: compressLz4Frame, decompress: decompressLz4Frame}],
	[CompressionTypes.ZSTD, {name: 'zstd', compress: compressZstd, decompress: decompressZstd}],
	[5, unknownCodec(5)],
	[6, unknownCodec(6)],
	[7, unknownCodec(7)],
];

function reasonOf(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	// Library messages are one line; make sure, and keep no control characters.
	return message.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim() || 'decompression failed';
}

/** `codec` as kafkajs calls it, with undecodable batches turned into markers. */
export function guardedCodec(type: number, codec: Codec): KafkajsCodec {
	return {
		async compress(encoder) {
			return await codec.compress(encoder.buffer);
		},
		async decompress(buffer) {
			const header = readBatchHeader(buffer, type);
			let reason: string;
			try {
				const records = await codec.decompress(buffer);
				if (!header || holdsRecords(records, header.count)) return records;
				reason = `${codec.name}: the decompressed bytes do not hold the batch's ${header.count} records`;
			} catch (error) {
				reason = reasonOf(error);
			}
			if (!header) {
				throw new UndecodableBatchError(
					`a ${codec.name} batch cannot be decoded (${reason}) and klog-tui cannot tell its offsets to skip it`,
				);
			}
			return markerRecords(header, codec.name, reason);
		},
	};
}

let registered = false;

/** Register the codecs with kafkajs (once per thread). */
export function registerCodecs(): void {
	if (registered) return;
	registered = true;
	const table = CompressionCodecs as unknown as Record<number, () => KafkajsCodec>;
	for (const [type, codec] of CODECS) {
		const guarded = guardedCodec(type, codec);
		table[type] = () => guarded;
	}
}

registerCodecs();
