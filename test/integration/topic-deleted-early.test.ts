/**
 * A topic deleted while our group is still forming (issue 10, item 2), on the broker with
 * Kafka's production defaults: the start window is read from the partition leaders, then the
 * topic goes before the group's 3 s delay is over. kafkajs' disconnect() did not stop the
 * consumer that was still joining: it restarted itself, joined our group as a second member
 * and held partitions whose records never showed. With several topics, one deleted topic must
 * not hold up the others, with or without a group. Records come from kcat, to the partition named.
 */
import {execFileSync} from 'node:child_process';
import {afterEach, describe, expect, it} from 'vitest';
import {createLogStream, createWorkerLogStream} from '../../source/kafka.js';
import type {LogRecord, RawRecord} from '../../source/record/log-record.js';
import {
	type LogStreamFactory,
	stopOpenStreams,
	waitUntil,
	watchStream,
} from '../support/kafka/kafka-stream-helpers.js';
import {createTopic, productionBootstrap, uniqueName, withAdmin} from '../support/kafka/test-kafka.js';

function kcatProduce(topic: string, partition: number, count: number, tag: string): void {
	const lines = Array.from({length: count}, (_, index) => JSON.stringify({message: `${tag} ${index}`}));
	execFileSync('kcat', ['-b', productionBootstrap(), '-P', '-t', topic, '-p', String(partition)], {
		input: `${lines.join('\n')}\n`,
		stdio: ['pipe', 'ignore', 'pipe'],
	});
}

const deleteTopic = (topic: string) =>
	withAdmin(productionBootstrap(), (admin) => admin.deleteTopics({topics: [topic], timeout: 10_000}));

const groupMembers = (groupId: string) =>
	withAdmin(productionBootstrap(), async (admin) => {
		const {groups} = await admin.describeGroups([groupId]);
		return {state: groups[0]?.state, members: groups[0]?.members.length ?? 0};
	});

/** `partition/offset message` of the records of one topic. */
const keys = (records: readonly RawRecord[], topic: string) =>
	records
		.filter((record) => record.topic === topic)
		.map((record) => `${record.partition}/${record.offset} ${JSON.parse(String(record.value)).message}`);

/** The other topic's records: 3 before the deletion, 2 while it lasts, then `after`. */
const otherKeys = (...after: string[]) => [
	'0/0 before 0',
	'0/1 before 1',
	'0/2 before 2',
	'0/3 during 0',
	'0/4 during 1',
	...after,
];

afterEach(stopOpenStreams);

/** The worker stream, its parsed records given back as raw ones with their message as the value. */
const workerStream: LogStreamFactory = (options) =>
	createWorkerLogStream({
		...options,
		onRecords: (records: LogRecord[], behind) =>
			options.onRecords(
				records.map(
					(record) =>
						({
							...record,
							value: Buffer.from(JSON.stringify({message: record.message})),
						}) as unknown as RawRecord,
				),
				behind,
			),
	});

const factories: Array<[string, LogStreamFactory]> = [
	['in this thread', createLogStream],
	['in a worker', workerStream],
];

