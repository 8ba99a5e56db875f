import {afterEach, describe, expect, it} from 'vitest';
import {createLogStream} from '../../source/kafka.js';
import type {RawRecord} from '../../source/record/log-record.js';
import type {ConnectionState} from '../../source/stream/stream-status.js';
import {logValues, openStreams, stopOpenStreams, waitUntil} from '../support/kafka/kafka-stream-helpers.js';
import {createTopic, produceRecords, uniqueName, useOwnKafka} from '../support/kafka/test-kafka.js';

// Its own broker: this file kills it, which the shared one must never see.
// biome-ignore lint/correctness/useHookAtTopLevel: a vitest beforeAll/afterAll helper, not a React hook.
const kafka = useOwnKafka({nodes: 1});

afterEach(stopOpenStreams);

describe('log stream across a broker restart', () => {
	it('shows reconnecting, resumes by itself, and delivers records from before, during and after once each', async () => {
		const cluster = kafka();
		const bootstrap = cluster.bootstrap;
		const topic = uniqueName('restart');
		await createTopic(topic, 3, {bootstrap});
		const records: RawRecord[] = [];
		const states: ConnectionState[] = [];
		const stream = createLogStream({
			brokers: [bootstrap],
			topics: [topic],
			groupId: uniqueName('klog-tui-test'),
			start: {kind: 'beginning'},
			connectionTimeoutMs: 1000,
			onRecords: (batch) => {
				records.push(...batch);
			},
			onStatus: (state) => states.push(state),
		});
		openStreams.add(stream);
		await stream.start();
		await produceRecords(topic, logValues(50), {bootstrap});
		await waitUntil('records before', () => records.length === 50);

		await cluster.kill(0);
		const killedAt = Date.now();
		await waitUntil('reconnecting', () => stream.state.kind === 'reconnecting', 15_000);
		const noticedMs = Date.now() - killedAt;
		// Sent while the broker is down, retried until it is back (nothing is written while
		// it is down, so a retry cannot write twice).
		let restarted = false;
		const during = (async () => {
			for (;;) {
				try {
					return await produceRecords(topic, logValues(50, undefined, 100), {bootstrap});
				} catch (error) {
					if (restarted) throw error;
				}
			}
		})();
		const restarting = cluster.restart(0).finally(() => {
			restarted = true;
		});
		await Promise.all([during, restarting]);
		await produceRecords(topic, logValues(50, undefined, 200), {bootstrap});
		await waitUntil('all 150 records', () => records.length >= 150, 60_000);
		await waitUntil('live again', () => stream.state.kind === 'live', 30_000);
		const ids = records.map((record) => `${record.partition}/${record.offset}`);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toHaveLength(150);
		expect(noticedMs).toBeLessThan(10_000);
		const reconnecting = states.find((state) => state.kind === 'reconnecting');
		expect(reconnecting && 'reason' in reconnecting && reconnecting.reason.length).toBeGreaterThan(0);
	});
});
