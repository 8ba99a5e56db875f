import {describe, expect, it} from 'vitest';
import type {RawRecord} from '../../../source/record/log-record.js';
import {createLogStore} from '../../../source/store/log-store.js';
import {BUCKET_SIZES_MS, TimeBuckets} from '../../../source/store/time-buckets.js';

/** A round 10-minute boundary, so buckets of every zoom start there. */
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % 600_000);

function raw(offset: number, time: number, level = 'info'): RawRecord {
	return {
		topic: 'logs',
		partition: 0,
		offset,
		timestamp: time,
		key: null,
		value: Buffer.from(JSON.stringify({level, message: `m${offset}`, time})),
		headers: undefined,
	};
}

describe('TimeBuckets', () => {
	it('counts records by level class into buckets of every zoom', () => {
		const buckets = new TimeBuckets();
		buckets.add(T0, 'error');
		buckets.add(T0 + 500, 'fatal');
		buckets.add(T0 + 1500, 'warn');
		buckets.add(T0 + 12_000, 'debug');
		buckets.add(T0 + 61_000, 'unknown');
		const first = T0 / 1000;
		expect(buckets.bucket(0, first)).toEqual({error: 2, warn: 0, other: 0});
		expect(buckets.bucket(0, first + 1)).toEqual({error: 0, warn: 1, other: 0});
		expect(buckets.bucket(0, first + 2)).toBeUndefined();
		expect(buckets.bucket(1, T0 / 10_000)).toEqual({error: 2, warn: 1, other: 0});
		expect(buckets.bucket(1, T0 / 10_000 + 1)).toEqual({error: 0, warn: 0, other: 1});
		expect(buckets.bucket(2, T0 / 60_000)).toEqual({error: 2, warn: 1, other: 1});
		expect(buckets.bucket(3, T0 / 600_000)).toEqual({error: 2, warn: 1, other: 2});
		expect(buckets.range(0)).toEqual({first, last: first + 61});
		expect(buckets.range(2)).toEqual({first: T0 / 60_000, last: T0 / 60_000 + 1});
		expect(buckets.range(3)).toEqual({first: T0 / 600_000, last: T0 / 600_000});
		expect(buckets.records).toBe(5);
	});

	it('takes records off, finds the span again when an edge bucket empties, and ignores unusable times', () => {
		const buckets = new TimeBuckets();
		buckets.add(Number.NaN, 'error');
		expect(buckets.range(0)).toBeUndefined();
		const times = [T0 - 3_600_000, T0, T0 + 5000, T0 + 7_200_000];
		for (const time of times) buckets.add(time, 'info');
		expect(buckets.range(0)).toEqual({first: times[0]! / 1000, last: times[3]! / 1000});
		buckets.remove(times[0]!, 'info');
		buckets.remove(Number.NaN, 'error');
		expect(buckets.range(0)).toEqual({first: T0 / 1000, last: times[3]! / 1000});
		buckets.remove(times[3]!, 'info');
		expect(buckets.range(1)).toEqual({first: T0 / 10_000, last: T0 / 10_000});
		expect(buckets.range(0)).toEqual({first: T0 / 1000, last: T0 / 1000 + 5});
		buckets.remove(T0, 'info');
		buckets.remove(T0 + 5000, 'info');
		expect(buckets.range(0)).toBeUndefined();
		expect(buckets.bucket(3, T0 / 600_000)).toBeUndefined();
		buckets.add(T0 + 5000, 'warn');
		expect(buckets.bucket(0, T0 / 1000 + 5)).toEqual({error: 0, warn: 1, other: 0});
		expect(buckets.range(3)).toEqual({first: T0 / 600_000, last: T0 / 600_000});
	});
});

describe('the store keeps the timeline in step with its ring', () => {
	it('counts what the ring holds: evicted records leave their bucket, clear empties it', () => {
		const store = createLogStore({maxRecords: 100});
		// 300 records, one a second, an error every tenth: only the last 100 stay.
		store.append(
			Array.from({length: 300}, (_, index) => raw(index, T0 + index * 1000, index % 10 ? 'info' : 'error')),
		);
		const timeline = store.timeline;
		expect(timeline.records).toBe(100);
		expect(timeline.range(0)).toEqual({first: T0 / 1000 + 200, last: T0 / 1000 + 299});
		expect(timeline.bucket(0, T0 / 1000 + 199)).toBeUndefined();
		expect(timeline.bucket(0, T0 / 1000 + 200)).toEqual({error: 1, warn: 0, other: 0});
		// Minute buckets: 200..239 s is in the 4th minute (40 records, 4 errors), 240..299 in the 5th.
		expect(timeline.bucket(2, T0 / 60_000 + 3)).toEqual({error: 4, warn: 0, other: 36});
		expect(timeline.bucket(2, T0 / 60_000 + 4)).toEqual({error: 6, warn: 0, other: 54});
		let total = 0;
		for (let zoom = 0; zoom < BUCKET_SIZES_MS.length; zoom++) {
			const range = timeline.range(zoom)!;
			let sum = 0;
			for (let bucket = range.first; bucket <= range.last; bucket++) {
				const count = timeline.bucket(zoom, bucket);
				sum += count ? count.error + count.warn + count.other : 0;
			}
			expect(sum, `zoom ${zoom}`).toBe(100);
			total += sum;
		}
		expect(total).toBe(400);
		// A mark takes a slot of the ring (one record leaves) but is no record of the timeline.
		store.addMark();
		expect(timeline.records).toBe(99);
		expect(store.size).toBe(99);
		store.clear();
		expect(timeline.records).toBe(0);
		expect(timeline.range(1)).toBeUndefined();
		store.dispose();
	});

	it('takes off records evicted for the text budget too', () => {
		const store = createLogStore({maxRecords: 1000, maxBytes: 2000});
		store.append(Array.from({length: 200}, (_, index) => raw(index, T0 + index * 1000)));
		expect(store.timeline.records).toBe(store.size);
		expect(store.size).toBeLessThan(200);
		expect(store.timeline.range(0)?.last).toBe(T0 / 1000 + 199);
		expect(store.timeline.range(0)?.first).toBe(T0 / 1000 + 200 - store.size);
		store.dispose();
	});
});
