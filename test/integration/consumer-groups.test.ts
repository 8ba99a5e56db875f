/**
 * klog-tui never harms a consumer group it did not create (issue 10, item 3), against the suite's
 * broker with Kafka's production defaults (a new group waits 3 s for its first assignment):
 * another team's live group (Kafka's own Java console consumer) is refused and keeps its
 * partitions; an idle group keeps its offsets unless --commit, which commits only what was shown;
 * only groups klog-tui created are deleted on exit.
 */
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {WorkerLogStreamOptions} from '../../source/kafka/worker/worker-log-stream.js';
import {createWorkerLogStream, type LogStream} from '../../source/kafka.js';
import type {LogRecord} from '../../source/record/log-record.js';
import type {ConnectionState} from '../../source/stream/stream-status.js';
import {ensureBuilt, outputLines, runCli, spawnCli} from '../support/cli/cli-process.js';
import {
	committedOffsets,
	describeGroup,
	startTeamConsumer,
	waitForGroup,
	waitForSoleOwner,
} from '../support/kafka/group-inspect.js';
import {type JavaConsoleConsumer, startJavaConsoleConsumer} from '../support/kafka/java-console-consumer.js';
import {
	createTopic,
	produceRecords,
	productionBootstrap,
	type TestRecord,
	uniqueName,
	withAdmin,
} from '../support/kafka/test-kafka.js';

const PARTITIONS = 3;
const PER_PARTITION = 10;

let bootstrap: string;
let topic: string;
const javaConsumers: JavaConsoleConsumer[] = [];

function records(count: number, tag: string): TestRecord[] {
	return Array.from({length: count}, (_, index) => ({
		partition: index % PARTITIONS,
		value: JSON.stringify({service: 'api', level: 'info', message: `${tag} ${index}`}),
	}));
}

function readArgs(...extra: string[]): string[] {
	return ['--brokers', bootstrap, '--topic', topic, ...extra];
}

/** stderr's lines, without the empty last one. */
function stderrLines(stderr: string): string[] {
	return stderr.split('\n').filter((line) => line.length > 0);
}

async function setOffsets(groupId: string, offsets: Record<number, number>, ofTopic = topic): Promise<void> {
	await withAdmin(bootstrap, (admin) =>
		admin.setOffsets({
			groupId,
			topic: ofTopic,
			partitions: Object.entries(offsets).map(([partition, offset]) => ({
				partition: Number(partition),
				offset: String(offset),
			})),
		}),
	);
}

/** A worker stream that commits to `groupId` (named) from the end of `ofTopic`; `isLive` once it reads live. */
function committingStream(
	ofTopic: string,
	groupId: string,
	onRecords: WorkerLogStreamOptions['onRecords'],
): {stream: LogStream; isLive: Promise<void>} {
	let live!: () => void;
	const isLive = new Promise<void>((resolve) => {
		live = resolve;
	});
	const stream = createWorkerLogStream({
		brokers: [bootstrap],
		topics: [ofTopic],
		groupId,
		groupPolicy: {named: true},
		commitOffsets: true,
		// Start at the end: kafkajs' autoCommit committed this seek at once (offsets 10).
		start: {kind: 'tail', count: 0},
		onRecords,
		onStatus: (state: ConnectionState) => {
			if (state.kind === 'live') live();
		},
	});
	return {stream, isLive};
}

beforeAll(async () => {
	ensureBuilt();
	bootstrap = productionBootstrap();
	topic = uniqueName('groups');
	await createTopic(topic, PARTITIONS, {bootstrap});
	await produceRecords(topic, records(PARTITIONS * PER_PARTITION, 'first'), {bootstrap});
}, 120_000);

afterEach(async () => {
	await Promise.all(javaConsumers.splice(0).map((consumer) => consumer.stop()));
});

