/**
 * Largest batch klog-tui decompresses, in bytes. A length field in corrupt (or hostile)
 * compressed bytes could otherwise ask for gigabytes; a real batch is at most the broker's
 * `message.max.bytes` (1 MB by default) compressed, far below this once decompressed.
 */
export const MAX_DECOMPRESSED_BYTES = 128 * 1024 * 1024;

/** A decompressor's complaint: the codec that failed and why (one line, no payload bytes). */
export class CodecError extends Error {
	override name = 'CodecError';
}

/** Throw unless `size` bytes fit the limit. */
export function checkDecompressedSize(codec: string, size: number): void {
	if (size > MAX_DECOMPRESSED_BYTES) {
		throw new CodecError(
			`${codec}: batch would decompress to ${size} bytes, more than the ${MAX_DECOMPRESSED_BYTES} allowed`,
		);
	}
}