describe('a topic deleted while the group forms, then created again (production-defaults broker)', () => {
	it.each(factories)(
		'%s: every record of the new topic shows once, one member, group gone after',
		async (_, create) => {
			const topic = uniqueName('early-deleted');
			await createTopic(topic, 2, {bootstrap: productionBootstrap()});
			for (const partition of [0, 1]) kcatProduce(topic, partition, 5, 'old');
			const resets: string[] = [];
			const watched = watchStream(
				[topic],
				{kind: 'beginning'},
				{brokers: [productionBootstrap()], onTopicReset: (reset) => resets.push(reset)},
				create,
			);
			// Not awaited: start() resolves only once the group has formed, and this is about before.
			void watched.stream.start();
			await waitUntil('the old records, read from the leaders', () => watched.records.length === 10, 15_000);
			const formed = await groupMembers(watched.groupId);
			await deleteTopic(topic);
			await waitUntil(
				'the deleted line',
				() => watched.errors.some((line) => /was deleted/.test(line)),
				10_000,
			);
			await createTopic(topic, 2, {bootstrap: productionBootstrap()});
			for (const partition of [0, 1]) kcatProduce(topic, partition, 3, 'new');
			// The member kafkajs was still joining with holds the group until its session ends (10 s).
			await waitUntil('the new records', () => watched.records.length === 16, 40_000);
			await new Promise((resolve) => setTimeout(resolve, 1000));

			// Deleted before the group had any partition: the group was still forming.
			expect(['Dead', 'Empty', 'PreparingRebalance']).toContain(formed.state);
			expect(keys(watched.records, topic).slice(10).sort()).toEqual(
				['0/0 new 0', '0/1 new 1', '0/2 new 2', '1/0 new 0', '1/1 new 1', '1/2 new 2'].sort(),
			);
			expect(resets).toEqual([topic]);
			// Only our current consumer is in the group: no dropped one came back by itself.
			expect(await groupMembers(watched.groupId)).toEqual({state: 'Stable', members: 1});
			await watched.stream.stop();
			await new Promise((resolve) => setTimeout(resolve, 2000));
			// Deleted on exit, which the broker refuses while any member is left.
			expect((await groupMembers(watched.groupId)).state).toBe('Dead');
			expect(watched.states.at(-1)).toEqual({kind: 'stopped'});
		},
	);

	it('without a group: the other topic is read on while one is deleted, which is then read from its start', async () => {
		const topic = uniqueName('nogroup-deleted');
		const other = uniqueName('nogroup-other');
		await createTopic(topic, 2, {bootstrap: productionBootstrap()});
		await createTopic(other, 1, {bootstrap: productionBootstrap()});
		for (const partition of [0, 1]) kcatProduce(topic, partition, 5, 'old');
		kcatProduce(other, 0, 3, 'before');
		const resets: string[] = [];
		const watched = watchStream(
			[topic, other],
			{kind: 'beginning'},
			{brokers: [productionBootstrap()], withoutGroup: true, onTopicReset: (reset) => resets.push(reset)},
		);
		await watched.stream.start();
		await waitUntil('the first records', () => watched.records.length === 13, 15_000);
		await deleteTopic(topic);
		await waitUntil(
			'the deleted line',
			() => watched.errors.some((line) => /was deleted/.test(line)),
			10_000,
		);
		const waiting = {
			kind: 'connecting',
			reason: `topic '${topic}' was deleted; waiting for it to be created again`,
		};
		await waitUntil(
			'the waiting state',
			() => JSON.stringify(watched.stream.state) === JSON.stringify(waiting),
		);
		const statesBefore = watched.states.length;

		kcatProduce(other, 0, 2, 'during');
		await waitUntil('the other topic, while one is deleted', () => keys(watched.records, other).length === 5);
		// Another look or two at the missing topic: the state stays what it is (no flip to live).
		await new Promise((resolve) => setTimeout(resolve, 2500));
		expect(watched.states.slice(statesBefore)).toEqual([]);

		// Created again with one partition more: every partition read from its start.
		await createTopic(topic, 3, {bootstrap: productionBootstrap()});
		for (const partition of [0, 1, 2]) kcatProduce(topic, partition, 2, 'new');
		await waitUntil('the new records', () => keys(watched.records, topic).length === 16, 20_000);
		await new Promise((resolve) => setTimeout(resolve, 1000));

		expect(keys(watched.records, other)).toEqual(otherKeys());
		expect(keys(watched.records, topic).slice(10).sort()).toEqual(
			['0/0 new 0', '0/1 new 1', '1/0 new 0', '1/1 new 1', '2/0 new 0', '2/1 new 1'].sort(),
		);
		expect(resets).toEqual([topic]);
		expect(watched.stream.state).toEqual({kind: 'live'});
		expect(
			watched.partitions
				.filter((entry) => entry.assigned)
				.map((entry) => `${entry.topic}/${entry.partition}`),
		).toEqual(expect.arrayContaining([`${topic}/0`, `${topic}/1`, `${topic}/2`, `${other}/0`]));
	});

	it('with our group: the other topic is read on while one is deleted, which is then read from its start', async () => {
		const topic = uniqueName('group-deleted');
		const other = uniqueName('group-other');
		await createTopic(topic, 1, {bootstrap: productionBootstrap()});
		await createTopic(other, 1, {bootstrap: productionBootstrap()});
		kcatProduce(topic, 0, 3, 'old');
		kcatProduce(other, 0, 3, 'before');
		const resets: string[] = [];
		const watched = watchStream(
			[topic, other],
			{kind: 'beginning'},
			{brokers: [productionBootstrap()], onTopicReset: (reset) => resets.push(reset)},
		);
		// Resolves once the group has formed: the deletion comes after.
		await watched.stream.start();
		await waitUntil('the first records', () => watched.records.length === 6, 15_000);
		await deleteTopic(topic);
		await waitUntil(
			'the deleted line',
			() => watched.errors.some((line) => /was deleted/.test(line)),
			10_000,
		);

		kcatProduce(other, 0, 2, 'during');
		// Our group joins again without the deleted topic (3 s on this broker), then reads on.
		await waitUntil(
			'the other topic, while one is deleted',
			() => keys(watched.records, other).length === 5,
			20_000,
		);
		expect(watched.stream.state).toEqual({
			kind: 'connecting',
			reason: `topic '${topic}' was deleted; waiting for it to be created again`,
		});

		await createTopic(topic, 2, {bootstrap: productionBootstrap()});
		for (const partition of [0, 1]) kcatProduce(topic, partition, 2, 'new');
		kcatProduce(other, 0, 1, 'after');
		await waitUntil(
			'the new records and the other topic',
			() => keys(watched.records, topic).length === 7 && keys(watched.records, other).length === 6,
			30_000,
		);
		await new Promise((resolve) => setTimeout(resolve, 1000));

		expect(keys(watched.records, other)).toEqual(otherKeys('0/5 after 0'));
		expect(keys(watched.records, topic).slice(3).sort()).toEqual(
			['0/0 new 0', '0/1 new 1', '1/0 new 0', '1/1 new 1'].sort(),
		);
		expect(resets).toEqual([topic]);
		expect(watched.stream.state).toEqual({kind: 'live'});
		expect(await groupMembers(watched.groupId)).toEqual({state: 'Stable', members: 1});
	});
});