describe("another team's live group", () => {
	it('of a Java console consumer is refused before joining (plain, with and without --exit, and with --join-live-group the broker refuses it): the consumer keeps its 3 partitions', async () => {
		const group = uniqueName('team-x');
		javaConsumers.push(startJavaConsoleConsumer({bootstrap, topic, group}));
		const before = await waitForGroup(
			bootstrap,
			group,
			(view) => view.state === 'Stable' && view.members[0]?.assignment[topic]?.length === PARTITIONS,
			60_000,
		);
		expect(before.members).toHaveLength(1);
		expect(before.members[0]!.assignment[topic]).toEqual([0, 1, 2]);

		for (const extra of [['--exit'], []]) {
			const run = await runCli(readArgs('--group', group, '--plain', ...extra), {timeoutMs: 30_000});
			expect(run.code, run.stderr).toBe(2);
			expect(stderrLines(run.stderr)).toEqual([
				`klog-tui: consumer group '${group}' has 1 live member (state Stable); joining would rebalance them and take partitions away (--join-live-group joins anyway)`,
			]);
			expect(run.stdout.length).toBe(0);
		}
		// Same member, same partitions, no rebalance.
		const after = await describeGroup(bootstrap, group);
		expect(after.state).toBe('Stable');
		expect(after.members).toEqual(before.members);

		// Even with the flag that accepts a rebalance, the broker refuses the join: Java consumers
		// offer the range and cooperative-sticky assignors, kafkajs only its round robin.
		const accepting = await runCli(readArgs('--group', group, '--join-live-group', '--plain', '--exit'), {
			timeoutMs: 30_000,
		});
		expect(accepting.code, accepting.stderr).toBe(2);
		expect(stderrLines(accepting.stderr)).toEqual([
			`klog-tui: cannot join consumer group '${group}': its members use partition assignors klog-tui does not have (klog-tui's is kafkajs' RoundRobinAssigner)`,
		]);
		const still = await describeGroup(bootstrap, group);
		expect(still.state).toBe('Stable');
		expect(still.members).toEqual(before.members);
	}, 240_000);

	it('of kafkajs consumers is joined with --join-live-group, and kept: its member has its partitions back after klog-tui left', async () => {
		const group = uniqueName('team-k');
		const team = await startTeamConsumer({bootstrap, topic, groupId: group, partitions: PARTITIONS});
		try {
			const {before} = team;
			const refused = await runCli(readArgs('--group', group, '--plain', '--exit'), {timeoutMs: 30_000});
			expect(refused.code, refused.stderr).toBe(2);
			expect(stderrLines(refused.stderr)[0]).toContain(
				`consumer group '${group}' has 1 live member (state Stable)`,
			);

			const joining = spawnCli(readArgs('--group', group, '--join-live-group', '--plain'));
			const exited = new Promise<number | null>((resolve) => joining.once('close', (code) => resolve(code)));
			try {
				const shared = await waitForGroup(
					bootstrap,
					group,
					(view) => view.state === 'Stable' && view.members.length === 2,
					60_000,
				);
				expect(shared.members.map((member) => member.clientId).sort()).toEqual(['klog-tui', group].sort());
				// The rebalance the flag accepted: the team's member no longer has every partition.
				const teamMember = shared.members.find((member) => member.clientId === group)!;
				expect(teamMember.assignment[topic]!.length).toBeLessThan(PARTITIONS);
			} finally {
				joining.kill('SIGTERM');
			}
			expect(await exited).toBe(0);
			const back = await waitForSoleOwner(bootstrap, group, topic, PARTITIONS);
			expect(back.members[0]!.memberId).toBe(before.members[0]!.memberId);
		} finally {
			await team.stop();
		}
	}, 180_000);

	it('of the new consumer protocol (KIP-848), whose members DescribeGroups cannot see, is refused too', async () => {
		const group = uniqueName('team-y');
		javaConsumers.push(
			startJavaConsoleConsumer({bootstrap, topic, group, properties: {'group.protocol': 'consumer'}}),
		);
		const seen = await waitForGroup(bootstrap, group, (view) => view.listed, 60_000);
		// The classic API calls it Dead, with no members: only ListGroups shows it.
		expect(seen).toMatchObject({state: 'Dead', listed: true, members: []});
		const run = await runCli(readArgs('--group', group, '--plain', '--exit'), {timeoutMs: 30_000});
		expect(run.code, run.stderr).toBe(2);
		expect(stderrLines(run.stderr)).toEqual([
			`klog-tui: consumer group '${group}' exists as a 'consumer' group, whose members klog-tui cannot see; joining could rebalance them and take partitions away (--join-live-group joins anyway)`,
		]);
		expect((await describeGroup(bootstrap, group)).listed).toBe(true);
	}, 180_000);
});

