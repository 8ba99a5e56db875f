import {describe, expect, it} from 'vitest';
import {lastAtOrBefore} from '../../../source/shared/binary-search.js';

describe('lastAtOrBefore', () => {
	const seqs = [2, 4, 4, 9, 15];
	const at = (index: number) => seqs[index];

	it('finds the last value at or before the one asked for', () => {
		expect(lastAtOrBefore(seqs.length, at, 9)).toBe(3);
		expect(lastAtOrBefore(seqs.length, at, 10)).toBe(3);
		expect(lastAtOrBefore(seqs.length, at, 4)).toBe(2);
		expect(lastAtOrBefore(seqs.length, at, 100)).toBe(4);
	});

	it('says -1 when every value is greater, or there is none', () => {
		expect(lastAtOrBefore(seqs.length, at, 1)).toBe(-1);
		expect(lastAtOrBefore(0, at, 5)).toBe(-1);
	});

	it('reads a missing value as greater than any', () => {
		expect(lastAtOrBefore(3, (index) => (index === 2 ? undefined : index), 7)).toBe(1);
	});

	it('agrees with a linear scan on random sorted arrays', () => {
		for (let round = 0; round < 200; round++) {
			const values = Array.from({length: round % 17}, () => Math.floor(Math.random() * 20)).sort(
				(a, b) => a - b,
			);
			const wanted = Math.floor(Math.random() * 22) - 1;
			const linear = values.findLastIndex((value) => value <= wanted);
			expect(lastAtOrBefore(values.length, (index) => values[index], wanted)).toBe(linear);
		}
	});
});
