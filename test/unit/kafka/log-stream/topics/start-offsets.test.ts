import {describe, expect, it} from 'vitest';
import {
	type PartitionRange,
	startOffsets,
	tailShares,
} from '../../../../../source/kafka/log-stream/topics/start-offsets.js';

const ranges = (...sizes: Array<[number, number]>): PartitionRange[] =>
	sizes.map(([low, high], partition) => ({partition, low, high}));

const total = (shares: Map<number, number>) => [...shares.values()].reduce((a, b) => a + b, 0);

describe('tailShares', () => {
	it('spreads the last N evenly over big partitions, exactly N in all', () => {
		const shares = tailShares(10, ranges([0, 100], [0, 100], [0, 100]));
		expect(total(shares)).toBe(10);
		expect([...shares.values()].sort()).toEqual([3, 3, 4]);
	});

	it('hands what a short partition lacks to the others', () => {
		const shares = tailShares(100, ranges([0, 10], [0, 1000], [500, 1000]));
		expect(shares.get(0)).toBe(10);
		expect(shares.get(1)).toBe(45);
		expect(shares.get(2)).toBe(45);
	});

	it('takes everything when N is more than there is, and nothing from empty partitions', () => {
		const shares = tailShares(1000, ranges([0, 5], [7, 7], [3, 10]));
		expect(shares).toEqual(
			new Map([
				[0, 5],
				[1, 0],
				[2, 7],
			]),
		);
	});

	it('takes nothing for N = 0', () => {
		expect(total(tailShares(0, ranges([0, 5], [0, 5])))).toBe(0);
	});
});

describe('startOffsets', () => {
	const topic = ranges([0, 100], [20, 50], [7, 7]);

	it('beginning is low, end is high', () => {
		expect(startOffsets({kind: 'beginning'}, topic)).toEqual(
			new Map([
				[0, 0],
				[1, 20],
				[2, 7],
			]),
		);
		expect(startOffsets({kind: 'end'}, topic)).toEqual(
			new Map([
				[0, 100],
				[1, 50],
				[2, 7],
			]),
		);
	});

	it('tail N is high minus the share', () => {
		expect(startOffsets({kind: 'tail', count: 10}, topic)).toEqual(
			new Map([
				[0, 95],
				[1, 45],
				[2, 7],
			]),
		);
	});

	it('since uses the broker answer, -1 (nothing that new) means the end, clamped to the range', () => {
		const found = new Map([
			[0, 42],
			[1, -1],
			[2, 3],
		]);
		expect(startOffsets({kind: 'since', time: 1}, topic, found)).toEqual(
			new Map([
				[0, 42],
				[1, 50],
				[2, 7],
			]),
		);
	});

	it('since without an answer for a partition is an error', () => {
		expect(() => startOffsets({kind: 'since', time: 1}, topic, new Map())).toThrow('no offset for time');
	});
});
