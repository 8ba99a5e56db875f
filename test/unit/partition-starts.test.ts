import {describe, expect, it} from 'vitest';
import {createPartitionStarts} from '../../source/kafka/partition-starts.js';
import type {PartitionRange} from '../../source/kafka/start-offsets.js';

function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (error: Error) => void;
	const promise = new Promise<T>((ok, fail) => {
		resolve = ok;
		reject = fail;
	});
	return {promise, resolve, reject};
}

describe('createPartitionStarts', () => {
	it('holds an added partition until its log start is known, then seeks it there', async () => {
		const positions = new Map<number, number>([[0, 40]]);
		const answer = deferred<PartitionRange[]>();
		const seeks: string[] = [];
		const starts = createPartitionStarts({
			position: (_topic, partition) => positions.get(partition),
			ranges: () => answer.promise,
			setStart: (_topic, range) => positions.set(range.partition, range.low),
		});
		starts.afterJoin(
			new Map([['logs', [0, 1, 2]]]),
			() => true,
			(topic, partition, offset) => seeks.push(`${topic}/${partition}@${offset}`),
		);
		expect([0, 1, 2].map((partition) => starts.holds('logs', partition))).toEqual([false, true, true]);
		answer.resolve([
			{partition: 0, low: 0, high: 50},
			{partition: 1, low: 0, high: 4},
			{partition: 2, low: 3, high: 3},
		]);
		await answer.promise;
		await new Promise((resolve) => setImmediate(resolve));
		expect(seeks).toEqual(['logs/1@0', 'logs/2@3']);
		expect(starts.holds('logs', 1)).toBe(false);
		expect(positions.get(2)).toBe(3);
	});

	it('does not seek for a consumer that is no longer ours, and a new join replaces the old one', async () => {
		const answer = deferred<PartitionRange[]>();
		const seeks: string[] = [];
		let current = true;
		const starts = createPartitionStarts({
			position: () => undefined,
			ranges: () => answer.promise,
			setStart: () => undefined,
		});
		const seek = (topic: string, partition: number, offset: number) =>
			seeks.push(`${topic}/${partition}@${offset}`);
		starts.afterJoin(new Map([['logs', [0]]]), () => current, seek);
		current = false;
		starts.afterJoin(new Map([['logs', [5]]]), () => true, seek);
		expect(starts.holds('logs', 0)).toBe(false);
		expect(starts.holds('logs', 5)).toBe(true);
		answer.resolve([
			{partition: 0, low: 0, high: 1},
			{partition: 5, low: 0, high: 1},
		]);
		await answer.promise;
		await new Promise((resolve) => setImmediate(resolve));
		expect(seeks).toEqual(['logs/5@0']);
	});
});
