import {describe, expect, it} from 'vitest';
import {createPartitionStarts} from '../../../../../source/kafka/log-stream/topics/partition-starts.js';
import type {PartitionRange} from '../../../../../source/kafka/log-stream/topics/start-offsets.js';

function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (error: Error) => void;
	const promise = new Promise<T>((ok, fail) => {
		resolve = ok;
		reject = fail;
	});
	return {promise, resolve, reject};
}

const noReports = {skipped: () => undefined, wentBack: () => undefined};

/** Let the look-ups that wait for `answer` run on. */
async function settled(answer: Promise<unknown>): Promise<void> {
	await answer;
	await new Promise((resolve) => setImmediate(resolve));
}

describe('createPartitionStarts', () => {
	it('holds an added partition until its log start is known, then seeks it there', async () => {
		const positions = new Map<number, number>([[0, 40]]);
		const answer = deferred<PartitionRange[]>();
		const seeks: string[] = [];
		const starts = createPartitionStarts({
			...noReports,
			position: (_topic, partition) => positions.get(partition),
			ranges: () => answer.promise,
			setPosition: (_topic, partition, offset) => positions.set(partition, offset),
		});
		starts.afterJoin(new Map([['logs', [0, 1, 2]]]), {
			isCurrent: () => true,
			seek: (topic, partition, offset) => seeks.push(`${topic}/${partition}@${offset}`),
		});
		expect([0, 1, 2].map((partition) => starts.holds('logs', partition))).toEqual([false, true, true]);
		answer.resolve([
			{partition: 0, low: 0, high: 50},
			{partition: 1, low: 0, high: 4},
			{partition: 2, low: 3, high: 3},
		]);
		await settled(answer.promise);
		expect(seeks).toEqual(['logs/1@0', 'logs/2@3']);
		expect(starts.holds('logs', 1)).toBe(false);
		expect(positions.get(2)).toBe(3);
	});

	it('does not seek for a consumer that is no longer ours, and a new join replaces the old one', async () => {
		const answer = deferred<PartitionRange[]>();
		const seeks: string[] = [];
		let current = true;
		const starts = createPartitionStarts({
			...noReports,
			position: () => undefined,
			ranges: () => answer.promise,
			setPosition: () => undefined,
		});
		const seek = (topic: string, partition: number, offset: number) =>
			seeks.push(`${topic}/${partition}@${offset}`);
		starts.afterJoin(new Map([['logs', [0]]]), {isCurrent: () => current, seek});
		current = false;
		starts.afterJoin(new Map([['logs', [5]]]), {isCurrent: () => true, seek});
		expect(starts.holds('logs', 0)).toBe(false);
		expect(starts.holds('logs', 5)).toBe(true);
		answer.resolve([
			{partition: 0, low: 0, high: 1},
			{partition: 5, low: 0, high: 1},
		]);
		await settled(answer.promise);
		expect(seeks).toEqual(['logs/5@0']);
	});

	it('out of range: reads on from the new log start and says what was removed, or tells a topic created again', async () => {
		const positions = new Map<string, number>([
			['trimmed', 10],
			['inside', 4],
			['recreated', 30],
		]);
		const reports: string[] = [];
		const seeks: string[] = [];
		const ranges: Record<string, PartitionRange[]> = {
			trimmed: [{partition: 0, low: 15, high: 22}],
			inside: [{partition: 0, low: 0, high: 9}],
			recreated: [{partition: 0, low: 0, high: 3}],
		};
		const starts = createPartitionStarts({
			position: (topic) => positions.get(topic),
			ranges: async (topic) => ranges[topic]!,
			setPosition: (topic, _partition, offset) => positions.set(topic, offset),
			skipped: (topic, partition, from, to) => reports.push(`${topic}/${partition} removed ${from}-${to}`),
			wentBack: (topic) => reports.push(`${topic} went back`),
		});
		const join = {
			isCurrent: () => true,
			seek: (topic: string, _p: number, offset: number) => seeks.push(`${topic}@${offset}`),
		};
		for (const topic of ['trimmed', 'inside', 'recreated']) starts.outOfRange(topic, 0, join);
		expect(starts.holds('trimmed', 0)).toBe(true);
		await settled(Promise.resolve());
		expect(reports).toEqual(['trimmed/0 removed 10-15', 'recreated went back']);
		expect(seeks).toEqual(['trimmed@15', 'inside@4']);
		expect(['trimmed', 'inside', 'recreated'].map((topic) => starts.holds(topic, 0))).toEqual([
			false,
			false,
			false,
		]);
	});
});
