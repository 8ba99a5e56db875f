/**
 * Fault: a 3-node cluster loses a node (kill -9) while records flow into a topic with
 * replication factor 3 and min.insync.replicas 2. A producer with acks=-1 keeps producing and
 * counts only what the cluster acknowledged; the log stream feeds the real store. After
 * leadership moves the stream continues, and the set of (partition, offset) in the view equals
 * the set acknowledged, each once. Kept short: three JVMs on a 2-core machine.
 */
import {Kafka, logLevel, Partitioners, type RecordMetadata} from 'kafkajs';
import {afterEach, describe, expect, it} from 'vitest';
import {createLogStream} from '../../source/kafka.js';
import {createLogStore} from '../../source/store/log-store.js';
import {type DisposableLogStore, isMark} from '../../source/store/log-store-types.js';
import type {ConnectionState} from '../../source/stream/stream-status.js';
import {logValues, openStreams, stopOpenStreams, waitUntil} from '../support/kafka/kafka-stream-helpers.js';
import {createTopic, ownKafka, uniqueName, withAdmin} from '../support/kafka/test-kafka.js';

const kafka = ownKafka({nodes: 3, heap: '384m', serverProperties: {'min.insync.replicas': 2}});

let store: DisposableLogStore | undefined;
afterEach(async () => {
	await stopOpenStreams();
	store?.dispose();
});

const PARTITIONS = 3;

describe('3-node cluster, one node killed mid-stream', () => {
	it('keeps streaming after leadership moves; every acknowledged record is shown exactly once', async () => {
		const cluster = kafka();
		const topic = uniqueName('cluster-kill');
		await createTopic(topic, PARTITIONS, {
			bootstrap: cluster.bootstrap,
			replicationFactor: 3,
			configs: {'min.insync.replicas': '2'},
		});
		const logStore = createLogStore();
		store = logStore;
		const states: ConnectionState[] = [];
		const stream = createLogStream({
			brokers: cluster.brokers,
			topics: [topic],
			groupId: uniqueName('klog-tui-cluster'),
			start: {kind: 'beginning'},
			connectionTimeoutMs: 1000,
			onRecords: (batch) => {
				logStore.append(batch);
			},
			onStatus: (state) => states.push(state),
		});
		openStreams.add(stream);
		await stream.start();
		await waitUntil('live', () => stream.state.kind === 'live', 60_000);

		// Producer: acks from all in-sync replicas; only acknowledged offsets count.
		const producer = new Kafka({
			clientId: 'klog-tui-test-producer',
			brokers: cluster.brokers,
			logLevel: logLevel.NOTHING,
			connectionTimeout: 1000,
			retry: {retries: 0},
		}).producer({createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false});
		await producer.connect();
		const acknowledged = new Set<string>();
		let failedSends = 0;
		let producing = true;
		let sequence = 0;
		const pump = (async () => {
			while (producing) {
				const messages = logValues(20, undefined, sequence).map((message, index) => ({
					...message,
					partition: (sequence + index) % PARTITIONS,
				}));
				sequence += 20;
				try {
					const results: RecordMetadata[] = await producer.send({topic, acks: -1, timeout: 5000, messages});
					// One result per partition: baseOffset is the first of that partition's records
					// in this request; count this request's records per partition.
					for (const result of results) {
						const count = messages.filter((m) => m.partition === result.partition).length;
						for (let i = 0; i < count; i++)
							acknowledged.add(`${result.partition}/${Number(result.baseOffset) + i}`);
					}
				} catch {
					// Not acknowledged (leader gone, too few in-sync replicas): not counted. A
					// failed request may still have been written; the check below allows that.
					failedSends += 1;
					await new Promise((resolve) => setTimeout(resolve, 200));
				}
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		})();

		await waitUntil('some records before the kill', () => acknowledged.size >= 200, 30_000);
		// Kill the node that leads the most partitions (never the only one left).
		const leaders = await withAdmin(cluster.bootstrap, async (admin) => {
			const metadata = await admin.fetchTopicMetadata({topics: [topic]});
			return metadata.topics[0]!.partitions.map((p) => p.leader);
		});
		const counts = new Map<number, number>();
		for (const leader of leaders) counts.set(leader, (counts.get(leader) ?? 0) + 1);
		const victimId = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
		const victim = victimId - 1;
		const beforeKill = acknowledged.size;
		const killedAt = Date.now();
		await cluster.kill(victim);

		// Leadership moves to the survivors; acknowledged records keep coming in.
		await waitUntil(
			'records acknowledged after the kill',
			() => acknowledged.size >= beforeKill + 300,
			60_000,
		);
		const resumedMs = Date.now() - killedAt;
		producing = false;
		await pump;
		await producer.disconnect();

		// Every acknowledged record reaches the view.
		await waitUntil(
			'every acknowledged record in the view',
			() => {
				const seen = viewKeys(logStore);
				return [...acknowledged].every((key) => seen.has(key));
			},
			60_000,
		);
		const keys = viewList(logStore);
		expect(new Set(keys).size).toBe(keys.length);
		const seen = new Set(keys);
		for (const key of acknowledged) expect(seen.has(key), `acknowledged ${key} shown`).toBe(true);
		// Records of failed requests may have landed anyway (written, ack lost); nothing else may show.
		const unacknowledged = keys.filter((key) => !acknowledged.has(key));
		expect(unacknowledged.length).toBeLessThanOrEqual(failedSends * 20);
		// Live again: at once, or after a late rejoin when the killed node coordinated the group.
		await waitUntil('live after the kill', () => stream.state.kind === 'live', 30_000);
		expect(stream.state.kind).toBe('live');
		process.stderr.write(
			`[faults] 3-node kill -9 of node ${victim} (led ${counts.get(victimId)} of ${PARTITIONS} partitions): ${acknowledged.size} acknowledged, ${failedSends} failed sends, acks resumed ${resumedMs} ms after the kill; view ${keys.length} records, ${unacknowledged.length} unacknowledged but written, store.duplicates ${logStore.duplicates}; states ${states.map((s) => s.kind).join('>')}\n`,
		);
	});
});

/** `partition/offset` of every record in the view, in view order. */
function viewList(store: DisposableLogStore): string[] {
	return store
		.slice(0, store.viewLength)
		.flatMap((line) => (isMark(line) ? [] : [`${line.partition}/${line.offset}`]));
}

function viewKeys(store: DisposableLogStore): Set<string> {
	return new Set(viewList(store));
}
