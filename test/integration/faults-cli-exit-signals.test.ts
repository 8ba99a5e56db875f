/**
 * Exit paths of the real plain CLI: SIGTERM, SIGINT and SIGHUP while it streams. It must leave
 * its explicit group and delete it (a viewer leaves no trace), exit by itself with its own exit
 * code (not be killed by the signal), and print no stack trace.
 */
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt} from '../support/cli/cli-process.js';
import {killRunningClis, offsetKeys, STACK_FRAME, startPlainCli} from '../support/cli/faults-cli-run.js';
import {logValues, waitUntil} from '../support/kafka/kafka-stream-helpers.js';
import {
	createTopic,
	produceRecords,
	testBootstrap,
	uniqueName,
	withAdmin,
} from '../support/kafka/test-kafka.js';

beforeAll(() => ensureBuilt(), 120_000);
afterEach(killRunningClis);

async function groupIds(): Promise<string[]> {
	return withAdmin(testBootstrap(), async (admin) => (await admin.listGroups()).groups.map((g) => g.groupId));
}

describe('plain CLI exit on signals', () => {
	it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)(
		'%s: leaves and deletes the group, exits 0 by itself, no stack trace',
		async (signal) => {
			const topic = uniqueName(`exit-${signal.toLowerCase()}`);
			await createTopic(topic, 2);
			await produceRecords(topic, logValues(40));
			const group = uniqueName(`klog-tui-${signal.toLowerCase()}`);
			const cli = startPlainCli([
				'--brokers',
				testBootstrap(),
				'--topic',
				topic,
				'--from-beginning',
				'--group',
				group,
			]);
			await waitUntil('40 records', () => cli.lines().length === 40, 30_000);
			// The group exists while it streams (a member holds it).
			expect(await groupIds()).toContain(group);

			const sentAt = Date.now();
			cli.child.kill(signal);
			const exit = await cli.exited;
			const exitMs = Date.now() - sentAt;
			// The plain runner handles the signal and ends the run itself: exit code 0 (a
			// finished stream, like kcat), never death by the signal.
			expect(exit).toEqual({code: 0, signal: null});
			expect(new Set(offsetKeys(cli.lines())).size).toBe(40);
			expect(cli.stderr()).not.toMatch(STACK_FRAME);
			expect(await groupIds()).not.toContain(group);
			expect(exitMs).toBeLessThan(10_000);
			process.stderr.write(
				`[faults] plain CLI ${signal}: exit ${exit.code} in ${exitMs} ms, group deleted\n`,
			);
		},
	);
});
