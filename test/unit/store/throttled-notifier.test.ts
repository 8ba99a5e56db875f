import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {ThrottledNotifier} from '../../../source/store/throttled-notifier.js';

describe('ThrottledNotifier', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});

	afterEach(() => {
		vi.useRealTimers();
	});

	it('runs listeners after a change, never inside the caller', () => {
		const notifier = new ThrottledNotifier();
		const listener = vi.fn();
		notifier.subscribe(listener);
		notifier.notify();
		expect(listener).not.toHaveBeenCalled();
		vi.advanceTimersByTime(0);
		expect(listener).toHaveBeenCalledTimes(1);
	});

	it('runs at most maxHz times a second under constant change, and delivers the last change', () => {
		const notifier = new ThrottledNotifier({maxHz: 20});
		let changes = 0;
		const seen: number[] = [];
		notifier.subscribe(() => seen.push(changes));
		// A change every millisecond for one second.
		for (let ms = 0; ms < 1000; ms++) {
			changes++;
			notifier.notify();
			vi.advanceTimersByTime(1);
		}

		expect(seen.length).toBeLessThanOrEqual(21);
		expect(seen.length).toBeGreaterThanOrEqual(19);
		// A trailing run sees the very last change, then everything goes quiet.
		vi.advanceTimersByTime(50);
		expect(seen.at(-1)).toBe(1000);
		const settled = seen.length;
		vi.advanceTimersByTime(5000);
		expect(seen.length).toBe(settled);
		expect(vi.getTimerCount()).toBe(0);
	});

	it('spaces runs at least one interval apart', () => {
		const notifier = new ThrottledNotifier({maxHz: 10});
		const times: number[] = [];
		notifier.subscribe(() => times.push(Date.now()));
		for (let ms = 0; ms < 2000; ms += 7) {
			notifier.notify();
			vi.advanceTimersByTime(7);
		}

		vi.advanceTimersByTime(1000);
		for (let index = 1; index < times.length; index++) {
			expect(times[index]! - times[index - 1]!).toBeGreaterThanOrEqual(100);
		}

		expect(times.length).toBeGreaterThanOrEqual(19);
	});

	it('does not run when nothing changed, and stops after unsubscribe or dispose', () => {
		const notifier = new ThrottledNotifier();
		const kept = vi.fn();
		const dropped = vi.fn();
		notifier.subscribe(kept);
		const unsubscribe = notifier.subscribe(dropped);
		vi.advanceTimersByTime(1000);
		expect(kept).not.toHaveBeenCalled();
		unsubscribe();
		notifier.notify();
		vi.advanceTimersByTime(100);
		expect(kept).toHaveBeenCalledTimes(1);
		expect(dropped).not.toHaveBeenCalled();
		notifier.notify();
		notifier.dispose();
		notifier.notify();
		vi.advanceTimersByTime(1000);
		expect(kept).toHaveBeenCalledTimes(1);
		expect(vi.getTimerCount()).toBe(0);
	});

	it('runs every listener even when one throws, then reports the failure', () => {
		const notifier = new ThrottledNotifier();
		const after = vi.fn();
		notifier.subscribe(() => {
			throw new Error('listener broke');
		});
		notifier.subscribe(after);
		notifier.notify();
		expect(() => vi.advanceTimersByTime(0)).toThrow('listener broke');
		expect(after).toHaveBeenCalledTimes(1);
	});

	it('unrefs its timers so they never keep the process alive', () => {
		vi.useRealTimers();
		const unref = vi.fn();
		const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation((() => ({unref})) as never);
		try {
			new ThrottledNotifier().notify();
			expect(unref).toHaveBeenCalledTimes(1);
		} finally {
			spy.mockRestore();
		}
	});

	it('rejects a non-positive rate', () => {
		expect(() => new ThrottledNotifier({maxHz: 0})).toThrow(RangeError);
	});
});

describe('ThrottledNotifier with busyShare', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});

	afterEach(() => {
		vi.useRealTimers();
	});

	it('spaces slow runs so the listeners take at most that share of the time, fast ones at maxHz', () => {
		let clock = 0;
		let listenerMs = 10;
		const runs: number[] = [];
		const notifier = new ThrottledNotifier({maxHz: 20, busyShare: 0.25, clock: () => clock});
		notifier.subscribe(() => {
			runs.push(Date.now());
			clock += listenerMs;
		});
		const churn = (ms: number) => {
			for (let elapsed = 0; elapsed < ms; elapsed++) {
				notifier.notify();
				vi.advanceTimersByTime(1);
			}
		};
		// 10 ms runs: 3 x 10 = 30 ms of cooldown is under the 50 ms of maxHz, so 20 a second.
		churn(1000);
		expect(runs.length).toBeGreaterThanOrEqual(19);
		expect(runs.length).toBeLessThanOrEqual(21);
		// 40 ms runs: 120 ms apart, about 8 a second, so at most a quarter of the time.
		runs.length = 0;
		listenerMs = 40;
		churn(1000);
		expect(runs.length).toBeGreaterThanOrEqual(7);
		expect(runs.length).toBeLessThanOrEqual(10);
		const gaps = runs.slice(1).map((at, index) => at - runs[index]!);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(120);
		// Never slower than two a second, however slow a run.
		runs.length = 0;
		listenerMs = 5000;
		churn(2000);
		expect(runs.length).toBeGreaterThanOrEqual(3);
		notifier.dispose();
	});

	it('refuses a share outside (0, 1]', () => {
		expect(() => new ThrottledNotifier({busyShare: 0})).toThrow(RangeError);
		expect(() => new ThrottledNotifier({busyShare: 1.5})).toThrow(RangeError);
	});
});
