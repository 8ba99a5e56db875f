import {compress, init} from '@bokuweb/zstd-wasm';
import {Decompress} from 'fzstd';
import {CodecError, checkDecompressedSize, MAX_DECOMPRESSED_BYTES} from './limits.js';

/**
 * zstd: fzstd (pure JS, streaming decoder) reads, because Java's zstd-jni streams frames
 * without a content size, which one-shot WebAssembly decoders must guess. The compressor
 * (only `demo --compression zstd` uses it) is @bokuweb/zstd-wasm, zstd's C code as
 * WebAssembly, loaded on first use.
 */

let ready: Promise<void> | undefined;

const ZSTD_MAGIC = 0xfd2fb528;

/**
 * The most memory the first frame asks for: its window, or its content size for a single
 * segment. fzstd allocates that before it decodes, so a corrupt header is refused first.
 */
function frameMemory(src: Buffer): number {
	if (src.length < 6 || src.readUInt32LE(0) !== ZSTD_MAGIC) return 0;
	const descriptor = src[4]!;
	const singleSegment = (descriptor >> 5) & 1;
	if (!singleSegment) {
		const window = src[5]!;
		const base = 2 ** (10 + (window >> 3));
		return base + (base / 8) * (window & 7);
	}
	const dictionaryBytes = [0, 1, 2, 4][descriptor & 3]!;
	const sizeBytes = [1, 2, 4, 8][descriptor >> 6]!;
	const at = 5 + dictionaryBytes;
	if (src.length < at + sizeBytes) return 0;
	if (sizeBytes === 1) return src[at]!;
	if (sizeBytes === 2) return src.readUInt16LE(at) + 256;
	if (sizeBytes === 4) return src.readUInt32LE(at);
	return Number(src.readBigUInt64LE(at));
}

/** Decompress one or more zstd frames, at most MAX_DECOMPRESSED_BYTES in all. */
export function decompressZstd(src: Buffer): Buffer {
	checkDecompressedSize('zstd', frameMemory(src));
	const chunks: Uint8Array[] = [];
	let total = 0;
	try {
		const stream = new Decompress((chunk) => {
			total += chunk.length;
			// Thrown out of push(): a small batch that inflates without end stops here.
			if (total > MAX_DECOMPRESSED_BYTES) checkDecompressedSize('zstd', total);
			chunks.push(chunk);
		});
		stream.push(src, true);
	} catch (error) {
		if (error instanceof CodecError) throw error;
		throw new CodecError(`zstd: ${(error as Error).message}`);
	}
	return Buffer.concat(chunks, total);
}

/** Compress into one zstd frame (level 3, zstd's default). */
export async function compressZstd(src: Buffer): Promise<Buffer> {
	ready ??= init();
	await ready;
	const out = compress(src, 3);
	return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}
