import {createLineWriter, type LineWriter} from '../../source/plain/line-writer.js';

/**
 * Plain output's line writer over an output that never blocks and hands every chunk written
 * to `onChunk` (the bench counts them, the tests keep them).
 */
export function nullLineWriter(onChunk: (chunk: string | Uint8Array) => void): LineWriter {
	const output = {
		write(chunk: string | Uint8Array) {
			onChunk(chunk);
			return true;
		},
		once: () => undefined,
		on: () => undefined,
		writableLength: 0,
	};
	return createLineWriter(output, {
		onFull: () => undefined,
		onDrain: () => undefined,
		onClosed: () => undefined,
	});
}
