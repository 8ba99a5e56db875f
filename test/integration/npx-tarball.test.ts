/**
 * What `npx klog-tui` will do once published, from the packed tarball: `npm pack`, then in
 * an empty directory `npx --yes file:<tarball>` for `--help`, `--version` and a real run
 * against the test broker; and `npm install -g` of the tarball, the README's way from a clone.
 * This proves the package ships what the built CLI needs (`files`) and that every runtime
 * import is a `dependency`, not a devDependency.
 */
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {cleanEnv, ensureBuilt, repoRoot} from '../support/cli/cli-process.js';
import {createTopic, produceRecords, testBootstrap, uniqueName} from '../support/kafka/test-kafka.js';

type Run = {code: number; stdout: string; stderr: string};

const version = (
	JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {version: string}
).version;

let packDirectory: string;
let emptyDirectory: string;
let tarball: string;

/**
 * The environment of a user's shell: the npm_* variables npm set for this test run (its
 * prefix, its package, its scripts) would make npx behave as inside the repository.
 */
function userEnv(): NodeJS.ProcessEnv {
	const env = cleanEnv();
	for (const name of Object.keys(env)) if (name.toLowerCase().startsWith('npm_')) delete env[name];
	return env;
}

function run(command: string, args: readonly string[], cwd: string, timeoutMs = 240_000): Promise<Run> {
	return new Promise((resolve) => {
		execFile(
			command,
			args,
			{cwd, env: userEnv(), timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024},
			(error, stdout, stderr) => {
				const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
				resolve({code, stdout, stderr});
			},
		);
	});
}

/** `npx --yes file:<tarball> ...args` in the empty directory. */
function npx(args: readonly string[]): Promise<Run> {
	return run('npx', ['--yes', `file:${tarball}`, ...args], emptyDirectory);
}

beforeAll(async () => {
	// dist/ as the sources are now; pack without the prepack build (ensureBuilt did it, and a
	// type error mid-work elsewhere would fail tsc's exit code although it emits).
	ensureBuilt();
	packDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'klog-pack-'));
	emptyDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'klog-npx-'));
	const packed = await run(
		'npm',
		['pack', '--ignore-scripts', '--json', '--pack-destination', packDirectory],
		repoRoot,
	);
	expect(packed.code, packed.stderr).toBe(0);
	const [info] = JSON.parse(packed.stdout) as [{filename: string; files: {path: string}[]}];
	tarball = path.join(packDirectory, info.filename);
	expect(fs.existsSync(tarball)).toBe(true);
	// Only the build and the package metadata ship: no sources, tests or broker jars.
	for (const file of info.files) expect(file.path).toMatch(/^(dist\/|package\.json$|README\.md$|LICENSE)/);
	expect(info.files.map((file) => file.path)).toContain('dist/cli.js');
}, 300_000);

afterAll(() => {
	for (const directory of [packDirectory, emptyDirectory]) {
		if (directory) fs.rmSync(directory, {recursive: true, force: true});
	}
});

describe('npx from the packed tarball, in an empty directory', {timeout: 300_000}, () => {
	it('--version prints the package version and --help the usage', async () => {
		const shown = await npx(['--version']);
		expect(shown.code, shown.stderr).toBe(0);
		expect(shown.stdout.trim()).toBe(version);
		const help = await npx(['--help']);
		expect(help.code, help.stderr).toBe(0);
		expect(help.stdout).toContain('klog-tui');
		expect(help.stdout).toContain('--topic');
		expect(help.stdout).toContain('--brokers');
		// Nothing was installed into the empty directory: npx keeps its own copy.
		expect(fs.readdirSync(emptyDirectory)).toEqual([]);
	});

	it('npm install -g of the tarball puts klog-tui on the PATH', async () => {
		const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'klog-global-'));
		try {
			const installed = await run(
				'npm',
				['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', tarball],
				emptyDirectory,
			);
			expect(installed.code, installed.stderr).toBe(0);
			const shown = await run(path.join(prefix, 'bin', 'klog-tui'), ['--version'], emptyDirectory);
			expect(shown.code, shown.stderr).toBe(0);
			expect(shown.stdout.trim()).toBe(version);
		} finally {
			fs.rmSync(prefix, {recursive: true, force: true});
		}
	});

	it('reads the records produced to the test broker', async () => {
		const bootstrap = testBootstrap();
		const topic = uniqueName('npx');
		await createTopic(topic, 1);
		const messages = Array.from({length: 25}, (_, index) => `from the tarball ${index}`);
		await produceRecords(
			topic,
			messages.map((message) => ({value: JSON.stringify({service: 'npx-check', level: 'info', message})})),
			{bootstrap},
		);
		const read = await npx([
			'--plain',
			'--output',
			'json',
			'--from-beginning',
			'--exit',
			'-b',
			bootstrap,
			'-t',
			topic,
		]);
		expect(read.code, read.stderr).toBe(0);
		const records = read.stdout
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as {topic: string; service: string; message: string});
		expect(records.map((record) => record.message)).toEqual(messages);
		for (const record of records) {
			expect(record.topic).toBe(topic);
			expect(record.service).toBe('npx-check');
		}
	});
});
