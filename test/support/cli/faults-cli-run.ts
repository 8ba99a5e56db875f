/**
 * The real plain CLI (`node dist/cli.js --plain --output json ...`) as a long-running child
 * process for the fault tests: its JSON lines and stderr as they come, and its exit.
 */
import type {ChildProcess} from 'node:child_process';
import {spawnCli} from './cli-process.js';

/** The fields of a `--output json` line the fault tests check. */
export type CliJsonLine = {topic: string; partition: number; offset: number; message: string};

/** A running plain CLI. */
export type RunningCli = {
	child: ChildProcess;
	/** JSON lines printed so far. */
	lines(): CliJsonLine[];
	/** Everything written to stderr so far. */
	stderr(): string;
	/** Resolves with how it ended. */
	exited: Promise<{code: number | null; signal: NodeJS.Signals | null}>;
	/** Kills it (SIGKILL) if it still runs: for cleanup after a failed test. */
	kill(): void;
};

/** Children still running, so `afterEach` can end what a failed test left. */
export const runningClis = new Set<RunningCli>();

/** Starts `node dist/cli.js --plain --output json ...args` (call `ensureBuilt()` first). */
export function startPlainCli(args: readonly string[]): RunningCli {
	const child = spawnCli(['--plain', '--output', 'json', ...args]);
	let out = '';
	let err = '';
	const parsed: CliJsonLine[] = [];
	child.stdout!.setEncoding('utf8');
	child.stdout!.on('data', (chunk: string) => {
		out += chunk;
		const complete = out.lastIndexOf('\n');
		if (complete < 0) return;
		for (const line of out.slice(0, complete).split('\n')) {
			if (line.length > 0) parsed.push(JSON.parse(line) as CliJsonLine);
		}
		out = out.slice(complete + 1);
	});
	child.stderr!.setEncoding('utf8');
	child.stderr!.on('data', (chunk: string) => {
		err += chunk;
	});
	const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) => {
		child.once('close', (code, signal) => resolve({code, signal}));
	});
	const running: RunningCli = {
		child,
		lines: () => parsed,
		stderr: () => err,
		exited,
		kill: () => {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		},
	};
	runningClis.add(running);
	void exited.then(() => runningClis.delete(running));
	return running;
}

/** Kill every CLI a test left running (afterEach). */
export async function killRunningClis(): Promise<void> {
	const left = [...runningClis];
	for (const cli of left) cli.kill();
	await Promise.all(left.map((cli) => cli.exited));
}

/** A Node or V8 stack frame line: what must never reach the user's terminal. */
export const STACK_FRAME = /^\s+at .+[(:]\d+/m;

/** `partition/offset` keys of the lines, for exactly-once checks. */
export function offsetKeys(lines: readonly CliJsonLine[]): string[] {
	return lines.map((line) => `${line.partition}/${line.offset}`);
}
