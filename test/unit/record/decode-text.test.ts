import {describe, expect, it} from 'vitest';
import {decodedByteLength, decodeText} from '../../../source/record/decode-text.js';
import {randomBytes} from '../../support/records/hostile-corpus.js';

describe('decodeText', () => {
	it('decodes valid UTF-8 as it is', () => {
		const text = 'plain ASCII, 日本語, 🚀, e\u0301, \ufffd';
		expect(decodeText(Buffer.from(text))).toBe(text);
	});

	it('shows each invalid byte as \\xNN, keeping the valid text around it', () => {
		expect(decodeText(Buffer.from([0x41, 0xff, 0x42]))).toBe('A\\xffB');
		expect(decodeText(Buffer.from([0xc0, 0xaf]))).toBe('\\xc0\\xaf');
		expect(decodeText(Buffer.from([0xed, 0xa0, 0x80]))).toBe('\\xed\\xa0\\x80');
		expect(decodeText(Buffer.from([0x61, 0xe2, 0x82]))).toBe('a\\xe2\\x82');
		expect(decodeText(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe('\\xf4\\x90\\x80\\x80');
		expect(decodeText(Buffer.from([0x9b, 0x32, 0x4a]))).toBe('\\x9b2J');
		expect(decodeText(Buffer.concat([Buffer.from('é'), Buffer.from([0x80]), Buffer.from('€')]))).toBe(
			'é\\x80€',
		);
	});

	it('never silently drops or replaces a byte of random binary', () => {
		for (let seed = 1; seed <= 50; seed++) {
			const bytes = randomBytes(1000, seed);
			const text = decodeText(bytes);
			// No replacement character appears unless the input held a real U+FFFD.
			if (!bytes.includes(Buffer.from('\ufffd'))) expect(text.includes('\ufffd')).toBe(false);
			// Re-encoding, with each \xNN turned back into its byte, gives the input back.
			const restored = Buffer.concat(
				text
					.split(/(\\x[0-9a-f]{2})/)
					.map((part) =>
						/^\\x[0-9a-f]{2}$/.test(part)
							? Buffer.from([Number.parseInt(part.slice(2), 16)])
							: Buffer.from(part),
					),
			);
			expect(restored.equals(bytes)).toBe(true);
		}
	});

	it('cuts at maxBytes without splitting a character', () => {
		const bytes = Buffer.from('ab€'); // € is 3 bytes
		expect(decodedByteLength(bytes, 3)).toBe(2);
		expect(decodeText(bytes, 3)).toBe('ab');
		expect(decodeText(bytes, 4)).toBe('ab');
		expect(decodeText(bytes, 5)).toBe('ab€');
		expect(decodeText(Buffer.from('🚀🚀'), 6)).toBe('🚀');
		// Garbage of continuation bytes: cut where asked, shown escaped.
		expect(decodeText(Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x80]), 5)).toBe(
			'\\x80\\x80\\x80\\x80\\x80',
		);
	});
});
