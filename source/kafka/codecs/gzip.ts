import {promisify} from 'node:util';
import {gzip, unzip} from 'node:zlib';
import {CodecError, MAX_DECOMPRESSED_BYTES} from './limits.js';

/** gzip through Node's zlib, as kafkajs' own codec, but with a bound on what one batch may inflate to. */
const unzipAsync = promisify(unzip);
const gzipAsync = promisify(gzip);

export async function decompressGzip(src: Buffer): Promise<Buffer> {
	try {
		return await unzipAsync(src, {maxOutputLength: MAX_DECOMPRESSED_BYTES});
	} catch (error) {
		throw new CodecError(`gzip: ${(error as Error).message}`);
	}
}

export function compressGzip(src: Buffer): Promise<Buffer> {
	return gzipAsync(src);
}
