/**
 * Consumer groups under ACLs (issue 10, item 3): a read-only user allowed to READ and DESCRIBE
 * the topic but not the group gets one line naming the missing ACL and exit 2, not a retry
 * loop. kafkajs reports FindCoordinator's GROUP_AUTHORIZATION_FAILED as "Failed to find group
 * coordinator", which looks like a broker not ready yet; JoinGroup's is reported as it is.
 * Plain `--exit` joins no group (as kcat -e), so the topic ACLs are enough for it.
 * The broker (test/support/kafka/acl-kafka.ts) runs KRaft's StandardAuthorizer.
 */
import {setTimeout as sleep} from 'node:timers/promises';
import {beforeAll, describe, expect, it} from 'vitest';
import {shellQuote} from '../../tools/terminal/tmux.js';
import {cliPath, ensureBuilt, outputLines, runCli} from '../support/cli/cli-process.js';
import {aclKafka} from '../support/kafka/acl-kafka.js';
import {createTopic, produceRecords, uniqueName, withAdmin} from '../support/kafka/test-kafka.js';
import {warmUpGroupCoordinator} from '../support/kafka/warm-up.js';
import {expectTerminalRestored, SHELL_MARKER, terminalPerTest} from '../support/terminal/tui-session.js';

/** Topic ACLs only. */
const READER = 'reader';
/** Topic ACLs and DESCRIBE (not READ) on one group. */
const DESCRIBER = 'describer';
/** Topic ACLs and READ on the groups with klog-tui's default prefix. */
const PREFIXED = 'prefixed';

const kafka = aclKafka([READER, DESCRIBER, PREFIXED]);
const terminals = terminalPerTest('group-acl');
const topic = uniqueName('acl-logs');
const describedGroup = uniqueName('desc-only');

function lines(text: string): string[] {
	return text.split('\n').filter((line) => line.length > 0);
}

function run(user: string, ...extra: string[]) {
	return runCli([...kafka.cliArgs(user), '--topic', topic, '--from-beginning', ...extra], {
		env: kafka.cliEnv(user),
		timeoutMs: 40_000,
	});
}

beforeAll(async () => {
	ensureBuilt();
	const bootstrap = kafka.adminBootstrap();
	await warmUpGroupCoordinator(bootstrap);
	await createTopic(topic, 3, {bootstrap});
	await produceRecords(
		topic,
		Array.from({length: 6}, (_, index) => ({
			partition: index % 3,
			value: JSON.stringify({service: 'api', level: 'info', message: `acl ${index}`}),
		})),
		{bootstrap},
	);
	const topicAcls = (user: string) => ({
		user,
		resource: 'topic' as const,
		name: topic,
		operations: ['READ', 'DESCRIBE'] as const,
	});
	await kafka.allow([
		topicAcls(READER),
		topicAcls(DESCRIBER),
		{user: DESCRIBER, resource: 'group', name: describedGroup, operations: ['DESCRIBE']},
		topicAcls(PREFIXED),
		{user: PREFIXED, resource: 'group', name: 'klog-tui-', pattern: 'prefixed', operations: ['READ']},
	]);
	// The authorizer takes the new ACLs from the metadata log: give it a moment.
	await sleep(1000);
}, 240_000);

