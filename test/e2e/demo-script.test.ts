/**
 * `npm run demo` (scripts/demo.ts), the README's first command, in a real terminal: it starts a
 * broker when none answers at KAFKA_BROKERS (here a free port, its data in a temporary
 * KLOG_DEMO_DIR, so a developer's demo on 9092 is never touched) or uses the one that answers
 * (the suite's), then the demo producer and the TUI. Live demo records from several services
 * arrive, `d` sends a burst that arrives (counted exactly: the producer is stopped meanwhile),
 * `q` quits, the terminal is restored, and no process the demo started is left.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {DEFAULT_DEMO_SERVICES} from '../../source/settings/run-settings.js';
import {freePort, isPortFree} from '../../tools/kafka/free-port.js';
import {type PaneProcess, shellQuote, type TmuxTerminal} from '../../tools/terminal/tmux.js';
import {repoRoot} from '../support/cli/cli-process.js';
import {STACK_FRAME} from '../support/cli/faults-cli-run.js';
import {testBootstrap, withAdmin} from '../support/kafka/test-kafka.js';
import {
	EXIT_LINE,
	expectGroupGone,
	expectTerminalRestored,
	footerMessage,
	headerGroupId,
	headerLine,
	isRunning,
	logLines,
	SHELL_MARKER,
	serviceRowsOf,
	shortName,
	terminalPerTest,
} from '../support/terminal/tui-session.js';

const session = terminalPerTest('demo');

/** Pids a test saw the demo start: whatever a failed test left is stopped after it. */
const started = new Set<number>();
afterEach(() => {
	for (const pid of started) {
		if (!isRunning(pid)) continue;
		process.kill(pid, 'SIGCONT');
		process.kill(pid, 'SIGKILL');
	}
	started.clear();
});

/** What the demo runs: itself, the TUI, the producer (detached: a session of its own), brokers. */
type DemoProcesses = {demo: PaneProcess; tui: PaneProcess; producer: PaneProcess; brokers: PaneProcess[]};

/** The demo's processes among the pane's (meow titles both klog-tui processes `klog-tui`). */
function demoProcesses(term: TmuxTerminal): DemoProcesses {
	const all = term.processes();
	const klogTui = all.filter((process) => process.args === 'klog-tui');
	const producer = klogTui.find((process) => process.sid === process.pid);
	const tui = klogTui.find((process) => process.sid !== process.pid);
	if (!producer || !tui) throw new Error(`no TUI and producer among:\n${JSON.stringify(all, null, 1)}`);
	const demo = all.find((process) => process.pid === tui.ppid)!;
	expect(producer.ppid).toBe(demo.pid);
	const brokers = all.filter((process) => / kafka\.Kafka /.test(process.args));
	for (const process of [demo, tui, producer, ...brokers]) started.add(process.pid);
	return {demo, tui, producer, brokers};
}

/** The header's `buffered X of Y` numbers. */
function buffered(screen: string): {shown: number; total: number} | undefined {
	const match = /buffered ([\d,]+) of ([\d,]+)/.exec(headerLine(screen, 1));
	if (!match) return undefined;
	return {shown: Number(match[1]!.replaceAll(',', '')), total: Number(match[2]!.replaceAll(',', ''))};
}

/** Records in the topic `logs` so far: the sum of its partitions' end offsets. */
async function recordsInLogs(bootstrap: string): Promise<number> {
	const offsets = await withAdmin(bootstrap, (admin) => admin.fetchTopicOffsets('logs'));
	return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
}

