/**
 * Backpressure between the stream and whoever receives its records: a receiver that holds a
 * batch (returns a promise) stops the fetching for as long as it holds, without losing the
 * group (heartbeats keep the membership past the session timeout), and the worker-thread
 * stream survives a main thread that is busy for seconds: everything arrives once, in order
 * per partition.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {createLogStream, createWorkerLogStream} from '../../source/kafka.js';
import type {LogRecord, RawRecord} from '../../source/record/log-record.js';
import {
	logValues,
	openStreams,
	stopOpenStreams,
	waitUntil,
	within,
} from '../support/kafka/kafka-stream-helpers.js';
import {createTopic, produceRecords, testBootstrap, uniqueName} from '../support/kafka/test-kafka.js';

afterEach(stopOpenStreams);

/** The session timeout of the stream's consumer (source/kafka/log-stream/log-stream.ts). */
const SESSION_TIMEOUT_MS = 10_000;

function idsOf(records: ReadonlyArray<{partition: number; offset: number}>): string[] {
	return records.map((record) => `${record.partition}/${record.offset}`);
}

describe('log stream backpressure', () => {
	it('a held batch stops fetching, keeps the group past the session timeout, and then everything arrives once', async () => {
		const topic = uniqueName('hold');
		await createTopic(topic, 1);
		await produceRecords(topic, logValues(50, 0));
		const received: RawRecord[] = [];
		const states: string[] = [];
		let release!: () => void;
		const held = new Promise<void>((resolve) => {
			release = resolve;
		});
		let batches = 0;
		const stream = createLogStream({
			brokers: testBootstrap().split(','),
			topics: [topic],
			groupId: uniqueName('klog-tui-hold'),
			start: {kind: 'beginning'},
			onRecords: (records) => {
				received.push(...records);
				batches += 1;
				return batches === 1 ? held : undefined;
			},
			onStatus: (state) => states.push(state.kind),
		});
		openStreams.add(stream);
		await stream.start();
		await waitUntil('the first batch', () => batches === 1);
		const firstBatch = received.length;
		// More records arrive while the first batch is held: none may be fetched until it is released.
		await produceRecords(topic, logValues(50, 0, 50));
		await new Promise((resolve) => setTimeout(resolve, SESSION_TIMEOUT_MS + 2000));
		expect(batches).toBe(1);
		expect(received).toHaveLength(firstBatch);
		expect(states.filter((kind) => kind === 'rebalancing' || kind === 'reconnecting')).toEqual([]);

		release();
		await waitUntil('every record', () => received.length === 100, 20_000);
		expect(idsOf(received)).toEqual(Array.from({length: 100}, (_, offset) => `0/${offset}`));
		expect(stream.state.kind).toBe('live');
		// The same member all along: one join, never a rebalance.
		expect(states.filter((kind) => kind === 'live')).toHaveLength(1);
	}, 60_000);

	it('in a worker thread, a main thread busy for seconds at a time still gets every record once, in order', async () => {
		const topic = uniqueName('busy-main');
		await createTopic(topic, 3);
		// About 12 MB of records: more than the worker lets be in flight unacknowledged.
		const padding = 'x'.repeat(1000);
		const sent = 12_000;
		for (let from = 0; from < sent; from += 2000) {
			await produceRecords(
				topic,
				Array.from({length: 2000}, (_, index) => ({
					value: JSON.stringify({message: `line ${from + index}`, service: 'api', padding}),
					partition: (from + index) % 3,
				})),
			);
		}
		const received: LogRecord[] = [];
		let busyTurns = 0;
		const stream = createWorkerLogStream({
			brokers: testBootstrap().split(','),
			topics: [topic],
			groupId: uniqueName('klog-tui-busy'),
			start: {kind: 'beginning'},
			onRecords: (records) => {
				received.push(...records);
				// Now and then the main thread does nothing else for 1.5 s (a huge frame, a GC...).
				if (busyTurns < 4 && received.length > busyTurns * 3000) {
					busyTurns += 1;
					const until = Date.now() + 1500;
					while (Date.now() < until) {
						// busy
					}
				}
			},
		});
		openStreams.add(stream);
		await stream.start();
		await within('caught up', stream.caughtUp(), 60_000);
		expect(busyTurns).toBe(4);
		expect(received).toHaveLength(sent);
		// Parsed in the worker: service and message read from the JSON.
		expect(received.every((record) => record.service === 'api' && record.message.startsWith('line '))).toBe(
			true,
		);
		expect(new Set(idsOf(received)).size).toBe(sent);
		for (const partition of [0, 1, 2]) {
			const offsets = received
				.filter((record) => record.partition === partition)
				.map((record) => record.offset);
			expect(offsets).toEqual(Array.from({length: sent / 3}, (_, offset) => offset));
		}
		expect(stream.state.kind).toBe('live');
	}, 90_000);
});
