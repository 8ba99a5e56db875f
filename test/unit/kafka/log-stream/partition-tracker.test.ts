import {describe, expect, it} from 'vitest';
import {createPartitionTracker} from '../../../../source/kafka/log-stream/partition-tracker.js';

describe('createPartitionTracker', () => {
	it('tracks last offset, position, high watermark and lag per partition', () => {
		const tracker = createPartitionTracker(() => 0);
		tracker.setPosition('logs', 0, 10);
		tracker.setHighWatermark('logs', 0, 50);
		expect(tracker.snapshot()).toEqual([
			{topic: 'logs', partition: 0, offset: -1, highWatermark: 50, lag: 40, rate: 0, assigned: false},
		]);
		tracker.recordBatch('logs', 0, {
			records: 5,
			lastRecordOffset: 14,
			batchLastOffset: 15,
			highWatermark: 60,
		});
		const [status] = tracker.snapshot();
		expect(status).toMatchObject({offset: 14, highWatermark: 60, lag: 44});
		expect(tracker.position('logs', 0)).toBe(16);
	});

	it('moves the position over marker-only batches without changing the last record offset', () => {
		const tracker = createPartitionTracker(() => 0);
		tracker.recordBatch('t', 1, {records: 3, lastRecordOffset: 2, batchLastOffset: 2});
		tracker.recordBatch('t', 1, {records: 0, batchLastOffset: 3});
		expect(tracker.position('t', 1)).toBe(4);
		expect(tracker.snapshot()[0]!.offset).toBe(2);
	});

	it('never moves a position back on a batch, but a seek may', () => {
		const tracker = createPartitionTracker(() => 0);
		tracker.recordBatch('t', 0, {records: 1, lastRecordOffset: 9, batchLastOffset: 9});
		tracker.recordBatch('t', 0, {records: 0, batchLastOffset: 4});
		expect(tracker.position('t', 0)).toBe(10);
		tracker.setPosition('t', 0, 0);
		expect(tracker.position('t', 0)).toBe(0);
	});

	it('marks exactly the assigned partitions of a topic, ordered by topic and partition', () => {
		const tracker = createPartitionTracker(() => 0);
		tracker.setAssigned('b', [2, 0]);
		tracker.setAssigned('a', [1]);
		tracker.setAssigned('b', [2]);
		expect(tracker.snapshot().map((s) => [s.topic, s.partition, s.assigned])).toEqual([
			['a', 1, true],
			['b', 0, false],
			['b', 2, true],
		]);
		tracker.unassignAll();
		expect(tracker.snapshot().every((s) => !s.assigned)).toBe(true);
	});

	it('computes records per second over the last five whole seconds', () => {
		let now = 10_000;
		const tracker = createPartitionTracker(() => now);
		for (let second = 0; second < 5; second++) {
			tracker.recordBatch('t', 0, {records: 100, lastRecordOffset: second, batchLastOffset: second});
			now += 1000;
		}
		expect(tracker.snapshot()[0]!.rate).toBe(100);
		now += 10_000;
		expect(tracker.snapshot()[0]!.rate).toBe(0);
	});

	it('bumps its version on changes', () => {
		const tracker = createPartitionTracker(() => 0);
		const before = tracker.version;
		tracker.setHighWatermark('t', 0, 5);
		expect(tracker.version).toBeGreaterThan(before);
		const same = tracker.version;
		tracker.setHighWatermark('t', 0, 5);
		expect(tracker.version).toBe(same);
		expect(tracker.position('t', 0)).toBeUndefined();
	});
	it('forgets every partition of a topic, and only of that topic', () => {
		const tracker = createPartitionTracker(() => 0);
		tracker.setPosition('logs', 0, 10);
		tracker.setPosition('logs', 1, 3);
		tracker.setPosition('other', 0, 5);
		const before = tracker.version;
		tracker.forgetTopic('logs');
		expect(tracker.version).toBeGreaterThan(before);
		expect(tracker.position('logs', 0)).toBeUndefined();
		expect(tracker.snapshot().map((status) => `${status.topic}/${status.partition}`)).toEqual(['other/0']);
	});
});
