import {createLineWriter, type LineWriter} from '../source/plain/line-writer.js';

/** A writer into nowhere that counts the bytes it was given. */
export function countingWriter(): {writer: LineWriter; bytes: () => number} {
	let bytes = 0;
	const output = {
		write(chunk: string | Uint8Array) {
			bytes += chunk.length;
			return true;
		},
		once: () => undefined,
		on: () => undefined,
		writableLength: 0,
	};
	const writer = createLineWriter(output, {
		onFull: () => undefined,
		onDrain: () => undefined,
		onClosed: () => undefined,
	});
	return {writer, bytes: () => bytes};
}
