/**
 * Fault: a rebalance in an explicit, shared group, seen through the real store (the TUI's
 * append path). Another member joins, takes partitions, and leaves again; the status says
 * rebalancing, the partitions come back, and the view holds every offset exactly once
 * (re-deliveries may be counted in `store.duplicates`, never shown twice).
 */
import {afterEach, describe, expect, it} from 'vitest';
import {createLogStream} from '../../source/kafka.js';
import {createLogStore} from '../../source/store/log-store.js';
import {type DisposableLogStore, isMark} from '../../source/store/log-store-types.js';
import type {ConnectionState, PartitionStatus} from '../../source/stream/stream-status.js';
import {logValues, openStreams, stopOpenStreams, waitUntil} from '../support/kafka/kafka-stream-helpers.js';
import {createTopic, produceRecords, testBootstrap, uniqueName} from '../support/kafka/test-kafka.js';

const stores: DisposableLogStore[] = [];
afterEach(async () => {
	await stopOpenStreams();
	for (const store of stores.splice(0)) store.dispose();
});

/** A log stream of the explicit group whose batches go straight into a real store, as in the TUI. */
function streamIntoStore(topic: string, groupId: string) {
	const store = createLogStore();
	stores.push(store);
	const states: ConnectionState[] = [];
	let partitions: PartitionStatus[] = [];
	const stream = createLogStream({
		brokers: testBootstrap().split(','),
		topics: [topic],
		groupId,
		// --group NAME --join-live-group: the second stream joins the first one's live group.
		groupPolicy: {named: true, joinLive: true},
		start: {kind: 'end'},
		onRecords: (batch) => {
			store.append(batch);
		},
		onStatus: (state) => states.push(state),
		onPartitions: (list) => {
			partitions = list;
		},
	});
	openStreams.add(stream);
	return {
		stream,
		store,
		states,
		assigned: () => partitions.filter((p) => p.assigned).map((p) => p.partition),
		/** `partition/offset` of every record in the view, in view order. */
		viewKeys: (): string[] =>
			store
				.slice(0, store.viewLength)
				.flatMap((line) => (isMark(line) ? [] : [`${line.partition}/${line.offset}`])),
	};
}

describe('rebalance in an explicit group, through the store', () => {
	it('says rebalancing, shares and gets partitions back, and the view holds each offset once', async () => {
		const topic = uniqueName('rebalance-store');
		await createTopic(topic, 4);
		const groupId = uniqueName('klog-tui-explicit');
		const first = streamIntoStore(topic, groupId);
		await first.stream.start();
		await waitUntil('first live', () => first.stream.state.kind === 'live');
		await produceRecords(topic, logValues(40));
		await waitUntil('40 in the first view', () => first.store.viewLength === 40);

		const joinedAt = Date.now();
		const second = streamIntoStore(topic, groupId);
		await second.stream.start();
		await waitUntil(
			'partitions shared',
			() =>
				second.assigned().length > 0 &&
				first.assigned().length < 4 &&
				first.stream.state.kind === 'live' &&
				second.stream.state.kind === 'live',
			45_000,
		);
		const sharedMs = Date.now() - joinedAt;
		expect(first.states.map((state) => state.kind)).toContain('rebalancing');
		const taken = second.assigned();
		await produceRecords(topic, logValues(80, undefined, 100));
		await waitUntil('80 more between the two', () => first.store.total + second.store.total === 120, 30_000);
		// The second member really read some: the records of the partitions it took.
		expect(second.store.total).toBeGreaterThan(0);

		const leftAt = Date.now();
		await second.stream.stop();
		await waitUntil('all partitions back to the first', () => first.assigned().length === 4, 45_000);
		const backMs = Date.now() - leftAt;
		await produceRecords(topic, logValues(40, undefined, 200));
		// The first reads on from where it stood on the partitions it lost, so it ends up with
		// all 160 (what the second showed in between included), each once.
		await waitUntil('all 160 in the first view', () => first.store.viewLength === 160, 30_000);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const keys = first.viewKeys();
		expect(keys).toHaveLength(160);
		expect(new Set(keys).size).toBe(160);
		expect(first.store.total).toBe(160);
		expect(first.stream.state.kind).toBe('live');
		process.stderr.write(
			`[faults] rebalance: second member took partitions ${taken.join(',')} in ${sharedMs} ms; all back ${backMs} ms after it left; first view 160 offsets once, store.duplicates ${first.store.duplicates}\n`,
		);
	});
});
