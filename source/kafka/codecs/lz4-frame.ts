import {compressBlock, decompressBlock} from 'lz4js';
import {hash as xxh32} from 'lz4js/xxh32.js';
import {CodecError, checkDecompressedSize} from './limits.js';

/**
 * The LZ4 frame format as Kafka reads and writes it (Lz4BlockInputStream/OutputStream):
 * magic, FLG, BD, optional 8-byte content size, header checksum (byte 1 of XXH32 over the
 * descriptor: the KAFKA-3160 fix; librdkafka and Java write it right since Kafka 0.10), then
 * blocks (size with the high bit for "stored uncompressed", optional block checksum), an end
 * mark and an optional content checksum. Kafka requires independent blocks.
 *
 * lz4js does the block (de)compression. Its own frame writer does not set the
 * block-independence flag, which Kafka's reader refuses ("Dependent block stream is
 * unsupported"), and its reader ignores checksums, hence this frame layer.
 */

const MAGIC = 0x184d2204;
const FLG_VERSION = 0x40;
const FLG_VERSION_MASK = 0xc0;
const FLG_BLOCK_INDEPENDENCE = 0x20;
const FLG_BLOCK_CHECKSUM = 0x10;
const FLG_CONTENT_SIZE = 0x08;
const FLG_CONTENT_CHECKSUM = 0x04;
const FLG_DICTIONARY = 0x01;
const STORED = 0x80000000;
const BLOCK_SIZES: Readonly<Record<number, number>> = {
	4: 64 * 1024,
	5: 256 * 1024,
	6: 1024 * 1024,
	7: 4 * 1024 * 1024,
};
/** What Kafka's producer writes: 64 KB blocks. */
const WRITE_BLOCK_ID = 4;
const WRITE_BLOCK_SIZE = 64 * 1024;

function fail(reason: string): never {
	throw new CodecError(`lz4: ${reason}`);
}

/** Decompress one LZ4 frame (Kafka's, librdkafka's or any standard one without a dictionary). */
export function decompressLz4Frame(src: Uint8Array): Buffer {
	if (src.length < 7) fail('frame too short');
	const view = new DataView(src.buffer, src.byteOffset, src.byteLength);
	if (view.getUint32(0, true) !== MAGIC) fail('not an LZ4 frame (bad magic number)');
	const flg = src[4]!;
	const bd = src[5]!;
	if ((flg & FLG_VERSION_MASK) !== FLG_VERSION)
		fail(`unsupported frame version ${(flg & FLG_VERSION_MASK) >> 6}`);
	if (flg & FLG_DICTIONARY) fail('frames with a dictionary are not supported');
	const maxBlock = BLOCK_SIZES[(bd >> 4) & 7];
	if (maxBlock === undefined) fail(`invalid block size id ${(bd >> 4) & 7}`);
	let index = 6;
	let contentSize: number | undefined;
	if (flg & FLG_CONTENT_SIZE) {
		if (src.length < index + 9) fail('frame too short');
		contentSize = Number(view.getBigUint64(index, true));
		checkDecompressedSize('lz4', contentSize);
		index += 8;
	}
	// Kafka before 0.10 wrote a wrong header checksum (KAFKA-3160); those batches are v0/v1
	// message sets, which Kafka 4 no longer serves, so the checksum is checked.
	const headerHash = (xxh32(0, src, 4, index - 4) >> 8) & 0xff;
	if (src[index] !== headerHash) fail('frame header checksum mismatch');
	index += 1;

	// Where the blocks are, then one output buffer (no copy per block): at most a full block
	// each, or the declared content size.
	const blocks: Array<{at: number; size: number; stored: boolean}> = [];
	for (;;) {
		if (index + 4 > src.length) fail('frame ends before its end mark');
		const word = view.getUint32(index, true);
		index += 4;
		if (word === 0) break;
		const size = word & 0x7fffffff;
		if (size > maxBlock) fail(`block of ${size} bytes exceeds the frame's maximum ${maxBlock}`);
		const checksumBytes = flg & FLG_BLOCK_CHECKSUM ? 4 : 0;
		if (index + size + checksumBytes > src.length) fail('frame ends inside a block');
		if (checksumBytes && xxh32(0, src, index, size) >>> 0 !== view.getUint32(index + size, true))
			fail('block checksum mismatch');
		blocks.push({at: index, size, stored: (word & STORED) !== 0});
		index += size + checksumBytes;
	}
	const bound = contentSize ?? blocks.reduce((sum, block) => sum + (block.stored ? block.size : maxBlock), 0);
	checkDecompressedSize('lz4', bound);
	// Zeroed: a corrupt block may copy from bytes not written yet, which must not be old memory.
	const out = Buffer.alloc(bound);
	let total = 0;
	for (const block of blocks) {
		if (block.stored) {
			if (total + block.size > bound) fail('content size mismatch');
			out.set(src.subarray(block.at, block.at + block.size), total);
			total += block.size;
		} else {
			// lz4js does not check bounds: writes past the buffer are dropped, and an end past
			// the block's maximum (or the buffer) means corrupt input.
			const end = decompressBlock(src, out, block.at, block.size, total);
			if (!(end >= total && end - total <= maxBlock && end <= bound)) fail('corrupt block');
			total = end;
		}
	}
	const content = out.subarray(0, total);
	if (flg & FLG_CONTENT_CHECKSUM) {
		if (index + 4 > src.length) fail('frame ends before its content checksum');
		if (xxh32(0, content, 0, content.length) >>> 0 !== view.getUint32(index, true))
			fail('content checksum mismatch');
	}
	if (contentSize !== undefined && contentSize !== total) fail('content size mismatch');
	return content;
}

/**
 * Compress `src` into one LZ4 frame as Kafka's producer writes it: independent 64 KB blocks,
 * no block or content checksums (the batch's CRC covers the bytes).
 */
export function compressLz4Frame(src: Uint8Array): Buffer {
	const parts: Buffer[] = [];
	const header = Buffer.alloc(7);
	header.writeUInt32LE(MAGIC, 0);
	header[4] = FLG_VERSION | FLG_BLOCK_INDEPENDENCE;
	header[5] = WRITE_BLOCK_ID << 4;
	header[6] = (xxh32(0, header, 4, 2) >> 8) & 0xff;
	parts.push(header);
	const scratch = new Uint8Array(WRITE_BLOCK_SIZE + Math.ceil(WRITE_BLOCK_SIZE / 255) + 16);
	for (let start = 0; start < src.length; start += WRITE_BLOCK_SIZE) {
		const chunk = src.subarray(start, Math.min(src.length, start + WRITE_BLOCK_SIZE));
		// A fresh hash table per block, and the block alone as input: no match reaches back
		// into an earlier block (independence).
		const size = compressBlock(chunk, scratch, 0, chunk.length, new Uint32Array(1 << 16));
		const sizeWord = Buffer.alloc(4);
		if (size === 0 || size >= chunk.length) {
			sizeWord.writeUInt32LE((STORED | chunk.length) >>> 0, 0);
			parts.push(sizeWord, Buffer.from(chunk));
		} else {
			sizeWord.writeUInt32LE(size, 0);
			parts.push(sizeWord, Buffer.from(scratch.subarray(0, size)));
		}
	}
	parts.push(Buffer.alloc(4));
	return Buffer.concat(parts);
}
