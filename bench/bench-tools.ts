import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import {gnuTime} from '../tools/load/measure.js';

/** What the bench needs on PATH besides Node and Java, and the Debian package of each. */
const tools = [
	{name: 'kcat', found: () => commandWorks('kcat', ['-V']), debianPackage: 'kcat'},
	{name: 'GNU time', found: () => fs.existsSync(gnuTime), debianPackage: 'time'},
] as const;

function commandWorks(command: string, args: string[]): boolean {
	const probe = spawnSync(command, args, {stdio: 'ignore'});
	return !probe.error && probe.status === 0;
}

/**
 * Makes sure kcat (the reference consumer, and the bulk producer) and GNU time (exact peak RSS
 * and CPU of each run) are installed. As root on Debian/Ubuntu it installs them with apt-get;
 * otherwise it throws with the command to run.
 */
export function ensureBenchTools(log: (line: string) => void): void {
	const missing = tools.filter((tool) => !tool.found());
	if (missing.length === 0) return;
	const packages = missing.map((tool) => tool.debianPackage);
	const howTo = `sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`;
	const isRoot = process.getuid?.() === 0;
	if (!isRoot || !commandWorks('apt-get', ['--version'])) {
		throw new Error(`the benchmark needs ${missing.map((tool) => tool.name).join(' and ')}: ${howTo}`);
	}
	log(`Installing ${packages.join(' ')} with apt-get (once)...`);
	for (const args of [['update'], ['install', '-y', ...packages]]) {
		const result = spawnSync('apt-get', args, {stdio: ['ignore', 'ignore', 'inherit']});
		if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed; install by hand: ${howTo}`);
	}
	const stillMissing = tools.filter((tool) => !tool.found());
	if (stillMissing.length > 0) {
		throw new Error(`still missing after apt-get: ${stillMissing.map((tool) => tool.name).join(', ')}`);
	}
}

/** kcat's and librdkafka's versions from `kcat -V`, e.g. "kcat 1.7.1 (librdkafka 2.0.2)". */
export function kcatVersion(): string {
	const probe = spawnSync('kcat', ['-V'], {encoding: 'utf8'});
	const text = `${probe.stdout}${probe.stderr}`;
	const kcat = /Version (\S+)/.exec(text)?.[1] ?? 'unknown';
	const librdkafka = /librdkafka (\d\S*)/.exec(text)?.[1] ?? 'unknown';
	return `kcat ${kcat} (librdkafka ${librdkafka})`;
}
