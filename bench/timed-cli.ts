import {type ChildProcessByStdio, spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {Readable} from 'node:stream';
import {gnuTime} from '../tools/load/measure.js';

/** A CLI build started under GNU time with stdout a pipe (as `| jq` reads it). */
export type TimedCli = {
	child: ChildProcessByStdio<null, Readable, Readable>;
	/** The last 500 characters of its stderr so far. */
	stderrTail(): string;
	/** After it closed: user + system CPU seconds and peak RSS in MB, from GNU time. */
	report(): {cpuSeconds: number; rssMb: number};
};

let runs = 0;

/** Starts `node cli ...args` under GNU time with stdout and stderr piped to this process. */
export function spawnTimedCli(cli: string, args: readonly string[]): TimedCli {
	runs += 1;
	const reportFile = path.join(os.tmpdir(), `klog-timed-cli-${process.pid}-${runs}.txt`);
	const child = spawn(gnuTime, ['-f', '%U %S %M', '-o', reportFile, process.execPath, cli, ...args], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => {
		stderr = (stderr + chunk.toString()).slice(-500);
	});
	return {
		child,
		stderrTail: () => stderr,
		report() {
			const [user = 0, system = 0, rssKb = 0] = fs
				.readFileSync(reportFile, 'utf8')
				.trim()
				.split('\n')
				.at(-1)!
				.split(' ')
				.map(Number);
			fs.rmSync(reportFile, {force: true});
			return {cpuSeconds: user + system, rssMb: rssKb / 1024};
		},
	};
}
