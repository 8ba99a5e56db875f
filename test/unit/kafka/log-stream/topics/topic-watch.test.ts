import {describe, expect, it} from 'vitest';
import {createPartitionTracker} from '../../../../../source/kafka/log-stream/partition-tracker.js';
import type {PartitionRange} from '../../../../../source/kafka/log-stream/topics/start-offsets.js';
import {
	createTopicWatch,
	offsetsWentBack,
	removedUnreadMessage,
	signalsTopicChange,
	type TopicChange,
	topicChangeMessage,
} from '../../../../../source/kafka/log-stream/topics/topic-watch.js';

/**
 * A cluster the watch looks at, with topic 'logs' read at `positions` (partition → position) and
 * holding `ranges`; a topic without ranges is missing, and `down` means nothing answers.
 */
function fakeCluster(positions: number[], ranges: PartitionRange[]) {
	const tracker = createPartitionTracker(() => 0);
	for (const [partition, position] of positions.entries()) tracker.setPosition('logs', partition, position);
	const cluster = {
		ranges: new Map<string, PartitionRange[]>([['logs', ranges]]),
		down: false,
		busy: new Set<string>(),
		restarts: [] as [string, TopicChange][],
		looks: 0,
	};
	const watch = createTopicWatch({
		topics: ['logs'],
		tracker,
		async ranges(topic) {
			cluster.looks += 1;
			const ranges = cluster.ranges.get(topic);
			if (cluster.down || !ranges) throw new Error('This server does not host this topic-partition');
			return ranges;
		},
		async exists(topic) {
			return cluster.down ? undefined : cluster.ranges.has(topic);
		},
		busy: (topic) => cluster.busy.has(topic),
		restart: (topic, change) => cluster.restarts.push([topic, change]),
		changed: () => undefined,
	});
	return {cluster, watch, tracker};
}

describe('offsetsWentBack', () => {
	const at = (positions: Record<number, number>) => (partition: number) => positions[partition];
	it('is true only when a partition ends below our position', () => {
		expect(offsetsWentBack([{partition: 0, low: 0, high: 3}], at({0: 10}))).toBe(true);
		expect(offsetsWentBack([{partition: 0, low: 0, high: 10}], at({0: 10}))).toBe(false);
		// The log start moving past us (retention, deleteRecords) is not a new topic.
		expect(offsetsWentBack([{partition: 0, low: 20, high: 20}], at({0: 10}))).toBe(false);
		// A partition we have no position in (added since) says nothing.
		expect(offsetsWentBack([{partition: 4, low: 0, high: 0}], at({0: 10}))).toBe(false);
	});
});

describe('signalsTopicChange', () => {
	it("takes kafkajs' fetch errors for a missing partition and its out-of-range resets", () => {
		expect(
			signalsTopicChange({
				level: 'error',
				namespace: 'Connection',
				message: 'Response Fetch(key: 1, version: 11)',
				error: 'This server does not host this topic-partition',
			}),
		).toBe(true);
		expect(
			signalsTopicChange({
				level: 'error',
				namespace: 'ConsumerGroup',
				message: 'Offset out of range, resetting to default offset',
			}),
		).toBe(true);
		expect(
			signalsTopicChange({
				level: 'error',
				namespace: 'Connection',
				message: 'Connection error',
				error: 'ECONNREFUSED',
			}),
		).toBe(false);
	});
});

describe('createTopicWatch', () => {
	it('tells a deleted topic once, waits for it, then starts it from its log start', async () => {
		const {cluster, watch, tracker} = fakeCluster(
			[10, 7],
			[
				{partition: 0, low: 0, high: 10},
				{partition: 1, low: 0, high: 7},
			],
		);
		await watch.refresh();
		expect(cluster.restarts).toEqual([]);

		cluster.ranges.delete('logs');
		await watch.refresh();
		await watch.refresh(true);
		expect(cluster.restarts).toEqual([['logs', 'deleted']]);
		expect(watch.isDeleted('logs')).toBe(true);
		expect(watch.waitingReason(['logs'])).toBe(
			"topic 'logs' was deleted; waiting for it to be created again",
		);

		// Back with one partition and three records: it starts at its beginning, the old partition 1 is gone.
		cluster.ranges.set('logs', [{partition: 0, low: 0, high: 3}]);
		const started: string[] = [];
		await watch.startFresh((topic, ranges) => started.push(`${topic}:${JSON.stringify(ranges)}`));
		expect(started).toEqual(['logs:[{"partition":0,"low":0,"high":3}]']);
		expect(
			tracker.snapshot().map((status) => [status.partition, tracker.position('logs', status.partition)]),
		).toEqual([[0, 0]]);
		expect(watch.isDeleted('logs')).toBe(false);
		expect(watch.waitingReason(['logs'])).toBe("waiting for topic 'logs'");
		// Started once: nothing left to start.
		await watch.startFresh(() => started.push('again'));
		expect(started).toHaveLength(1);
	});

	it('takes offsets that went back for a topic created again, and leaves a busy topic alone', async () => {
		const {cluster, watch} = fakeCluster([10], [{partition: 0, low: 0, high: 2}]);
		cluster.busy.add('logs');
		await watch.refresh();
		expect(cluster.looks).toBe(0);
		await watch.refresh(true);
		expect(cluster.restarts).toEqual([['logs', 'recreated']]);
		// Waiting for the session: not told twice, also not by another part of the stream.
		await watch.refresh(true);
		watch.report('logs', 'recreated');
		expect(cluster.restarts).toHaveLength(1);
	});

	it('gives partitions added since the start their log start, and keeps quiet when the cluster does not answer', async () => {
		const {cluster, watch, tracker} = fakeCluster(
			[5],
			[
				{partition: 0, low: 0, high: 5},
				{partition: 1, low: 2, high: 9},
			],
		);
		await watch.refresh();
		expect(tracker.position('logs', 1)).toBe(2);
		expect(tracker.snapshot().map((status) => status.highWatermark)).toEqual([5, 9]);

		cluster.down = true;
		await watch.refresh();
		expect(cluster.restarts).toEqual([]);
	});

	it('words the lines the user reads', () => {
		expect(removedUnreadMessage('logs', 2, 10, 15)).toBe(
			"records 10-14 of topic 'logs' partition 2 were removed (retention or deleteRecords) before they were read",
		);
		expect(removedUnreadMessage('logs', 2, 10, 11)).toMatch(/^record 10 of topic/);
		expect(topicChangeMessage('logs', 'deleted', 'b:9092')).toBe(
			"topic 'logs' was deleted from b:9092; waiting for it to be created again",
		);
		// --exit: a deleted topic ends the run, nothing waits.
		expect(topicChangeMessage('logs', 'deleted', 'b:9092', false)).toBe(
			"topic 'logs' was deleted from b:9092",
		);
		expect(topicChangeMessage('logs', 'recreated', 'b:9092')).toBe(
			"topic 'logs' was created again (its offsets went back); reading it from its start",
		);
	});
});
