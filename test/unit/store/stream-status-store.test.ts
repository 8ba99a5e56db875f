import {afterEach, describe, expect, it, vi} from 'vitest';
import {createStreamStatusStore} from '../../../source/store/stream-status-store.js';
import type {PartitionStatus} from '../../../source/stream/stream-status.js';

function partition(fields: Partial<PartitionStatus> & {partition: number}): PartitionStatus {
	return {topic: 'logs', offset: 0, highWatermark: 0, lag: 0, rate: 0, assigned: true, ...fields};
}

afterEach(() => {
	vi.useRealTimers();
});

describe('createStreamStatusStore', () => {
	it('starts connecting, not paused, with no partitions', () => {
		expect(createStreamStatusStore().get()).toEqual({
			connection: {kind: 'connecting'},
			paused: false,
			partitions: [],
			totalLag: 0,
			topicRate: 0,
		});
	});

	it('measures records arriving in the topic from the growth of the high watermarks', () => {
		let now = 0;
		const store = createStreamStatusStore({now: () => now});
		const at = (p0: number, p1: number) => [
			partition({partition: 0, highWatermark: p0}),
			partition({partition: 1, highWatermark: p1}),
		];
		store.setPartitions(at(100, 50));
		expect(store.get().topicRate).toBe(0);
		now = 2000;
		store.setPartitions(at(110, 60));
		expect(store.get().topicRate).toBe(10);
		now = 4000;
		store.setPartitions(at(130, 60));
		expect(store.get().topicRate).toBe(10);
		// Past the ten-second window only the recent growth counts.
		now = 14_000;
		store.setPartitions(at(130, 60));
		now = 16_000;
		store.setPartitions(at(130, 60));
		expect(store.get().topicRate).toBe(0);
		// A partition that appears is not a burst of records.
		now = 18_000;
		store.setPartitions([...at(130, 60), partition({partition: 2, highWatermark: 5000})]);
		expect(store.get().topicRate).toBe(0);
	});

	it('sorts partitions and sums the lag of assigned ones', () => {
		const store = createStreamStatusStore();
		store.setPartitions([
			partition({partition: 2, lag: 5}),
			partition({topic: 'audit', partition: 0, lag: 1}),
			partition({partition: 0, lag: 10}),
			partition({partition: 1, lag: 100, assigned: false}),
			partition({partition: 3, lag: -1}),
		]);
		const status = store.get();
		expect(status.partitions.map(({topic, partition: number}) => `${topic}/${number}`)).toEqual([
			'audit/0',
			'logs/0',
			'logs/1',
			'logs/2',
			'logs/3',
		]);
		expect(status.totalLag).toBe(16);
	});

	it('gives a new snapshot only when something changed', () => {
		const store = createStreamStatusStore();
		const first = store.get();
		store.setPaused(false);
		store.setConnection({kind: 'connecting'});
		expect(store.get()).toBe(first);
		store.setPaused(true);
		const paused = store.get();
		expect(paused).not.toBe(first);
		expect(paused.paused).toBe(true);
		expect(first.paused).toBe(false);
		store.setConnection({kind: 'reconnecting', reason: 'ECONNREFUSED', attempt: 2});
		expect(store.get().connection).toEqual({kind: 'reconnecting', reason: 'ECONNREFUSED', attempt: 2});
		const reconnecting = store.get();
		store.setConnection({kind: 'reconnecting', reason: 'ECONNREFUSED', attempt: 2});
		expect(store.get()).toBe(reconnecting);
		store.setConnection({kind: 'reconnecting', reason: 'ECONNREFUSED', attempt: 3});
		expect(store.get()).not.toBe(reconnecting);
		expect(Object.isFrozen(store.get())).toBe(true);
	});

	it('notifies subscribers throttled', () => {
		vi.useFakeTimers();
		const store = createStreamStatusStore({maxHz: 20});
		const seen: boolean[] = [];
		store.subscribe(() => seen.push(store.get().paused));
		for (let step = 0; step < 100; step++) {
			store.setPaused(step % 2 === 0);
			vi.advanceTimersByTime(5);
		}

		vi.advanceTimersByTime(100);
		expect(seen.length).toBeGreaterThanOrEqual(9);
		expect(seen.length).toBeLessThanOrEqual(11);
		// The last change (step 99: not paused) is what the last run saw.
		expect(seen.at(-1)).toBe(false);
		store.dispose();
	});
});
