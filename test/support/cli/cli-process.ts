import {type ChildProcess, execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** The repository root and the built CLI the tests run, as users do (`node dist/cli.js`). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const cliPath = path.join(repoRoot, 'dist', 'cli.js');

function newestMtime(dir: string): number {
	let newest = 0;
	for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
		const full = path.join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
	}
	return newest;
}

/**
 * A project `ensureBuilt` builds: its root (with `source/`, `tsconfig.json`, `dist/`), the tsc
 * to run, and the script that writes `dist/` after tsc checked the types (without it, tsc writes).
 */
export type BuildPlace = {root: string; tsc: string; bundle?: string};

const repoBuild: BuildPlace = {
	root: repoRoot,
	tsc: path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'),
	// As `npm run build`.
	bundle: path.join(repoRoot, 'scripts', 'bundle.ts'),
};

/**
 * Build `dist/` (tsc) unless it is newer than every source file, so the tests exercise the
 * code as it is. A failed build throws with tsc's diagnostics: the tests must not go on
 * against an older `dist/`. `--noEmitOnError` keeps a failed build from writing (tsc emits
 * despite type errors otherwise), so `dist/` stays older than the sources and every later
 * call builds again and fails again instead of passing on a half-checked build.
 */
export function ensureBuilt(place: BuildPlace = repoBuild): void {
	const cli = path.join(place.root, 'dist', 'cli.js');
	const built = fs.existsSync(cli) ? fs.statSync(cli).mtimeMs : 0;
	if (built > newestMtime(path.join(place.root, 'source'))) return;
	try {
		const emit = place.bundle ? '--noEmit' : '--noEmitOnError';
		execFileSync(process.execPath, [place.tsc, '-p', 'tsconfig.json', emit], {
			cwd: place.root,
			stdio: 'pipe',
		});
		if (place.bundle)
			execFileSync(process.execPath, ['--import', 'tsx', place.bundle], {cwd: place.root, stdio: 'pipe'});
	} catch (error) {
		const {stdout, stderr} = error as {stdout?: Buffer; stderr?: Buffer};
		const output = `${stdout?.toString('utf8') ?? ''}${stderr?.toString('utf8') ?? ''}`.trim();
		throw new Error(
			`the build failed (tsc -p tsconfig.json and the bundle in ${place.root}), so the tests would run an older dist/:\n${output}`,
			{cause: error},
		);
	}
}

/** What a finished CLI run left behind. */
export type CliRun = {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: Buffer;
	stderr: string;
	/** Wall time from spawn to exit, ms. */
	ms: number;
};

export type CliRunOptions = {
	/** Extra environment (on top of a copy without colour and broker variables). */
	env?: Record<string, string | undefined>;
	/** Kill the run after this long (the test then fails on the code). Default 60 s. */
	timeoutMs?: number;
};

/** A copy of the environment without the variables that change klog-tui's output. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {...process.env};
	for (const name of ['FORCE_COLOR', 'NO_COLOR', 'KAFKA_BROKERS', 'SERVICE_NAME', 'KLOG_PROFILE'])
		delete env[name];
	for (const [name, value] of Object.entries(extra)) {
		if (value === undefined) delete env[name];
		else env[name] = value;
	}
	return env;
}

/** Start `node dist/cli.js ...args` with piped stdio. */
export function spawnCli(args: readonly string[], options: CliRunOptions = {}): ChildProcess {
	return spawn(process.execPath, [cliPath, ...args], {
		cwd: repoRoot,
		env: cleanEnv(options.env),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
}

/** Run the CLI to the end, collecting stdout as bytes (to check them) and stderr as text. */
export function runCli(args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
	const started = Date.now();
	const child = spawnCli(args, options);
	const out: Buffer[] = [];
	const err: Buffer[] = [];
	child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
	child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
	const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
	return new Promise((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({
				code,
				signal,
				stdout: Buffer.concat(out),
				stderr: Buffer.concat(err).toString('utf8'),
				ms: Date.now() - started,
			});
		});
	});
}

/** Lines of a run's stdout (without the final empty one). */
export function outputLines(run: CliRun): string[] {
	const text = run.stdout.toString('utf8');
	return text.length === 0 ? [] : text.replace(/\n$/, '').split('\n');
}
