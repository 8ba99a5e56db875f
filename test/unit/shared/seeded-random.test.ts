import {describe, expect, it} from 'vitest';
import {seededRandom} from '../../../source/shared/seeded-random.js';

describe('seededRandom', () => {
	it('gives the same numbers for the same seed, in [0, 1)', () => {
		const a = seededRandom(42);
		const b = seededRandom(42);
		const numbers = Array.from({length: 1000}, () => a());
		expect(numbers).toEqual(Array.from({length: 1000}, () => b()));
		expect(numbers.every((value) => value >= 0 && value < 1)).toBe(true);
		expect(new Set(numbers).size).toBeGreaterThan(990);
	});

	it('gives other numbers for another seed', () => {
		expect(seededRandom(1)()).not.toBe(seededRandom(2)());
	});
});
