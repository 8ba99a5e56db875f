import {existsSync, mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {createLogStream} from '../../source/kafka.js';
import {freePort} from '../../tools/kafka/free-port.js';
import {
	logValues,
	openStreams,
	stopOpenStreams,
	waitUntil,
	watchStream,
	within,
} from '../support/kafka/kafka-stream-helpers.js';
import {createTopic, produceRecords, testBootstrap, uniqueName} from '../support/kafka/test-kafka.js';

afterEach(async () => {
	vi.restoreAllMocks();
	await stopOpenStreams();
});

describe('log stream when things go wrong', () => {
	it('reports an unreachable broker as reconnecting with the reason, retries, never throws, logs only to its file', async () => {
		const consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
			vi.spyOn(console, method),
		);
		const port = await freePort();
		const logFile = join(mkdtempSync(join(tmpdir(), 'klog-kafka-log-')), 'kafka.log');
		const states: string[] = [];
		const errors: string[] = [];
		const stream = createLogStream({
			brokers: [`127.0.0.1:${port}`],
			topics: ['anything'],
			groupId: uniqueName('klog-tui-test'),
			start: {kind: 'tail', count: 10},
			connectionTimeoutMs: 1000,
			logFile,
			onRecords: () => undefined,
			onStatus: (state) => states.push(JSON.stringify(state)),
			onError: (message) => errors.push(message),
		});
		openStreams.add(stream);
		await within('start() to return', stream.start(), 20_000);
		expect(stream.state).toEqual({
			kind: 'reconnecting',
			reason: `cannot connect to 127.0.0.1:${port} (connection refused)`,
			attempt: 1,
		});
		await waitUntil(
			'a second attempt',
			() => stream.state.kind === 'reconnecting' && stream.state.attempt >= 2,
		);
		expect(JSON.parse(states[0]!)).toEqual({kind: 'connecting'});
		// Connection trouble is a status, not an error line.
		expect(errors).toEqual([]);
		const stopping = Date.now();
		await stream.stop();
		expect(Date.now() - stopping).toBeLessThan(5000);
		expect(stream.state).toEqual({kind: 'stopped'});
		expect(existsSync(logFile) && readFileSync(logFile, 'utf8')).toContain('ECONNREFUSED');
		for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
	});

	it('says once that a topic is missing, waits for it, and streams once it exists', async () => {
		const topic = uniqueName('missing');
		const watched = watchStream([topic], {kind: 'beginning'});
		await watched.stream.start();
		expect(watched.errors).toEqual([`topic '${topic}' does not exist on ${testBootstrap()}`]);
		expect(watched.stream.state).toEqual({kind: 'connecting', reason: `waiting for topic '${topic}'`});

		await createTopic(topic, 2);
		await produceRecords(topic, logValues(8));
		await waitUntil('the records of the new topic', () => watched.records.length === 8, 20_000);
		expect(watched.stream.state).toEqual({kind: 'live'});
		expect(watched.errors).toHaveLength(1);
	});

	it('stops with the reason when told not to wait for a missing topic', async () => {
		const topic = uniqueName('missing-exit');
		const watched = watchStream([topic], {kind: 'beginning'}, {waitForTopics: false});
		await watched.stream.start();
		await waitUntil('stopped', () => watched.stream.state.kind === 'stopped');
		expect(watched.stream.state).toEqual({kind: 'stopped', reason: `topic '${topic}' does not exist`});
		expect(watched.errors).toEqual([`topic '${topic}' does not exist on ${testBootstrap()}`]);
		await expect(watched.stream.caughtUp()).rejects.toThrow('stopped before it caught up');
	});

	it('survives a rebalance in a shared --group: partitions move and come back without loss or duplicates', async () => {
		const topic = uniqueName('rebalance');
		await createTopic(topic, 3);
		const groupId = uniqueName('klog-tui-shared');
		// --group NAME --join-live-group: the second stream joins the first one's live group.
		const groupPolicy = {named: true, joinLive: true};
		const first = watchStream([topic], {kind: 'end'}, {groupId, groupPolicy});
		await first.stream.start();
		await waitUntil('first live', () => first.stream.state.kind === 'live');
		await produceRecords(topic, logValues(30));
		await waitUntil('30 records', () => first.records.length === 30);

		const second = watchStream([topic], {kind: 'end'}, {groupId, groupPolicy});
		await second.stream.start();
		await waitUntil(
			'partitions shared',
			() =>
				second.partitions.some((p) => p.assigned) &&
				first.partitions.filter((p) => p.assigned).length < 3 &&
				first.stream.state.kind === 'live' &&
				second.stream.state.kind === 'live',
			30_000,
		);
		expect(first.states.map((state) => state.kind)).toContain('rebalancing');
		await produceRecords(topic, logValues(60, undefined, 100));
		await waitUntil(
			'60 more between the two',
			() => first.records.length + second.records.length === 90,
			20_000,
		);
		expect(new Set([...first.ids(), ...second.ids()]).size).toBe(90);

		// The second leaves: its partitions come back, and the first reads on from where it
		// stood on them, so it ends up with everything, each record once.
		await second.stream.stop();
		await waitUntil('all back to the first', () => first.records.length === 90, 30_000);
		expect(new Set(first.ids()).size).toBe(90);
		// The partition table is sent at most four times a second: a record fetched right after
		// the join can arrive before the table that says the partitions are back.
		await waitUntil(
			'every partition assigned to the first again',
			() => first.partitions.length === 3 && first.partitions.every((p) => p.assigned),
			10_000,
		);
	});
});
