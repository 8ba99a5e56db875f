import {describe, expect, it} from 'vitest';
import {createLagStore} from '../../../source/store/lag-store.js';
import type {GroupLag} from '../../../source/stream/consumer-lag.js';
import {recordLagSamples} from '../../../source/stream/lag-history.js';

/** A group with one partition of `topic` whose lag is `lag` (end 1000). */
function group(groupId: string, lag: number): GroupLag {
	return {
		groupId,
		state: 'Stable',
		members: 1,
		totalLag: lag,
		partitions: [{topic: 'logs', partition: 0, committed: 1000 - lag, end: 1000, lag}],
	};
}

describe('the lag history', () => {
	it('keeps a minute of samples per group and forgets groups that are gone', () => {
		let history = recordLagSamples(new Map(), [group('a', 10), group('b', 5)], 0);
		history = recordLagSamples(history, [group('a', 20), group('b', 5)], 30_000);
		history = recordLagSamples(history, [group('a', 30)], 70_000);
		// a: the sample at 0 s is older than a minute at 70 s; b is no longer read.
		expect([...history.keys()]).toEqual(['a']);
		expect(history.get('a')).toEqual([
			{time: 30_000, lag: 20},
			{time: 70_000, lag: 30},
		]);
	});
});

describe('the lag store', () => {
	it('waits for its first reading, then gives each group its trend over the readings', () => {
		const store = createLagStore(5000);
		expect(store.snapshot()).toMatchObject({status: 'waiting', groups: [], intervalMs: 5000});
		let heard = 0;
		const stop = store.subscribe(() => heard++);
		store.setReading({
			groups: [group('up', 100), group('down', 100), group('flat', 100)],
			unreadable: 0,
			time: 0,
		});
		expect(store.snapshot().groups.map((row) => row.trend)).toEqual(['unknown', 'unknown', 'unknown']);
		store.setReading({
			groups: [group('up', 300), group('down', 40), group('flat', 100)],
			unreadable: 2,
			time: 10_000,
		});
		const snapshot = store.snapshot();
		expect(snapshot.groups.map((row) => [row.groupId, row.trend])).toEqual([
			['up', 'growing'],
			['down', 'shrinking'],
			['flat', 'steady'],
		]);
		expect(snapshot).toMatchObject({status: 'ready', unreadable: 2, updatedAt: 10_000, error: undefined});
		expect(heard).toBe(2);
		stop();
		store.setReading({groups: [], unreadable: 0, time: 15_000});
		expect(heard).toBe(2);
	});

	it('keeps the last groups on a failed reading, with the failure, until a good reading clears it', () => {
		const store = createLagStore(5000);
		store.setReading({groups: [group('a', 7)], unreadable: 0, time: 1000});
		store.setError('could not read the consumer groups: connection refused');
		expect(store.snapshot()).toMatchObject({
			status: 'ready',
			updatedAt: 1000,
			error: 'could not read the consumer groups: connection refused',
		});
		expect(store.snapshot().groups.map((row) => row.groupId)).toEqual(['a']);
		store.setReading({groups: [group('a', 3)], unreadable: 0, time: 6000});
		expect(store.snapshot().error).toBeUndefined();
	});
});
