/**
 * Fault: the broker is down when klog-tui starts. The real plain CLI is started against a port
 * where nothing listens; it must retry with a visible status (no crash, no stack trace), and
 * stream once a broker comes up on that port, every record exactly once.
 */
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {freePort} from '../../tools/kafka/free-port.js';
import {type KafkaCluster, startKafka} from '../../tools/kafka/kafka-broker.js';
import {ensureBuilt} from '../support/cli/cli-process.js';
import {killRunningClis, offsetKeys, STACK_FRAME, startPlainCli} from '../support/cli/faults-cli-run.js';
import {logValues, waitUntil} from '../support/kafka/kafka-stream-helpers.js';
import {createTopic, produceRecords, uniqueName, withAdmin} from '../support/kafka/test-kafka.js';

let cluster: KafkaCluster | undefined;

beforeAll(() => ensureBuilt(), 120_000);
afterEach(killRunningClis);
afterAll(async () => {
	await cluster?.stop();
}, 120_000);

describe('broker down at start', () => {
	it('retries with a visible reason, never crashes, and streams once the broker comes up', async () => {
		const port = await freePort();
		const bootstrap = `127.0.0.1:${port}`;
		const topic = uniqueName('down-at-start');
		const group = uniqueName('klog-tui-down');
		const cli = startPlainCli([
			'--brokers',
			bootstrap,
			'--topic',
			topic,
			'--from-beginning',
			'--group',
			group,
		]);

		// Nobody listens: the status says so, with the reason, and it keeps trying.
		await waitUntil(
			'a reconnecting line',
			() => /reconnecting: .*connection refused/.test(cli.stderr()),
			30_000,
		);
		const downFor = Date.now();
		await new Promise((resolve) => setTimeout(resolve, 3000));
		expect(cli.child.exitCode).toBeNull();
		expect(cli.lines()).toEqual([]);

		const starting = Date.now();
		cluster = await startKafka({nodes: 1, port});
		const brokerUpMs = Date.now() - starting;
		await createTopic(topic, 3, {bootstrap});
		await produceRecords(topic, logValues(120), {bootstrap});
		const produced = Date.now();
		await waitUntil('all 120 records', () => cli.lines().length >= 120, 60_000);
		const arrivedMs = Date.now() - produced;

		const keys = offsetKeys(cli.lines());
		expect(keys).toHaveLength(120);
		expect(new Set(keys).size).toBe(120);
		expect(new Set(cli.lines().map((line) => line.message)).size).toBe(120);
		const stderr = cli.stderr();
		expect(stderr).not.toMatch(STACK_FRAME);
		expect(stderr).toMatch(/klog-tui: connected/);
		// Every stderr line is one of klog-tui's own one-line messages.
		for (const line of stderr.trimEnd().split('\n')) expect(line).toMatch(/^klog-tui: /);

		cli.child.kill('SIGTERM');
		const exit = await cli.exited;
		expect(exit).toEqual({code: 0, signal: null});
		const groups = await withAdmin(bootstrap, async (admin) => (await admin.listGroups()).groups);
		expect(groups.map((entry) => entry.groupId)).not.toContain(group);
		process.stderr.write(
			`[faults] broker down at start: retried ${Math.round((starting - downFor) / 1000) + 3} s+ with a visible reason; broker up in ${brokerUpMs} ms; records shown ${arrivedMs} ms after producing\n${stderr
				.split('\n')
				.slice(0, 6)
				.map((line) => `[faults]   ${line}`)
				.join('\n')}\n`,
		);
	});
});
