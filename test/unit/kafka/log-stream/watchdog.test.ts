import {describe, expect, it} from 'vitest';
import {createWatchdog} from '../../../../source/kafka/log-stream/watchdog.js';

/** A watchdog on a clock the test moves. */
function onClock(stallMs = 3000) {
	let now = 1000;
	const watchdog = createWatchdog({stallMs, brokersLabel: 'b1:9092', now: () => now});
	return {watchdog, advance: (ms: number) => (now += ms)};
}

describe('createWatchdog', () => {
	it('says nothing until the silence is longer than stallMs, then names the brokers', () => {
		const {watchdog, advance} = onClock();
		advance(3000);
		expect(watchdog.check(true)).toBeUndefined();
		advance(2001);
		expect(watchdog.check(true)).toBe('no answer from b1:9092 for 5 s');
	});

	it('gives the last thing kafkajs logged as the reason', () => {
		const {watchdog, advance} = onClock();
		watchdog.note('Connection timeout');
		advance(4000);
		expect(watchdog.check(true)).toBe('Connection timeout');
	});

	it('is quiet while not live, and while a receiver holds the next fetch', () => {
		const {watchdog, advance} = onClock();
		advance(10_000);
		expect(watchdog.check(false)).toBeUndefined();
		const release = watchdog.hold();
		expect(watchdog.check(true)).toBeUndefined();
		// Releasing counts as a fetch: the hold was on purpose.
		release();
		expect(watchdog.check(true)).toBeUndefined();
		advance(3001);
		expect(watchdog.check(true)).toBeDefined();
	});

	it('a fetch restarts the count; only a stall it declared is its to end', () => {
		const {watchdog, advance} = onClock();
		expect(watchdog.endStall()).toBe(false);
		advance(2500);
		watchdog.fetched();
		advance(2500);
		expect(watchdog.check(true)).toBeUndefined();
		advance(1000);
		expect(watchdog.check(true)).toBeDefined();
		expect(watchdog.endStall()).toBe(true);
		expect(watchdog.endStall()).toBe(false);
	});

	it('reset forgets the stall and counts from now', () => {
		const {watchdog, advance} = onClock();
		advance(5000);
		expect(watchdog.check(true)).toBeDefined();
		watchdog.reset();
		expect(watchdog.endStall()).toBe(false);
		expect(watchdog.check(true)).toBeUndefined();
	});

	it('knows whether kafkajs logged something recently', () => {
		const {watchdog, advance} = onClock();
		expect(watchdog.recentNote(1000)).toBe(false);
		watchdog.note('Response Fetch');
		advance(999);
		expect(watchdog.recentNote(1000)).toBe(true);
		advance(1);
		expect(watchdog.recentNote(1000)).toBe(false);
	});
});
