/**
 * The TUI's start (source/tui.ts): the stream starts while Ink loads and reads on, but what the
 * worker sends is held, unhandled, until the app is on screen (`holdDelivery`). Held across the
 * start window's hand-over to our own group, nothing may be lost or shown twice; a quit while
 * held must not wait for the held reply. Timings are measured in bench/first-line-ab.ts.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {createWorkerLogStream, type WorkerLogStream} from '../../source/kafka/worker/worker-log-stream.js';
import type {LogRecord} from '../../source/record/log-record.js';
import {waitForSoleOwner} from '../support/kafka/group-inspect.js';
import {logValues, waitUntil} from '../support/kafka/kafka-stream-helpers.js';
import {createTopic, produceRecords, testBootstrap, uniqueName} from '../support/kafka/test-kafka.js';

const PARTITIONS = 3;
const PER_PARTITION = 200;

const open = new Set<WorkerLogStream>();
afterEach(async () => {
	await Promise.all([...open].map((stream) => stream.stop()));
	open.clear();
});

/** A worker stream from the beginning of `topic`, and every record and state it handed over. */
function workerStream(topic: string) {
	const seen = {records: [] as LogRecord[], handed: 0, groupId: uniqueName('tui-start')};
	const stream = createWorkerLogStream({
		brokers: testBootstrap().split(','),
		topics: [topic],
		groupId: seen.groupId,
		start: {kind: 'beginning'},
		onRecords: (records) => {
			seen.records.push(...records);
		},
		onStatus: () => {
			seen.handed += 1;
		},
		onPartitions: () => {
			seen.handed += 1;
		},
	});
	open.add(stream);
	const ids = () => seen.records.map((record) => `${record.partition}/${record.offset}`);
	return {stream, seen, ids};
}

async function filledTopic(): Promise<string> {
	const topic = uniqueName('tui-start');
	await createTopic(topic, PARTITIONS);
	const records = Array.from({length: PARTITIONS}, (_, partition) =>
		logValues(PER_PARTITION, partition),
	).flat();
	await produceRecords(topic, records);
	return topic;
}

describe('the stream held while the TUI loads', () => {
	it('reads and joins its group while held, hands nothing over until released, then every record once', async () => {
		const topic = await filledTopic();
		const {stream, seen, ids} = workerStream(topic);
		const release = stream.holdDelivery();
		void stream.start();
		// Our group formed and owns every partition: the start window was read directly and
		// handed over to it, all while held.
		await waitForSoleOwner(testBootstrap(), seen.groupId, topic, PARTITIONS);
		expect(seen.records).toHaveLength(0);
		expect(seen.handed).toBe(0);

		release();
		await waitUntil('the held records', () => seen.records.length >= PARTITIONS * PER_PARTITION);
		// Live records after the hold come through the group.
		await produceRecords(topic, logValues(30, 1, PER_PARTITION));
		await waitUntil('the live records', () => seen.records.length >= PARTITIONS * PER_PARTITION + 30);
		const all = ids();
		expect(new Set(all).size).toBe(all.length);
		for (let partition = 0; partition < PARTITIONS; partition++) {
			const offsets = seen.records
				.filter((record) => record.partition === partition)
				.map((record) => record.offset);
			const count = PER_PARTITION + (partition === 1 ? 30 : 0);
			expect(offsets).toEqual(Array.from({length: count}, (_, offset) => offset));
		}
	}, 30_000);

	it('stops at once when quit while still held', async () => {
		const topic = await filledTopic();
		const {stream, seen} = workerStream(topic);
		stream.holdDelivery();
		void stream.start();
		await waitForSoleOwner(testBootstrap(), seen.groupId, topic, PARTITIONS);
		const started = performance.now();
		await stream.stop();
		// Its reply came through the held inbox: without the release it waited out the 12 s timeout.
		expect(performance.now() - started).toBeLessThan(8000);
		open.delete(stream);
	}, 30_000);
});