/** Wait until `check` holds (polling the screen and the broker); fails with the last screen. */
async function waitUntil(
	term: TmuxTerminal,
	what: string,
	check: () => Promise<boolean>,
	timeoutMs = 30_000,
) {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${term.screen()}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/**
 * From the first live screen to q: demo records of several services on screen, a `d` burst
 * counted exactly (producer stopped, view caught up with the topic, then d, then N more), the
 * producer resumed and live again, q. Returns the demo's processes and the TUI's group.
 */
async function playDemo(
	term: TmuxTerminal,
	bootstrap: string,
): Promise<{processes: DemoProcesses; groupId: string}> {
	const demoServices: readonly string[] = DEFAULT_DEMO_SERVICES;
	let screen = await term.waitFor((text) => {
		const live = serviceRowsOf(text).filter((row) => demoServices.includes(row.name) && row.count > 0);
		return live.length >= 3 && logLines(text).length >= 3;
	}, 60_000);
	expect(headerLine(screen, 0)).toContain(`topic logs │ brokers ${bootstrap}`);
	const groupId = headerGroupId(screen);
	const processes = demoProcesses(term);

	// The producer stopped, the view caught up with everything in the topic: d adds exactly N.
	process.kill(processes.producer.pid, 'SIGSTOP');
	let before = 0;
	await waitUntil(term, 'the view to catch up with the topic', async () => {
		const inTopic = await recordsInLogs(bootstrap);
		const counts = buffered(term.screen());
		before = inTopic;
		return counts?.total === inTopic && counts.shown === inTopic;
	});
	await term.press('d');
	screen = await term.waitFor((text) => /sent \d+ demo records/.test(footerMessage(text)), 30_000);
	const sent = Number(/sent (\d+) demo records/.exec(footerMessage(screen))![1]);
	expect(sent).toBeGreaterThan(0);
	const after = before + sent;
	screen = await term.waitFor((text) => buffered(text)?.total === after, 30_000);
	expect(buffered(screen)).toEqual({shown: after, total: after});
	expect(await recordsInLogs(bootstrap)).toBe(after);

	// Resumed, the producer's records arrive again.
	process.kill(processes.producer.pid, 'SIGCONT');
	await term.waitFor((text) => (buffered(text)?.total ?? 0) > after, 30_000);

	await term.press('q');
	await term.waitFor(new RegExp(`${EXIT_LINE}\\d+`), 60_000);
	return {processes, groupId};
}

/** After the demo exited: the terminal as before, exit 0, no stack trace, every process gone. */
async function expectCleanExit(term: TmuxTerminal, processes: DemoProcesses): Promise<void> {
	expect(await expectTerminalRestored(term)).toBe(0);
	expect(term.screen()).not.toMatch(STACK_FRAME);
	const {demo, tui, producer, brokers} = processes;
	for (const process of [demo, tui, producer, ...brokers]) {
		await waitUntil(term, `${process.args} (${process.pid}) to be gone`, async () => !isRunning(process.pid));
	}
}

/** `echo MARKER; <env> <command>; echo "klog-tui exited with $?"` in the pane's shell. */
function runDemo(term: TmuxTerminal, env: Record<string, string>, command: string): void {
	const assignments = Object.entries(env).map(([name, value]) => `${name}=${shellQuote(value)}`);
	term.run(`echo ${SHELL_MARKER}; ${assignments.join(' ')} ${command}; echo "${EXIT_LINE}$?"`);
}

describe('npm run demo in a real terminal', () => {
	it('with no broker on its port: starts one there, shows live demo logs, d, q stops broker and producer', async () => {
		const port = await freePort();
		const bootstrap = `127.0.0.1:${port}`;
		const {term, workDir} = await session.start({cwd: repoRoot});
		runDemo(term, {KAFKA_BROKERS: bootstrap, KLOG_DEMO_DIR: workDir}, 'npm run demo');
		// The build, then a broker starting on a busy machine: generous.
		await term.waitFor(`demo: no Kafka broker answers: starting a local one on ${bootstrap}`, 120_000);
		await term.waitFor((text) => headerLine(text, 1).includes('● live'), 180_000);

		const {processes} = await playDemo(term, bootstrap);
		expect(processes.brokers).toHaveLength(1);
		await expectCleanExit(term, processes);
		expect(term.screen()).toContain('demo: stopping the local Kafka broker...');
		expect(await isPortFree(port)).toBe(true);
		// Its data and the producer's log went to KLOG_DEMO_DIR.
		expect(fs.existsSync(path.join(workDir, 'demo', 'cluster.json'))).toBe(true);
		expect(fs.readFileSync(path.join(workDir, 'demo-producer.log'), 'utf8')).toContain("to 'logs'");
	});

	it('with a broker that answers: uses it, shows live demo logs, d, q leaves the broker running and the group gone', async () => {
		const bootstrap = testBootstrap();
		const {term, workDir} = await session.start({cwd: repoRoot});
		const groupPrefix = `${shortName('g')}-`;
		// The build was checked by the test above; the script itself, with TUI flags after it.
		runDemo(
			term,
			{KAFKA_BROKERS: bootstrap, KLOG_DEMO_DIR: workDir},
			`npx tsx scripts/demo.ts --group-prefix ${groupPrefix}`,
		);
		await term.waitFor(`demo: using the Kafka broker at ${bootstrap}`, 60_000);
		await term.waitFor((text) => headerLine(text, 1).includes('● live'), 60_000);

		const {processes, groupId} = await playDemo(term, bootstrap);
		expect(groupId.startsWith(groupPrefix)).toBe(true);
		expect(processes.brokers).toHaveLength(0);
		await expectCleanExit(term, processes);
		expect(term.screen()).not.toContain('stopping the local Kafka broker');
		// The broker it found still answers, and the TUI's group is gone from it.
		await expectGroupGone(groupId);
	});
});
