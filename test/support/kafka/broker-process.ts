/**
 * `npm run broker` / `npx tsx scripts/broker.ts` as a real child process, for the tests of the
 * broker command itself: its output, the JVMs it starts and whether any outlive it.
 */
import {type ChildProcess, execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {repoRoot} from '../cli/cli-process.js';

/** How the broker is launched: the README's `npm run broker -- ...` or `npx tsx scripts/broker.ts ...`. */
export type BrokerLauncher = 'npm' | 'npx';

/** A running (or finished) broker command. */
export type BrokerProcess = {
	readonly child: ChildProcess;
	stdout(): string;
	stderr(): string;
	/** Resolves when the launcher has exited. */
	readonly exited: Promise<{code: number | null; signal: NodeJS.Signals | null}>;
	/** Waits until stdout matches `pattern`; rejects when the process exits first or after `timeoutMs`. */
	waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
	/** Waits for the exit; rejects (after killing the whole process group) when it takes over `timeoutMs`. */
	waitForExit(timeoutMs: number): Promise<{code: number | null; signal: NodeJS.Signals | null}>;
	/** Sends `signal` to the launcher alone (what `kill` does) or its process group (what Ctrl+C does). */
	signal(signal: NodeJS.Signals, to: 'process' | 'group'): void;
	/** SIGKILL to the process group; for clean-up after a failed test. */
	killGroup(): void;
};

/**
 * Starts the broker command in its own process group (as a shell does for a foreground job), with
 * `env` on top of this process's environment (an `undefined` value removes a variable).
 */
export function startBrokerCommand(
	launcher: BrokerLauncher,
	args: readonly string[],
	env: Record<string, string | undefined> = {},
): BrokerProcess {
	const [command, commandArgs] =
		launcher === 'npm'
			? ['npm', ['run', '--silent', 'broker', '--', ...args]]
			: ['npx', ['--no-install', 'tsx', 'scripts/broker.ts', ...args]];
	const fullEnv: NodeJS.ProcessEnv = {...process.env};
	for (const [name, value] of Object.entries(env)) {
		if (value === undefined) delete fullEnv[name];
		else fullEnv[name] = value;
	}
	const child = spawn(command, commandArgs, {
		cwd: repoRoot,
		env: fullEnv,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let out = '';
	let err = '';
	child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
		out += chunk;
	});
	child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
		err += chunk;
	});
	const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve, reject) => {
		child.once('error', reject);
		child.once('close', (code, signal) => resolve({code, signal}));
	});
	const killGroup = () => {
		try {
			process.kill(-child.pid!, 'SIGKILL');
		} catch {
			// Already gone.
		}
	};
	const describe = () => `stdout:\n${out}\nstderr:\n${err}`;
	return {
		child,
		stdout: () => out,
		stderr: () => err,
		exited,
		async waitForOutput(pattern, timeoutMs) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const match = pattern.exec(out);
				if (match) return match;
				if (child.exitCode !== null || child.signalCode !== null) {
					throw new Error(`the broker command exited before printing ${pattern}\n${describe()}`);
				}
				if (Date.now() > deadline) {
					throw new Error(`no ${pattern} within ${timeoutMs / 1000} s\n${describe()}`);
				}
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
		},
		async waitForExit(timeoutMs) {
			let timer: NodeJS.Timeout | undefined;
			const timeout = new Promise<never>((_, reject) => {
				timer = setTimeout(() => {
					killGroup();
					reject(new Error(`the broker command did not exit within ${timeoutMs / 1000} s\n${describe()}`));
				}, timeoutMs);
			});
			try {
				return await Promise.race([exited, timeout]);
			} finally {
				clearTimeout(timer);
			}
		},
		signal(signal, to) {
			process.kill(to === 'group' ? -child.pid! : child.pid!, signal);
		},
		killGroup,
	};
}

/** A live process: its pid, its command name (`comm`) and its command line. */
export type ProcessInfo = {pid: number; comm: string; cmdline: string};

/** Every process whose command line contains `marker` (e.g. a test's own temporary directory). */
export function processesWith(marker: string): ProcessInfo[] {
	const found: ProcessInfo[] = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const cmdline = fs.readFileSync(path.join('/proc', entry, 'cmdline'), 'utf8').replaceAll('\0', ' ');
			if (!cmdline.includes(marker)) continue;
			const stat = fs.readFileSync(path.join('/proc', entry, 'stat'), 'utf8');
			// A zombie has exited; only its parent's bookkeeping is left.
			if (/^\d+ \(.*\) Z /.test(stat)) continue;
			const comm = fs.readFileSync(path.join('/proc', entry, 'comm'), 'utf8').trim();
			found.push({pid: Number(entry), comm, cmdline});
		} catch {
			// The process ended while we looked.
		}
	}
	return found;
}

/** The JVMs among {@link processesWith}. */
export function jvmsWith(marker: string): ProcessInfo[] {
	return processesWith(marker).filter((info) => info.comm === 'java');
}

/** Waits (at most `timeoutMs`) until no process mentions `marker`; returns what is left. */
export async function waitForNoProcessWith(marker: string, timeoutMs: number): Promise<ProcessInfo[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const left = processesWith(marker);
		if (left.length === 0 || Date.now() > deadline) return left;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** SIGKILL to every process whose command line contains `marker`: clean-up after a failed test. */
export function killProcessesWith(marker: string): void {
	for (const {pid} of processesWith(marker)) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// Already gone.
		}
	}
}

/** Brokers that `kcat -L` lists at `bootstrap`, as `id → host:port`. */
export function kcatBrokers(bootstrap: string): Map<number, string> {
	const json = execFileSync('kcat', ['-L', '-J', '-m', '15', '-b', bootstrap], {
		encoding: 'utf8',
		timeout: 30_000,
	});
	const metadata = JSON.parse(json) as {brokers: Array<{id: number; name: string}>};
	return new Map(metadata.brokers.map((broker) => [broker.id, broker.name]));
}

/** The directory of `name` on PATH (resolved, so a symlink to it keeps working elsewhere). */
export function commandPath(name: string): string {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		const candidate = path.join(dir, name);
		try {
			fs.accessSync(candidate, fs.constants.X_OK);
			return fs.realpathSync(candidate);
		} catch {
			// Not here.
		}
	}
	throw new Error(`${name} is not on PATH`);
}

/**
 * A directory to use as the whole PATH, holding only `names` (symlinks to the real commands):
 * e.g. node and npm but no java, like a machine where Java is not installed.
 */
export function pathWithOnly(dir: string, names: readonly string[]): string {
	fs.mkdirSync(dir, {recursive: true});
	for (const name of names) {
		const real = name === 'node' ? process.execPath : commandPath(name);
		fs.symlinkSync(real, path.join(dir, name));
	}
	return dir;
}