describe('an idle group', () => {
	it('keeps its committed offsets without --commit; with --commit they end where the printed records end', async () => {
		const group = uniqueName('idle');
		const earlier = {0: 2, 1: 3, 2: 4};
		await setOffsets(group, earlier);
		expect((await describeGroup(bootstrap, group)).state).toBe('Empty');

		const plain = await runCli(
			readArgs('--group', group, '--plain', '--exit', '--tail', '6', '--output', 'json'),
		);
		expect(plain.code, plain.stderr).toBe(0);
		expect(outputLines(plain)).toHaveLength(6);
		expect(await committedOffsets(bootstrap, group, topic)).toEqual({0: '2', 1: '3', 2: '4'});
		expect(await describeGroup(bootstrap, group)).toMatchObject({state: 'Empty', listed: true, members: []});

		const committing = await runCli(
			readArgs('--group', group, '--commit', '--plain', '--exit', '--tail', '6', '--output', 'json'),
		);
		expect(committing.code, committing.stderr).toBe(0);
		const printed = outputLines(committing).map(
			(line) => JSON.parse(line) as {partition: number; offset: number},
		);
		expect(printed).toHaveLength(6);
		const nextAfterPrinted: Record<number, string> = {};
		for (const record of printed) {
			const next = record.offset + 1;
			if (Number(nextAfterPrinted[record.partition] ?? -1) < next)
				nextAfterPrinted[record.partition] = String(next);
		}
		expect(await committedOffsets(bootstrap, group, topic)).toEqual(nextAfterPrinted);
		// --exit read to the end of every partition.
		expect(nextAfterPrinted).toEqual({0: '10', 1: '10', 2: '10'});
		expect((await describeGroup(bootstrap, group)).listed).toBe(true);
	}, 120_000);

	it('--commit commits nothing before records are shown, then the offset after what was shown', async () => {
		const group = uniqueName('idle-commit');
		await setOffsets(group, {0: 1, 1: 1, 2: 1});
		const shown: LogRecord[] = [];
		const {stream, isLive} = committingStream(topic, group, (batch) => {
			shown.push(...batch);
		});
		try {
			await stream.start();
			await isLive;
			// Longer than the committer's 1 s period: nothing shown, nothing committed.
			await sleep(2500);
			expect(await committedOffsets(bootstrap, group, topic)).toEqual({0: '1', 1: '1', 2: '1'});
			await produceRecords(topic, records(PARTITIONS, 'second'), {bootstrap});
			const deadline = Date.now() + 20_000;
			while (shown.length < PARTITIONS && Date.now() < deadline) await sleep(100);
			expect(shown.map((record) => record.message).sort()).toEqual(['second 0', 'second 1', 'second 2']);
		} finally {
			await stream.stop();
		}
		const expected: Record<number, string> = {};
		for (const record of shown) expected[record.partition] = String(record.offset + 1);
		expect(await committedOffsets(bootstrap, group, topic)).toEqual(expected);
	}, 120_000);

	it('--commit behind a receiver that holds records back (the time order) commits a batch once it was shown, in batch order', async () => {
		const ownTopic = uniqueName('groups-shown');
		await createTopic(ownTopic, 2, {bootstrap});
		const group = uniqueName('idle-shown');
		await setOffsets(group, {0: 0, 1: 0}, ownTopic);
		// The receiver says when each batch reached the output by settling the promise it returns.
		const batches: {records: LogRecord[]; show: () => void}[] = [];
		const {stream, isLive} = committingStream(
			ownTopic,
			group,
			(batch) =>
				new Promise<void>((resolve) => {
					batches.push({records: batch, show: resolve});
				}),
		);
		try {
			await stream.start();
			await isLive;
			await produceRecords(
				ownTopic,
				[
					{partition: 0, value: '{"message":"first"}'},
					{partition: 1, value: '{"message":"second"}'},
				],
				{bootstrap},
			);
			const deadline = Date.now() + 20_000;
			while (batches.length < 2 && Date.now() < deadline) await sleep(100);
			expect(batches.map((batch) => batch.records.length)).toEqual([1, 1]);
			// The second batch is shown, the first not yet: nothing may be committed.
			batches[1]!.show();
			await sleep(2500);
			expect(await committedOffsets(bootstrap, group, ownTopic)).toEqual({0: '0', 1: '0'});
			// Now the first too: both are committed, each after its record.
			batches[0]!.show();
			const expected: Record<number, string> = {};
			for (const {
				records: [record],
			} of batches)
				expected[record!.partition] = String(record!.offset + 1);
			const committedBy = Date.now() + 10_000;
			let committed = await committedOffsets(bootstrap, group, ownTopic);
			while (JSON.stringify(committed) !== JSON.stringify(expected) && Date.now() < committedBy) {
				await sleep(200);
				committed = await committedOffsets(bootstrap, group, ownTopic);
			}
			expect(committed).toEqual(expected);
		} finally {
			await stream.stop();
		}
	}, 120_000);
});

