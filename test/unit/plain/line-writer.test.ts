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

	it('writes long bytes as they are after what it gathered, in order', () => {
		const {writer, chunks, text} = recordingWriter();
		const run = Buffer.alloc(64 * 1024, 0x61);
		run[run.length - 1] = 0x0a;
		writer.writeBytes(Buffer.from('1\n'));
		writer.writeLine('2');
		writer.writeBytes(run);
		writer.writeBytes(Buffer.from('3\n'));
		writer.writeBytes(run);
		writer.commit();
		expect(text()).toEqual(['1\n2\n', run.toString('utf8'), '3\n', run.toString('utf8')]);
		expect(chunks[1]).toBe(run);
		expect(chunks[3]).toBe(run);
	});

	it('gives a chunk filled by half as it is and gathers the next into a new one', () => {
		const {writer, chunks, text} = recordingWriter();
		const line = 'x'.repeat(1000);
		for (let index = 0; index < 200; index++) writer.writeLine(line);
		writer.commit();
		writer.writeLine('after');
		writer.commit();
		expect(text()).toEqual([`${line}\n`.repeat(200), 'after\n']);
		expect(chunks[0]!.buffer).not.toBe(chunks[1]!.buffer);
	});
});
