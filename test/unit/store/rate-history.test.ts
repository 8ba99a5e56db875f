import {describe, expect, it} from 'vitest';
import {HISTORY_SECONDS, RATE_WINDOW_SECONDS, RateHistory} from '../../../source/store/rate-history.js';

const T0 = 1_700_000_000_000;

describe('RateHistory', () => {
	it('is all zeros before anything is counted', () => {
		const history = new RateHistory();
		expect(history.rate(T0)).toBe(0);
		expect(history.history(T0)).toEqual(new Array(HISTORY_SECONDS).fill(0));
	});

	it('buckets counts per second, newest last', () => {
		const history = new RateHistory();
		history.add(3, T0);
		history.add(2, T0 + 999);
		history.add(4, T0 + 1000);
		history.add(1, T0 + 3500);
		const counts = history.history(T0 + 3600);
		expect(counts).toHaveLength(HISTORY_SECONDS);
		expect(counts.slice(-4)).toEqual([5, 4, 0, 1]);
		expect(counts.slice(0, -4).every((count) => count === 0)).toBe(true);
	});

	it('forgets seconds that slide out of the history', () => {
		const history = new RateHistory();
		history.add(9, T0);
		expect(history.history(T0 + (HISTORY_SECONDS - 1) * 1000)[0]).toBe(9);
		expect(history.history(T0 + HISTORY_SECONDS * 1000)).toEqual(new Array(HISTORY_SECONDS).fill(0));
		history.add(1, T0 + 10 * HISTORY_SECONDS * 1000);
		expect(history.history(T0 + 10 * HISTORY_SECONDS * 1000).reduce((sum, count) => sum + count)).toBe(1);
	});

	it('averages the rate over the window once the history is older than it', () => {
		const history = new RateHistory();
		for (let second = 0; second < 20; second++) {
			history.add(100, T0 + second * 1000);
		}

		// At T0+20s exactly: seconds 15..19 full plus an empty current second, over 5 s.
		expect(history.rate(T0 + 20_000)).toBeCloseTo(100, 5);
		// Nothing for a full window: zero.
		expect(history.rate(T0 + 20_000 + (RATE_WINDOW_SECONDS + 1) * 1000)).toBe(0);
	});

	it('averages a young history over its age, not the whole window', () => {
		const history = new RateHistory();
		history.add(50, T0);
		history.add(50, T0 + 1000);
		expect(history.rate(T0 + 2000)).toBeCloseTo(50, 5);
		// Under a second old: averaged over one second.
		const fresh = new RateHistory();
		fresh.add(10, T0 + 100);
		expect(fresh.rate(T0 + 200)).toBe(10);
	});

	it('counts into the newest second when the clock goes backwards', () => {
		const history = new RateHistory();
		history.add(1, T0 + 5000);
		history.add(1, T0);
		expect(history.history(T0 + 5000).at(-1)).toBe(2);
	});

	it('shares the history array until a count or a new second changes it', () => {
		const history = new RateHistory();
		history.add(1, T0);
		const first = history.history(T0 + 100);
		expect(history.history(T0 + 900)).toBe(first);
		history.add(1, T0 + 950);
		const second = history.history(T0 + 950);
		expect(second).not.toBe(first);
		expect(second.at(-1)).toBe(2);
		const later = history.history(T0 + 1000);
		expect(later).not.toBe(second);
		expect(later.slice(-2)).toEqual([2, 0]);
		expect(Object.isFrozen(later)).toBe(true);
	});
});
