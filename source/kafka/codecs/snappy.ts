import snappy from 'snappyjs';
import {CodecError, checkDecompressedSize, MAX_DECOMPRESSED_BYTES} from './limits.js';

/**
 * Snappy as Kafka producers write it: librdkafka (kcat) writes one raw snappy block, Java
 * producers write xerial's stream framing (snappy-java's SnappyOutputStream): the magic
 * `82 'SNAPPY' 00`, a version and a compatible-version int, then blocks, each a big-endian
 * int32 length and that many bytes of raw snappy. snappyjs (pure JS) does the raw blocks.
 */

const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_BYTES = 16;

function asBuffer(bytes: Uint8Array): Buffer {
	return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function uncompressRaw(block: Buffer): Buffer {
	try {
		return asBuffer(snappy.uncompress(block, MAX_DECOMPRESSED_BYTES));
	} catch (error) {
		throw new CodecError(`snappy: ${(error as Error).message}`);
	}
}

/** True when `src` starts with xerial's stream header. */
export function isXerialFramed(src: Buffer): boolean {
	return src.length >= XERIAL_HEADER_BYTES && src.subarray(0, XERIAL_MAGIC.length).equals(XERIAL_MAGIC);
}

/** Decompress raw snappy or xerial-framed snappy. */
export function decompressSnappy(src: Buffer): Buffer {
	if (!isXerialFramed(src)) return uncompressRaw(src);
	const blocks: Buffer[] = [];
	let total = 0;
	let index = XERIAL_HEADER_BYTES;
	while (index < src.length) {
		if (index + 4 > src.length) throw new CodecError('snappy: xerial frame ends inside a block length');
		const size = src.readInt32BE(index);
		index += 4;
		if (size < 0 || index + size > src.length)
			throw new CodecError('snappy: xerial frame ends inside a block');
		const block = uncompressRaw(src.subarray(index, index + size));
		index += size;
		total += block.length;
		checkDecompressedSize('snappy', total);
		blocks.push(block);
	}
	return Buffer.concat(blocks, total);
}

/** Compress as librdkafka does: one raw snappy block (Java's reader takes it too). */
export function compressSnappy(src: Buffer): Buffer {
	return asBuffer(snappy.compress(src));
}
