import {compress, decompress, init} from '@bokuweb/zstd-wasm';
import {Decompress} from 'fzstd';
import {CodecError, checkDecompressedSize, MAX_DECOMPRESSED_BYTES} from './limits.js';

/**
 * zstd: @bokuweb/zstd-wasm (zstd's C code as WebAssembly, loaded on first use) compresses
 * (`demo --compression zstd`) and reads. Its one-shot decoder must be given room for the
 * output, and Java's zstd-jni streams frames without a content size, so the room is guessed
 * from the last batch's ratio and doubled when short. fzstd (pure JS, streaming) reads what
 * does not fit WASM_ROOM_LIMIT and gives the reason for a batch the WebAssembly refused: it
 * was 4-12x slower (16 KB producer batches: 53 vs 656 MB/s; it allocates the frame's window
 * for every batch), but needs no guess.
 */

let ready: Promise<void> | undefined;
const loaded = () => {
	ready ??= init();
	return ready;
};

/**
 * The most output room asked of the WebAssembly decoder. Its memory only grows, so this
 * bounds it; a real batch (at most the broker's message.max.bytes, 1 MB by default,
 * compressed) rarely inflates past it.
 */
const WASM_ROOM_LIMIT = 16 * 1024 * 1024;
const MIN_ROOM = 64 * 1024;
/** Decompressed bytes per compressed byte of the last batch read: the next one's guess. */
let lastRatio = 8;

const ZSTD_MAGIC = 0xfd2fb528;

/**
 * The most memory the first frame asks for: its window, or its content size for a single
 * segment. fzstd allocates that before it decodes, so a corrupt header is refused first.
 */
function frameMemory(src: Buffer): number {
	if (src.length < 6 || src.readUInt32LE(0) !== ZSTD_MAGIC) return 0;
	if ((src[4]! >> 5) & 1) return statedContentSize(src) ?? 0;
	const window = src[5]!;
	const base = 2 ** (10 + (window >> 3));
	return base + (base / 8) * (window & 7);
}

/**
 * The content size the first frame's header states, or undefined when it states none (or
 * is no zstd frame): the WebAssembly decoder takes a stated size as the output's room.
 */
export function statedContentSize(src: Buffer): number | undefined {
	if (src.length < 6 || src.readUInt32LE(0) !== ZSTD_MAGIC) return undefined;
	const descriptor = src[4]!;
	const singleSegment = (descriptor >> 5) & 1;
	const flag = descriptor >> 6;
	if (flag === 0 && !singleSegment) return undefined;
	const at = 5 + (singleSegment ? 0 : 1) + [0, 1, 2, 4][descriptor & 3]!;
	const sizeBytes = [1, 2, 4, 8][flag]!;
	if (src.length < at + sizeBytes) return undefined;
	if (sizeBytes === 1) return src[at]!;
	if (sizeBytes === 2) return src.readUInt16LE(at) + 256;
	if (sizeBytes === 4) return src.readUInt32LE(at);
	return Number(src.readBigUInt64LE(at));
}

/** The WebAssembly decoder's output, or undefined when it refused every room up to the limit. */
function decompressInWasm(src: Buffer, stated: number | undefined): Buffer | undefined {
	if (stated !== undefined && stated > WASM_ROOM_LIMIT) return undefined;
	let room =
		stated ?? Math.min(WASM_ROOM_LIMIT, Math.max(MIN_ROOM, Math.ceil(src.length * lastRatio * 1.25)));
	for (;;) {
		try {
			// A stated size is the room it takes (several frames then may not fit: fzstd reads them).
			const out = decompress(src, {defaultHeapSize: room});
			lastRatio = Math.max(1, out.byteLength / Math.max(1, src.length));
			return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
		} catch {
			// Too little room, or bytes it cannot read: fzstd says which.
			if (stated !== undefined || room >= WASM_ROOM_LIMIT) return undefined;
			room = Math.min(WASM_ROOM_LIMIT, room * 2);
		}
	}
}

/** Decompress one or more zstd frames, at most MAX_DECOMPRESSED_BYTES in all. */
export async function decompressZstd(src: Buffer): Promise<Buffer> {
	const stated = statedContentSize(src);
	checkDecompressedSize('zstd', frameMemory(src));
	checkDecompressedSize('zstd', stated ?? 0);
	await loaded();
	return decompressInWasm(src, stated) ?? decompressStreaming(src);
}

/** fzstd's streaming decoder: no room to guess, and its errors say what is wrong. */
function decompressStreaming(src: Buffer): Buffer {
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
	await loaded();
	const out = compress(src, 3);
	return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}
