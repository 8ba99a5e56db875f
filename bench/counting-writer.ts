import type {LineWriter} from '../source/plain/line-writer.js';
import {nullLineWriter} from '../tools/load/null-line-writer.js';

/** A writer into nowhere that counts the bytes it was given. */
export function countingWriter(): {writer: LineWriter; bytes: () => number} {
	let bytes = 0;
	const writer = nullLineWriter((chunk) => {
		bytes += chunk.length;
	});
	return {writer, bytes: () => bytes};
}
