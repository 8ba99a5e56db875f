// Types for the two codec libraries that ship none (only what klog-tui uses).

declare module 'lz4js' {
	/** Decompress one LZ4 block of `src[sIndex, sIndex + sLength)` into `dst` from `dIndex`; returns the end in `dst`. */
	export function decompressBlock(
		src: Uint8Array,
		dst: Uint8Array,
		sIndex: number,
		sLength: number,
		dIndex: number,
	): number;
	/** Compress `src[sIndex, sIndex + sLength)` into `dst` from 0; returns the size, or 0 when it did not compress. */
	export function compressBlock(
		src: Uint8Array,
		dst: Uint8Array,
		sIndex: number,
		sLength: number,
		hashTable: Uint32Array,
	): number;
}

declare module 'lz4js/xxh32.js' {
	/** XXH32 of `src[index, index + length)`. */
	export function hash(seed: number, src: Uint8Array, index: number, length: number): number;
}

declare module 'snappyjs' {
	export function uncompress(compressed: Buffer, maxLength?: number): Buffer;
	export function compress(uncompressed: Buffer): Buffer;
}
