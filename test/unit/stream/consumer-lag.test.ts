import {describe, expect, it} from 'vitest';
import {byLagDescending, type GroupLag, lagTrend, partitionLag} from '../../../source/stream/consumer-lag.js';

/** Only what the order reads. */
const group = (groupId: string, totalLag: number) => ({groupId, totalLag}) as GroupLag;

describe('consumer lag', () => {
	it('is the end minus the committed offset, never below 0', () => {
		expect(partitionLag(10, 14)).toBe(4);
		expect(partitionLag(20, 14)).toBe(0);
	});

	it('puts the groups with most lag first, then by name', () => {
		expect([group('b', 1), group('c', 9), group('a', 1)].sort(byLagDescending).map((g) => g.groupId)).toEqual(
			['c', 'a', 'b'],
		);
	});

	it('says growing, shrinking or steady over the last minute, and nothing too early', () => {
		const at = (seconds: number, lag: number) => ({time: seconds * 1000, lag});
		expect(lagTrend([at(0, 100), at(30, 180)], 30_000)).toBe('growing');
		expect(lagTrend([at(0, 100), at(30, 20)], 30_000)).toBe('shrinking');
		expect(lagTrend([at(0, 1000), at(30, 1005)], 30_000)).toBe('steady');
		expect(lagTrend([at(0, 100), at(2, 500)], 2_000)).toBe('unknown');
		expect(lagTrend([at(0, 100)], 0)).toBe('unknown');
		// Samples older than the window do not count.
		expect(lagTrend([at(0, 0), at(70, 50), at(100, 50)], 100_000)).toBe('steady');
		// A live consumer's lag jumps with each burst and falls back: steady, not flipping.
		const bursty = [0, 40, 3, 38, 0, 40, 2, 39, 0, 40, 4, 36].map((lag, index) => at(index * 5, lag));
		expect(lagTrend(bursty, 55_000)).toBe('steady');
		const catchingUp = [900, 940, 800, 850, 600, 640, 400, 420, 200, 240, 0, 40].map((lag, index) =>
			at(index * 5, lag),
		);
		expect(lagTrend(catchingUp, 55_000)).toBe('shrinking');
		// A lag that climbs through its bursts grows.
		const climbing = [0, 40, 30, 70, 60, 100, 90, 130, 120, 160, 150, 190].map((lag, index) =>
			at(index * 5, lag),
		);
		expect(lagTrend(climbing, 55_000)).toBe('growing');
	});
});
