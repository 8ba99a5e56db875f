import {describe, expect, it} from 'vitest';
import {nullLineWriter} from '../../../tools/load/null-line-writer.js';

/** A writer whose output keeps every chunk it was given. */
function recordingWriter() {
	const chunks: Uint8Array[] = [];
	const writer = nullLineWriter((chunk) => {
		if (typeof chunk !== 'string') chunks.push(chunk);
	});
	const text = () => chunks.map((chunk) => Buffer.from(chunk).toString('utf8'));
	return {writer, chunks, text};
}

describe('line writer', () => {
	it('writes the bytes of a lone writeBytes as they are, without a copy', () => {
		const {writer, chunks, text} = recordingWriter();
		const bytes = Buffer.from('a\nb\n');
		writer.writeBytes(bytes);
		writer.commit();
		expect(chunks).toHaveLength(1);
		expect(chunks[0]).toBe(bytes);
		expect(text()).toEqual(['a\nb\n']);
	});

	it('keeps the order of bytes and lines mixed in one commit', () => {
		const {writer, text} = recordingWriter();
		writer.writeBytes(Buffer.from('1\n'));
		writer.writeLine('2');
		writer.writeBytes(Buffer.from('3\n'));
		writer.writeBytes(Buffer.from('4\n'));
		writer.commit();
		writer.writeLine('5');
		writer.writeBytes(Buffer.from('6\n'));
		writer.commit();
		writer.commit();
		expect(text()).toEqual(['1\n2\n3\n4\n', '5\n6\n']);
	});

	it('copies held bytes before a chunk that overflows', () => {
		const {writer, text} = recordingWriter();
		const big = Buffer.alloc(3 * 1024 * 1024, 0x78);
		writer.writeBytes(Buffer.from('first\n'));
		writer.writeBytes(big);
		writer.commit();
		expect(text().join('')).toBe(`first\n${big.toString('utf8')}`);
	});
});
