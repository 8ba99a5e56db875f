import {compress, init} from '@bokuweb/zstd-wasm';
import {decompress} from 'fzstd';
import {CodecError} from './limits.js';

/**
 * zstd: fzstd (pure JS, streaming decoder) reads, because Java's zstd-jni streams frames
 * without a content size, which one-shot WebAssembly decoders must guess. The compressor
 * (only `demo --compression zstd` uses it) is @bokuweb/zstd-wasm, zstd's C code as
 * WebAssembly, loaded on first use.
 */

let ready: Promise<void> | undefined;

/** Decompress one or more zstd frames. */
export function decompressZstd(src: Buffer): Buffer {
	try {
		const out = decompress(src);
		return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
	} catch (error) {
		throw new CodecError(`zstd: ${(error as Error).message}`);
	}
}

/** Compress into one zstd frame (level 3, zstd's default). */
export async function compressZstd(src: Buffer): Promise<Buffer> {
	ready ??= init();
	await ready;
	const out = compress(src, 3);
	return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}
