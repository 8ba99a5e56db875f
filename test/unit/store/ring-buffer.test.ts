import {describe, expect, it} from 'vitest';
import {RingBuffer} from '../../../source/store/ring-buffer.js';

function contents<T>(ring: RingBuffer<T>): T[] {
	return Array.from({length: ring.length}, (_, index) => ring.get(index)!);
}

describe('RingBuffer', () => {
	it('keeps items in order until full', () => {
		const ring = new RingBuffer<number>(4);
		expect(ring.push(1)).toBeUndefined();
		expect(ring.push(2)).toBeUndefined();
		expect(contents(ring)).toEqual([1, 2]);
		expect(ring.first()).toBe(1);
		expect(ring.last()).toBe(2);
	});

	it('evicts the oldest item when full and wraps around', () => {
		const ring = new RingBuffer<number>(3);
		for (const item of [1, 2, 3]) {
			ring.push(item);
		}

		expect(ring.push(4)).toBe(1);
		expect(ring.push(5)).toBe(2);
		expect(contents(ring)).toEqual([3, 4, 5]);
		for (let item = 6; item < 100; item++) {
			expect(ring.push(item)).toBe(item - 3);
		}

		expect(contents(ring)).toEqual([97, 98, 99]);
		expect(ring.length).toBe(3);
	});

	it('grows its storage past the initial allocation without losing order', () => {
		const ring = new RingBuffer<number>(1000);
		ring.push(-1);
		ring.shift();
		for (let item = 0; item < 1000; item++) {
			expect(ring.push(item)).toBeUndefined();
		}

		expect(contents(ring)).toEqual(Array.from({length: 1000}, (_, index) => index));
		expect(ring.push(1000)).toBe(0);
	});

	it('shifts from the front, also after wrapping', () => {
		const ring = new RingBuffer<string>(3);
		for (const item of ['a', 'b', 'c', 'd']) {
			ring.push(item);
		}

		expect(ring.shift()).toBe('b');
		ring.push('e');
		expect(contents(ring)).toEqual(['c', 'd', 'e']);
		expect(ring.shift()).toBe('c');
		expect(ring.shift()).toBe('d');
		expect(ring.shift()).toBe('e');
		expect(ring.shift()).toBeUndefined();
		expect(ring.length).toBe(0);
		ring.push('f');
		expect(contents(ring)).toEqual(['f']);
	});

	it('returns undefined outside the range and empties on clear', () => {
		const ring = new RingBuffer<number>(2);
		ring.push(1);
		expect(ring.get(-1)).toBeUndefined();
		expect(ring.get(1)).toBeUndefined();
		ring.clear();
		expect(ring.length).toBe(0);
		expect(ring.first()).toBeUndefined();
		ring.push(7);
		expect(contents(ring)).toEqual([7]);
	});

	it('rejects a capacity that is not a positive integer', () => {
		expect(() => new RingBuffer(0)).toThrow(RangeError);
		expect(() => new RingBuffer(1.5)).toThrow(RangeError);
	});
});
