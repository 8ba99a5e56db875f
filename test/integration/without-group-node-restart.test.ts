/**
 * `--without-group` through a leader's restart: a 3-node cluster (replication factor 3,
 * min.insync.replicas 2) loses the node that leads most partitions (kill -9) while records are
 * produced, and gets it back. The group-less reader refreshes its metadata, follows the new
 * leaders, and in the end holds every record of the log once: for each partition exactly the
 * offsets [0, end) the cluster committed. Kept short: three JVMs on a 2-core machine.
 */
import {setTimeout as sleep} from 'node:timers/promises';
import {afterEach, describe, expect, it} from 'vitest';
import {logValues, stopOpenStreams, waitUntil, watchStream} from '../support/kafka/kafka-stream-helpers.js';
import {createTopic, ownKafka, produceRecords, uniqueName, withAdmin} from '../support/kafka/test-kafka.js';

const kafka = ownKafka({nodes: 3, heap: '384m', serverProperties: {'min.insync.replicas': 2}});

afterEach(stopOpenStreams);

describe('--without-group on a 3-node cluster', () => {
	it('follows the new leaders when a node dies and comes back: every committed record once', async () => {
		const cluster = kafka();
		const bootstrap = cluster.brokers.join(',');
		const topic = uniqueName('nogroup-restart');
		await createTopic(topic, 3, {bootstrap, replicationFactor: 3, configs: {'min.insync.replicas': '2'}});
		const watched = watchStream(
			[topic],
			{kind: 'beginning'},
			{withoutGroup: true, brokers: cluster.brokers, connectionTimeoutMs: 1000},
		);
		await watched.stream.start();

		let producing = true;
		let sequence = 0;
		const pump = (async () => {
			while (producing) {
				try {
					await produceRecords(topic, logValues(30, sequence % 3, sequence), {bootstrap});
				} catch {
					// Not acknowledged while leadership moves; the log itself is the reference below.
				}
				sequence += 30;
				await sleep(50);
			}
		})();
		await waitUntil('records before the kill', () => watched.records.length >= 200, 60_000);
		const leaders = await withAdmin(bootstrap, async (admin) => {
			const metadata = await admin.fetchTopicMetadata({topics: [topic]});
			return metadata.topics[0]!.partitions.map((partition) => partition.leader);
		});
		const counts = new Map<number, number>();
		for (const leader of leaders) counts.set(leader, (counts.get(leader) ?? 0) + 1);
		const victim = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0] - 1;
		await cluster.kill(victim);
		const beforeRestart = watched.records.length;
		await waitUntil('records after the kill', () => watched.records.length >= beforeRestart + 150, 60_000);
		await cluster.restart(victim);
		await sleep(3000);
		producing = false;
		await pump;

		const ends = await withAdmin(bootstrap, (admin) => admin.fetchTopicOffsets(topic));
		const total = ends.reduce((sum, end) => sum + Number(end.high), 0);
		await waitUntil('every committed record', () => watched.records.length >= total, 60_000);
		await sleep(500);
		for (const end of ends) {
			const offsets = watched.records
				.filter((record) => record.partition === end.partition)
				.map((record) => record.offset)
				.sort((a, b) => a - b);
			expect(offsets).toEqual(Array.from({length: Number(end.high)}, (_, index) => index));
		}
		expect(watched.records).toHaveLength(total);
		await waitUntil('live', () => watched.stream.state.kind === 'live', 30_000);
		process.stderr.write(
			`[faults] --without-group, node ${victim} killed and restarted: ${total} records, states ${watched.states.map((state) => state.kind).join('>')}\n`,
		);
	}, 240_000);
});
