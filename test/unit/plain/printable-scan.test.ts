import {describe, expect, it} from 'vitest';
import {nextSuspect, printableBytes} from '../../../source/plain/printable-scan.js';
import {seededRandom} from '../../../source/shared/seeded-random.js';

const clean = (byte: number) => byte >= 0x20 && byte <= 0x7e && byte !== 0x5c;

/** The first byte of `bytes[from, to)` that is not clean, or `to`: what the scan must agree with. */
function firstBad(bytes: Uint8Array, from: number, to: number): number {
	for (let at = from; at < to; at++) if (!clean(bytes[at]!)) return at;
	return to;
}

/** The scan's answer is the bad byte or the start of its word, and nothing bad comes before. */
function expectAgrees(bytes: Uint8Array, from: number, to: number): void {
	const found = nextSuspect(bytes, from, to);
	const bad = firstBad(bytes, from, to);
	expect(found).toBeLessThanOrEqual(bad);
	expect(bad - found).toBeLessThan(4);
	if (bad === to) expect(found).toBe(to);
	expect(printableBytes(bytes, from, to)).toBe(bad === to);
}

describe('the printable scan of a batch (plain/printable-scan.ts)', () => {
	it('finds every byte value at every place of a word, in buffers at every alignment', () => {
		for (let value = 0; value < 256; value++) {
			for (let shift = 0; shift < 4; shift++) {
				for (let place = 0; place < 12; place++) {
					const backing = new Uint8Array(40).fill(0x61);
					const bytes = backing.subarray(shift, shift + 24);
					bytes[place + 4] = value;
					for (const from of [0, 1, 2, 3, 4, 5]) expectAgrees(bytes, from, bytes.length);
					expectAgrees(bytes, 0, place + 5);
					expectAgrees(bytes, 0, place + 4);
				}
			}
		}
	});

	it('agrees with a byte-by-byte check on random text, mostly clean', () => {
		const random = seededRandom(15);
		for (let round = 0; round < 2000; round++) {
			const length = 1 + Math.floor(random() * 300);
			const bytes = Buffer.alloc(length + 8).subarray(round % 4, (round % 4) + length);
			for (let at = 0; at < length; at++)
				bytes[at] = random() < 0.01 ? Math.floor(random() * 256) : 0x20 + Math.floor(random() * 95);
			const from = Math.floor(random() * length);
			const to = from + Math.floor(random() * (length - from + 1));
			expectAgrees(bytes, from, to);
			expectAgrees(bytes, 0, length);
		}
	});
});