describe('a position out of range', () => {
	it('is reset without committing to the group (kafkajs commits its reset offset by itself)', async () => {
		const ownTopic = uniqueName('groups-range');
		await createTopic(ownTopic, 1, {bootstrap});
		const messages = (tag: string) =>
			Array.from({length: 10}, (_, index) => ({value: JSON.stringify({message: `${tag} ${index}`})}));
		await produceRecords(ownTopic, messages('a'), {bootstrap});
		const group = uniqueName('idle-range');
		await withAdmin(bootstrap, (admin) =>
			admin.setOffsets({groupId: group, topic: ownTopic, partitions: [{partition: 0, offset: '3'}]}),
		);
		const logDir = mkdtempSync(path.join(tmpdir(), 'klog-groups-'));
		const logFile = path.join(logDir, 'kafkajs.log');
		const kafkajsLog = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
		let shown = 0;
		const stream = createWorkerLogStream({
			brokers: [bootstrap],
			topics: [ownTopic],
			groupId: group,
			groupPolicy: {named: true},
			start: {kind: 'beginning'},
			logFile,
			onRecords: (batch) => {
				shown += batch.length;
			},
		});
		const waitFor = async (done: () => boolean) => {
			const deadline = Date.now() + 30_000;
			while (!done() && Date.now() < deadline) await sleep(100);
			expect(done()).toBe(true);
		};
		try {
			await stream.start();
			await waitFor(() => shown === 10);
			stream.pause();
			await sleep(500);
			await produceRecords(ownTopic, messages('b'), {bootstrap});
			// The log now starts at 15, past our position (10): the next fetch is out of range.
			await withAdmin(bootstrap, async (admin) => {
				// kafkajs' admin needs the topic's metadata loaded for this call.
				await admin.fetchTopicMetadata({topics: [ownTopic]});
				await admin.deleteTopicRecords({topic: ownTopic, partitions: [{partition: 0, offset: '15'}]});
			});
			stream.resume();
			await waitFor(() => kafkajsLog().includes('Offset out of range, resetting to default offset'));
			await sleep(1000);
		} finally {
			await stream.stop();
			rmSync(logDir, {recursive: true, force: true});
		}
		expect(await committedOffsets(bootstrap, group, ownTopic)).toEqual({0: '3'});
	}, 120_000);
});

describe('groups klog-tui created', () => {
	it('the per-run group and a new named group are deleted on exit', async () => {
		const prefix = `${uniqueName('klog-per-run')}-`;
		const perRun = await runCli(readArgs('--group-prefix', prefix, '--plain', '--exit', '--tail', '3'));
		expect(perRun.code, perRun.stderr).toBe(0);
		expect(outputLines(perRun)).toHaveLength(3);
		const named = uniqueName('new-named');
		const newNamed = await runCli(readArgs('--group', named, '--plain', '--exit', '--tail', '3'));
		expect(newNamed.code, newNamed.stderr).toBe(0);
		expect(outputLines(newNamed)).toHaveLength(3);
		const left = await withAdmin(bootstrap, async (admin) =>
			(await admin.listGroups()).groups.map((g) => g.groupId),
		);
		expect(left.filter((id) => id.startsWith(prefix))).toEqual([]);
		expect(left).not.toContain(named);
	}, 120_000);

	it('--commit and --join-live-group without --group are refused with one line, exit 2', async () => {
		for (const flag of ['--commit', '--join-live-group']) {
			const run = await runCli(readArgs(flag, '--plain', '--exit'));
			expect(run.code).toBe(2);
			expect(stderrLines(run.stderr)[0]).toMatch(new RegExp(`^klog-tui: ${flag} needs --group <id>: `));
			expect(run.stdout.length).toBe(0);
		}
	}, 60_000);
});
