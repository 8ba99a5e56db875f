import {afterEach, describe, expect, it} from 'vitest';
import {
	createLogStream,
	createRecordProducer,
	createTopicIfMissing,
	createWorkerLogStream,
	type LogStreamOptions,
	sendLogRecords,
} from '../../source/kafka.js';
import type {LogRecord, RawRecord} from '../../source/record/log-record.js';
import type {StartPosition} from '../../source/stream/start-position.js';
import {
	type LogStreamFactory,
	logValues,
	stopOpenStreams,
	waitUntil,
	watchStream as watchWith,
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

/** A parsed record seen as the raw record it was (what these tests check of both streams). */
function rawView(record: LogRecord): RawRecord {
	const bytes = (text: string | null) => (text === null ? null : Buffer.from(text));
	return {
		topic: record.topic,
		partition: record.partition,
		offset: record.offset,
		timestamp: record.kafkaTime,
		key: bytes(record.key),
		value: bytes(record.value),
		headers: Object.fromEntries(
			Object.entries(record.headers).map(([name, value]) => [name, Buffer.from(value)]),
		),
	};
}

/** The worker stream, whose records arrive parsed, checked by the same tests. */
const workerStream: LogStreamFactory = (options) =>
	createWorkerLogStream({
		...options,
		onRecords: (records, behind) => options.onRecords(records.map(rawView), behind),
	});

// The same behaviour from both ways of running the stream: the CLI runs it in a worker thread.
describe.each([
	['in this thread', createLogStream],
	['in a worker thread', workerStream],
] as [string, LogStreamFactory][])('log stream against a real broker, %s', (_where, create) => {
	const watchStream = (topics: string[], start: StartPosition, extra: Partial<LogStreamOptions> = {}) =>
		watchWith(topics, start, extra, create);

	it('tails the last N records spread over 3 partitions, then follows', async () => {
		const topic = uniqueName('tail');
		await createTopic(topic, 3);
		await produceRecords(topic, [...logValues(20, 0), ...logValues(20, 1), ...logValues(20, 2)]);
		const watched = watchStream([topic], {kind: 'tail', count: 9});
		await watched.stream.start();
		await within('caught up', watched.stream.caughtUp());
		expect(watched.ids().sort()).toEqual(
			[0, 1, 2]
				.flatMap((partition) => [17, 18, 19].map((offset) => `${topic}/${partition}/${offset}`))
				.sort(),
		);
		await produceRecords(topic, logValues(3, 1, 100));
		await waitUntil('the new records', () => watched.records.length === 12);
		expect(watched.records.slice(9).map((record) => record.offset)).toEqual([20, 21, 22]);
		expect(watched.states.at(-1)).toEqual({kind: 'live'});
	});

	it('reads everything from the beginning exactly once, as plain records', async () => {
		const topic = uniqueName('beginning');
		await createTopic(topic, 3);
		const sent = Array.from({length: 600}, (_, index) => ({
			key: `k${index}`,
			value: `{"message":"m${index}"}`,
		}));
		await produceRecords(topic, sent);
		const watched = watchStream([topic], {kind: 'beginning'});
		await watched.stream.start();
		await within('caught up', watched.stream.caughtUp());
		expect(watched.records).toHaveLength(600);
		expect(new Set(watched.ids()).size).toBe(600);
		const values = new Set(watched.records.map((record) => record.value?.toString()));
		expect(values).toEqual(new Set(sent.map((record) => record.value)));
		const [first] = watched.records;
		expect(typeof first!.offset).toBe('number');
		expect(typeof first!.timestamp).toBe('number');
		expect(Buffer.isBuffer(first!.key)).toBe(true);
		expect(Math.abs(first!.timestamp - Date.now())).toBeLessThan(120_000);
	});

	it('starts at a point in time with since', async () => {
		const topic = uniqueName('since');
		await createTopic(topic, 2);
		const hourAgo = Date.now() - 3_600_000;
		const old = logValues(10).map((record, index) => ({...record, timestamp: String(hourAgo + index)}));
		await produceRecords(topic, old);
		await produceRecords(topic, logValues(6, undefined, 100));
		const watched = watchStream([topic], {kind: 'since', time: Date.now() - 1_800_000});
		await watched.stream.start();
		await within('caught up', watched.stream.caughtUp());
		expect(watched.records).toHaveLength(6);
		expect(watched.records.every((record) => record.timestamp > hourAgo + 1_000_000)).toBe(true);
	});

	it('pause stops fetching while the lag grows; resume catches up', async () => {
		const topic = uniqueName('pause');
		await createTopic(topic, 3);
		const watched = watchStream([topic], {kind: 'end'});
		await watched.stream.start();
		await waitUntil('live', () => watched.stream.state.kind === 'live');
		await produceRecords(topic, logValues(9));
		await waitUntil('first records', () => watched.records.length === 9);

		watched.stream.pause();
		expect(watched.stream.paused).toBe(true);
		await produceRecords(topic, logValues(30, undefined, 100));
		const lag = () => watched.partitions.reduce((sum, partition) => sum + partition.lag, 0);
		await waitUntil('lag of 30', () => lag() === 30, 10_000);
		expect(watched.records).toHaveLength(9);

		watched.stream.resume();
		await waitUntil('the backlog', () => watched.records.length === 39);
		await waitUntil('no lag', () => lag() === 0, 10_000);
		expect(new Set(watched.ids()).size).toBe(39);
	});

	it('seek re-reads from a new position', async () => {
		const topic = uniqueName('seek');
		await createTopic(topic, 3);
		await produceRecords(topic, logValues(30));
		const watched = watchStream([topic], {kind: 'end'});
		await watched.stream.start();
		await within('caught up', watched.stream.caughtUp());
		await waitUntil('live', () => watched.stream.state.kind === 'live');
		expect(watched.records).toHaveLength(0);

		await watched.stream.seek({kind: 'beginning'});
		await waitUntil('all 30 records', () => watched.records.length === 30);
		await watched.stream.seek({kind: 'tail', count: 3});
		await waitUntil('the last 3 again', () => watched.records.length === 33);
		const lastThree = watched.records.slice(30);
		expect(new Set(lastThree.map((record) => record.partition)).size).toBe(3);
	});

	it('two streams at once each get every record', async () => {
		const topic = uniqueName('two');
		await createTopic(topic, 3);
		const one = watchStream([topic], {kind: 'end'});
		const two = watchStream([topic], {kind: 'end'});
		await Promise.all([one.stream.start(), two.stream.start()]);
		await waitUntil('both live', () => one.stream.state.kind === 'live' && two.stream.state.kind === 'live');
		await produceRecords(topic, logValues(90));
		await waitUntil('90 records each', () => one.records.length === 90 && two.records.length === 90);
		expect(new Set(one.ids())).toEqual(new Set(two.ids()));
		expect(one.groupId).not.toBe(two.groupId);
	});

	it('never commits, and deletes its group on stop', async () => {
		const topic = uniqueName('group');
		await createTopic(topic, 2);
		await produceRecords(topic, logValues(10));
		const watched = watchStream([topic], {kind: 'beginning'});
		await watched.stream.start();
		await within('caught up', watched.stream.caughtUp());
		await withAdmin(testBootstrap(), async (admin) => {
			const {groups} = await admin.listGroups();
			expect(groups.map((group) => group.groupId)).toContain(watched.groupId);
			const [offsets] = await admin.fetchOffsets({groupId: watched.groupId, topics: [topic]});
			expect(offsets!.partitions.map((partition) => partition.offset)).toEqual(['-1', '-1']);
		});
		await watched.stream.stop();
		expect(watched.states.at(-1)).toEqual({kind: 'stopped'});
		await withAdmin(testBootstrap(), async (admin) => {
			const {groups} = await admin.listGroups();
			expect(groups.map((group) => group.groupId)).not.toContain(watched.groupId);
		});
		// Stopping twice is harmless.
		await watched.stream.stop();
	});

	it('producer helpers create a topic once and send keys, headers and timestamps the stream reads back', async () => {
		const topic = uniqueName('produce');
		const connection = {brokers: testBootstrap().split(',')};
		expect(await createTopicIfMissing(connection, topic, {partitions: 3})).toBe(true);
		expect(await createTopicIfMissing(connection, topic, {partitions: 3})).toBe(false);
		await sendLogRecords(connection, topic, [
			{key: 'auth', value: '{"message":"login"}', headers: {trace: 'abc'}, timestamp: 1_700_000_000_000},
		]);
		const producer = createRecordProducer(connection);
		await producer.send(topic, [{value: null, partition: 2}]);
		await producer.disconnect();
		const watched = watchStream([topic], {kind: 'beginning'});
		await watched.stream.start();
		await within('caught up', watched.stream.caughtUp());
		expect(watched.records).toHaveLength(2);
		const login = watched.records.find((record) => record.value !== null)!;
		expect(login.key?.toString()).toBe('auth');
		expect(login.headers?.trace?.toString()).toBe('abc');
		expect(login.timestamp).toBe(1_700_000_000_000);
		const tombstone = watched.records.find((record) => record.value === null)!;
		expect(tombstone.partition).toBe(2);
	});
});
