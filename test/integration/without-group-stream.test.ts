/**
 * The log stream without a consumer group (`withoutGroup`, the CLI's `--without-group`): it
 * follows a topic live, pauses, re-reads after a seek, goes on from the new log start when
 * retention (here deleteRecords) moved it under a paused reader, picks up new partitions, and
 * never creates a group (issue 10, item 3).
 */
import {setTimeout as sleep} from 'node:timers/promises';
import {afterEach, describe, expect, it} from 'vitest';
import {
	logValues,
	stopOpenStreams,
	waitUntil,
	watchStream,
	within,
} from '../support/kafka/kafka-stream-helpers.js';
import {
	createTopic,
	produceRecords,
	testBootstrap,
	uniqueName,
	withAdmin,
} from '../support/kafka/test-kafka.js';

afterEach(stopOpenStreams);

const groupIds = () =>
	withAdmin(testBootstrap(), async (admin) => (await admin.listGroups()).groups.map((g) => g.groupId));

describe('log stream without a consumer group', () => {
	it('reads, follows, pauses and re-reads after a seek; no group appears', async () => {
		const topic = uniqueName('nogroup-stream');
		await createTopic(topic, 3);
		await produceRecords(topic, [...logValues(10, 0), ...logValues(10, 1), ...logValues(10, 2)]);
		const watched = watchStream([topic], {kind: 'beginning'}, {withoutGroup: true});
		await watched.stream.start();
		await within('caught up', watched.stream.caughtUp());
		await waitUntil('30 records', () => watched.records.length === 30);
		expect(new Set(watched.ids()).size).toBe(30);
		expect(watched.states.at(-1)).toEqual({kind: 'live'});
		expect(watched.partitions.every((partition) => partition.assigned)).toBe(true);

		await produceRecords(topic, logValues(3, 1, 100));
		await waitUntil('the new records', () => watched.records.length === 33);
		expect(watched.records.slice(30).map((record) => record.offset)).toEqual([10, 11, 12]);

		watched.stream.pause();
		await sleep(300);
		await produceRecords(topic, logValues(2, 2, 200));
		await sleep(1500);
		expect(watched.records).toHaveLength(33);
		// Paused on purpose is not a stall.
		expect(watched.states.at(-1)).toEqual({kind: 'live'});
		watched.stream.resume();
		await waitUntil('the records produced while paused', () => watched.records.length === 35);

		await watched.stream.seek({kind: 'beginning'});
		await waitUntil('everything again', () => watched.records.length === 70);
		const again = watched.ids().slice(35).sort();
		expect(again).toEqual(watched.ids().slice(0, 35).sort());

		expect(await groupIds()).not.toContain(watched.groupId);
		await watched.stream.stop();
		expect(await groupIds()).not.toContain(watched.groupId);
	}, 60_000);

	it('goes on from the new log start when records it has not read were deleted', async () => {
		const topic = uniqueName('nogroup-retention');
		await createTopic(topic, 1);
		await produceRecords(topic, logValues(100, 0));
		const watched = watchStream([topic], {kind: 'beginning'}, {withoutGroup: true});
		// Paused before it starts: positions are computed (offset 0), nothing is fetched.
		watched.stream.pause();
		await watched.stream.start();
		await withAdmin(testBootstrap(), async (admin) => {
			// kafkajs' deleteTopicRecords needs the topic's metadata loaded first.
			await admin.fetchTopicMetadata({topics: [topic]});
			await admin.deleteTopicRecords({topic, partitions: [{partition: 0, offset: '60'}]});
		});
		watched.stream.resume();
		await waitUntil('the records after the new start', () => watched.records.length === 40);
		expect(watched.records.map((record) => record.offset)).toEqual(
			Array.from({length: 40}, (_, index) => 60 + index),
		);
		// A log that moved is not a connection problem.
		expect(watched.states.filter((state) => state.kind === 'reconnecting')).toEqual([]);
		await within('caught up', watched.stream.caughtUp());
		await produceRecords(topic, logValues(2, 0, 500));
		await waitUntil('live records', () => watched.records.length === 42);
		expect(watched.records.at(-1)?.offset).toBe(101);
	}, 60_000);

	it('reads partitions added while it runs, from their beginning', async () => {
		const topic = uniqueName('nogroup-grow');
		await createTopic(topic, 1);
		await produceRecords(topic, logValues(5, 0));
		const watched = watchStream([topic], {kind: 'beginning'}, {withoutGroup: true});
		await watched.stream.start();
		await waitUntil('5 records', () => watched.records.length === 5);
		await withAdmin(testBootstrap(), (admin) =>
			admin.createPartitions({topicPartitions: [{topic, count: 3}]}),
		);
		await produceRecords(topic, [...logValues(4, 1), ...logValues(4, 2)]);
		await waitUntil('the records of the new partitions', () => watched.records.length === 13, 20_000);
		const fresh = watched.records.slice(5);
		for (const partition of [1, 2]) {
			expect(fresh.filter((record) => record.partition === partition).map((record) => record.offset)).toEqual(
				[0, 1, 2, 3],
			);
		}
	}, 60_000);
});
