import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {createRebalanceNotice, LONG_REBALANCE_MS} from '../../../source/plain/rebalance-notice.js';

beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

/** A notice for group `g` and the lines it logged. */
function notice() {
	const lines: string[] = [];
	return {lines, notice: createRebalanceNotice('g', (line) => lines.push(line))};
}

describe('plain output on a long rebalance', () => {
	it('says nothing of a short one', () => {
		const {lines, notice: rebalance} = notice();
		rebalance.state({kind: 'rebalancing'});
		vi.advanceTimersByTime(LONG_REBALANCE_MS - 1);
		rebalance.state({kind: 'live'});
		vi.advanceTimersByTime(LONG_REBALANCE_MS * 2);
		expect(lines).toEqual([]);
	});

	it('says once that it lasts, however often the state repeats, and once that reading goes on', () => {
		const {lines, notice: rebalance} = notice();
		rebalance.state({kind: 'rebalancing'});
		vi.advanceTimersByTime(LONG_REBALANCE_MS / 2);
		rebalance.state({kind: 'rebalancing'});
		vi.advanceTimersByTime(LONG_REBALANCE_MS / 2);
		rebalance.state({kind: 'rebalancing'});
		vi.advanceTimersByTime(LONG_REBALANCE_MS * 3);
		expect(lines).toEqual(["klog-tui: consumer group 'g' is rebalancing (for 5s); records wait for it"]);
		rebalance.state({kind: 'live'});
		rebalance.state({kind: 'live'});
		expect(lines).toEqual([
			"klog-tui: consumer group 'g' is rebalancing (for 5s); records wait for it",
			"klog-tui: consumer group 'g' rebalanced; reading again",
		]);
		// A second long one is told again.
		rebalance.state({kind: 'rebalancing'});
		vi.advanceTimersByTime(LONG_REBALANCE_MS);
		expect(lines).toHaveLength(3);
	});

	it('leaves a rebalance that ends in reconnecting or stopping to those states own lines', () => {
		const {lines, notice: rebalance} = notice();
		rebalance.state({kind: 'rebalancing'});
		vi.advanceTimersByTime(LONG_REBALANCE_MS);
		rebalance.state({kind: 'reconnecting', reason: 'broker gone', attempt: 1});
		rebalance.state({kind: 'live'});
		expect(lines).toHaveLength(1);
		rebalance.state({kind: 'rebalancing'});
		rebalance.dispose();
		vi.advanceTimersByTime(LONG_REBALANCE_MS * 2);
		expect(lines).toHaveLength(1);
	});
});