describe('a user without READ on the group', () => {
	it('per-run group: one line naming the prefix ACL, exit 2', async () => {
		const result = await run(READER, '--plain');
		expect(result.code, result.stderr).toBe(2);
		const stderr = lines(result.stderr);
		expect(stderr).toHaveLength(1);
		expect(stderr[0]).toMatch(
			/^klog-tui: not allowed to use consumer group 'klog-tui-[^']+' \(needs READ on groups with the prefix 'klog-tui-'\); ask for that ACL, pick an allowed prefix with --group-prefix, or read without a group with --without-group$/,
		);
		expect(result.stdout.length).toBe(0);
	}, 60_000);

	it('--exit needs no group: it reads every record with the topic ACLs alone, as kcat -e does', async () => {
		const result = await run(READER, '--plain', '--exit', '--output', 'json');
		expect(result.code, result.stderr).toBe(0);
		expect(result.stderr).toBe('');
		const messages = outputLines(result).map((line) => (JSON.parse(line) as {message: string}).message);
		expect(messages.sort()).toEqual(['acl 0', 'acl 1', 'acl 2', 'acl 3', 'acl 4', 'acl 5']);
	}, 60_000);

	it('--group: one line naming the group ACL, exit 2', async () => {
		const group = uniqueName('team-acl');
		const result = await run(READER, '--group', group, '--plain', '--exit');
		expect(result.code, result.stderr).toBe(2);
		expect(lines(result.stderr)).toEqual([
			`klog-tui: not allowed to use consumer group '${group}' (needs READ on group '${group}'); ask for that ACL, or read without a group with --without-group`,
		]);
	}, 60_000);

	it('DESCRIBE but not READ on the group: the join is refused, the same line', async () => {
		const result = await run(DESCRIBER, '--group', describedGroup, '--plain', '--exit');
		expect(result.code, result.stderr).toBe(2);
		expect(lines(result.stderr)).toEqual([
			`klog-tui: not allowed to use consumer group '${describedGroup}' (needs READ on group '${describedGroup}'); ask for that ACL, or read without a group with --without-group`,
		]);
	}, 60_000);
});

describe('a user without READ on the group, in the TUI', () => {
	it('shows the stream stopped with the line, no retry loop; q leaves', async () => {
		const {term} = await terminals.start({columns: 250, rows: 24});
		const env = Object.entries(kafka.cliEnv(READER)).map(([name, value]) => `${name}=${shellQuote(value)}`);
		const args = [cliPath, ...kafka.cliArgs(READER), '--topic', topic];
		term.run(
			`echo ${SHELL_MARKER}; ${env.join(' ')} node ${args.map(shellQuote).join(' ')}; echo "klog-tui exited with $?"`,
		);
		const screen = await term.waitFor(/■ stopped: not allowed to use consumer group 'klog-tui-/, 30_000);
		expect(screen).toMatch(
			/■ stopped: not allowed to use consumer group 'klog-tui-[^']+' \(needs READ on groups with the prefix 'klog-tui-'\)/,
		);
		// Still stopped a while later: no reconnecting loop.
		await sleep(3000);
		expect(term.screen()).toContain('■ stopped: not allowed to use consumer group');
		expect(term.screen()).not.toContain('reconnecting');
		await term.press('q');
		expect(await expectTerminalRestored(term)).toBe(0);
	}, 90_000);
});

describe('a user with READ on the klog-tui- group prefix', () => {
	it('reads with --exit and leaves no group', async () => {
		const result = await run(PREFIXED, '--plain', '--exit', '--output', 'json');
		expect(result.code, result.stderr).toBe(0);
		const messages = outputLines(result).map((line) => (JSON.parse(line) as {message: string}).message);
		expect(messages.sort()).toEqual(['acl 0', 'acl 1', 'acl 2', 'acl 3', 'acl 4', 'acl 5']);
		// With --exit the records are read from the partition leaders, so no group was made at
		// all (without DELETE on the group, one made would stay behind).
		const left = await withAdmin(kafka.adminBootstrap(), async (admin) => (await admin.listGroups()).groups);
		expect(left.filter((group) => group.groupId.startsWith('klog-tui-'))).toHaveLength(0);
	}, 60_000);
});

describe('a user with only the topic ACLs, reading without a group', () => {
	it('--without-group reads every record, as kcat -C does, and makes no group', async () => {
		const result = await run(READER, '--without-group', '--plain', '--exit', '--output', 'json');
		expect(result.code, result.stderr).toBe(0);
		expect(result.stderr).toBe('');
		const messages = outputLines(result).map((line) => (JSON.parse(line) as {message: string}).message);
		expect(messages.sort()).toEqual(['acl 0', 'acl 1', 'acl 2', 'acl 3', 'acl 4', 'acl 5']);
		const left = await withAdmin(kafka.adminBootstrap(), async (admin) => (await admin.listGroups()).groups);
		expect(left.filter((group) => group.groupId.startsWith('klog-tui-'))).toHaveLength(0);
	}, 60_000);
});
