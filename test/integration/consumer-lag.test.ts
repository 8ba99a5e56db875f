/**
 * `klog-tui lag` against the real broker, with consumer groups that are not ours: Kafka's own
 * Java console consumer (read some, then stopped: an Empty group with committed offsets and
 * lag) and a live kafkajs group (Stable, caught up). The command only reads: the live group
 * keeps its member and its offsets.
 */
import {afterAll, describe, expect, it} from 'vitest';
import {ensureBuilt, outputLines, runCli} from '../support/cli/cli-process.js';
import {committedOffsets, describeGroup, waitForGroup} from '../support/kafka/group-inspect.js';
import {startJavaConsoleConsumer} from '../support/kafka/java-console-consumer.js';
import {
	createTopic,
	produceRecords,
	testBootstrap,
	testKafkaClient,
	uniqueName,
} from '../support/kafka/test-kafka.js';

const PARTITIONS = 3;

function records(perPartition: number, label: string) {
	return Array.from({length: PARTITIONS * perPartition}, (_, index) => ({
		partition: index % PARTITIONS,
		value: JSON.stringify({service: 'api', level: 'info', message: `${label} ${index}`}),
	}));
}

async function until(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error('timed out');
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}

describe('klog-tui lag', () => {
	const cleanups: Array<() => Promise<void>> = [];
	afterAll(async () => {
		for (const cleanup of cleanups.reverse()) await cleanup();
	});

	it('lists the groups that read the topic, with state, members and lag per partition; changes none', async () => {
		ensureBuilt();
		const bootstrap = testBootstrap();
		const topic = uniqueName('lag');
		const javaGroup = uniqueName('billing-readers');
		const liveGroup = uniqueName('audit-live');
		await createTopic(topic, PARTITIONS);
		await produceRecords(topic, records(10, 'first'));

		// Another team's Java consumer reads the 30 records, commits, and stops: Empty, with offsets.
		const java = startJavaConsoleConsumer({
			bootstrap,
			topic,
			group: javaGroup,
			properties: {'auto.offset.reset': 'earliest', 'auto.commit.interval.ms': '200'},
		});
		cleanups.push(() => java.stop());
		await until(async () => {
			const offsets = await committedOffsets(bootstrap, javaGroup, topic);
			return Object.values(offsets).reduce((sum, offset) => sum + Math.max(0, Number(offset)), 0) === 30;
		});
		await java.stop();

		// A live kafkajs group that keeps up.
		const consumer = testKafkaClient(bootstrap, 'audit').consumer({groupId: liveGroup});
		cleanups.push(() => consumer.disconnect());
		await consumer.connect();
		await consumer.subscribe({topic, fromBeginning: true});
		await consumer.run({autoCommitThreshold: 1, eachMessage: async () => {}});

		await produceRecords(topic, records(4, 'second'));
		await until(async () => {
			const offsets = await committedOffsets(bootstrap, liveGroup, topic);
			return Object.values(offsets).reduce((sum, offset) => sum + Math.max(0, Number(offset)), 0) === 42;
		});
		const liveBefore = await waitForGroup(bootstrap, liveGroup, (view) => view.state === 'Stable');
		const offsetsBefore = await committedOffsets(bootstrap, liveGroup, topic);

		const json = await runCli(['lag', '-b', bootstrap, '-t', topic, '--output', 'json']);
		expect(json.stderr).toBe('');
		expect(json.code).toBe(0);
		const groups = outputLines(json).map((line) => JSON.parse(line));
		const java_ = groups.find((group) => group.groupId === javaGroup);
		const live = groups.find((group) => group.groupId === liveGroup);
		expect(java_).toMatchObject({state: 'Empty', members: 0, totalLag: 12});
		expect(java_.partitions).toEqual(
			[0, 1, 2].map((partition) => ({topic, partition, committed: 10, end: 14, lag: 4})),
		);
		expect(live).toMatchObject({state: 'Stable', members: 1, totalLag: 0});
		// Most lag first.
		expect(groups.indexOf(java_)).toBeLessThan(groups.indexOf(live));

		const text = await runCli(['lag', '-b', bootstrap, '-t', topic]);
		expect(text.code).toBe(0);
		const [header, ...rows] = outputLines(text);
		expect(header).toMatch(/^GROUP\s+STATE\s+MEMBERS\s+LAG\s+PARTITIONS/);
		expect(rows.find((row) => row.startsWith(javaGroup))).toMatch(
			new RegExp(`^${javaGroup}\\s+Empty\\s+0\\s+12\\s+${topic}/0:4 ${topic}/1:4 ${topic}/2:4$`),
		);

		// Read-only: the live group kept its member (no rebalance) and its offsets.
		const liveAfter = await describeGroup(bootstrap, liveGroup);
		expect(liveAfter.state).toBe('Stable');
		expect(liveAfter.members.map((member) => member.memberId)).toEqual(
			liveBefore.members.map((member) => member.memberId),
		);
		expect(await committedOffsets(bootstrap, liveGroup, topic)).toEqual(offsetsBefore);
	});

	it('says so in one line when the topic does not exist or no broker answers', async () => {
		ensureBuilt();
		const missing = await runCli(['lag', '-b', testBootstrap(), '-t', uniqueName('no-such')]);
		expect(missing.code).toBe(2);
		expect(missing.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^klog-tui: no such topic: /)]);

		const refused = await runCli(['lag', '-b', '127.0.0.1:1', '-t', 'logs']);
		expect(refused.code).toBe(2);
		expect(refused.stderr.trim().split('\n')).toEqual([
			expect.stringMatching(/^klog-tui: every broker refused the connection: /),
		]);
	});

	it('says when no group reads the topic', async () => {
		ensureBuilt();
		const topic = uniqueName('lag-unread');
		await createTopic(topic, 1);
		const run = await runCli(['lag', '-b', testBootstrap(), '-t', topic]);
		expect(run.code).toBe(0);
		expect(outputLines(run)).toEqual([`no consumer group has committed offsets on ${topic}`]);
	});
});
