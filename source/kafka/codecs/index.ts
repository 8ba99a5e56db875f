// kafkajs is CommonJS and Node's ESM loader does not see these two as named exports.
import kafkajs from 'kafkajs';
import {errorMessage} from '../../shared/error-message.js';
import {compressGzip, decompressGzip} from './gzip.js';
import {CodecError} from './limits.js';
import {holdsRecords, markerRecords, readBatchHeader} from './undecodable-batch.js';

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

/**
 * A codec whose library loads on first use: most topics need none or one of them, and
 * loading all at start cost about 30 ms (fzstd 17, zstd-wasm 6, lz4js 5, snappyjs 2; the
 * fastest of 5 `require`s each) in every thread that makes a client, the stream worker's
 * start included.
 */
function lazyCodec(name: string, load: () => Promise<Omit<Codec, 'name'>>): Codec {
	let loaded: Promise<Omit<Codec, 'name'>> | undefined;
	const codec = () => {
		loaded ??= load();
		return loaded;
	};
	return {
		name,
		compress: async (src) => (await codec()).compress(src),
		decompress: async (src) => (await codec()).decompress(src),
	};
}

const CODECS: ReadonlyArray<readonly [number, Codec]> = [
	[CompressionTypes.GZIP, {name: 'gzip', compress: compressGzip, decompress: decompressGzip}],
	[
		CompressionTypes.Snappy,
		lazyCodec('snappy', async () => {
			const {compressSnappy, decompressSnappy} = await import('./snappy.js');
			return {compress: compressSnappy, decompress: decompressSnappy};
		}),
	],
	[
		CompressionTypes.LZ4,
		lazyCodec('lz4', async () => {
			const {compressLz4Frame, decompressLz4Frame} = await import('./lz4-frame.js');
			return {compress: compressLz4Frame, decompress: decompressLz4Frame};
		}),
	],
	[
		CompressionTypes.ZSTD,
		lazyCodec('zstd', async () => {
			const {compressZstd, decompressZstd} = await import('./zstd.js');
			return {compress: compressZstd, decompress: decompressZstd};
		}),
	],
	[5, unknownCodec(5)],
	[6, unknownCodec(6)],
	[7, unknownCodec(7)],
];

function reasonOf(error: unknown): string {
	const message = errorMessage(error);
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
