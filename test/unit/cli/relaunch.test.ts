import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {type RelaunchContext, relaunchArgs, tuiLaunchFlagsHere} from '../../../source/cli/relaunch.js';
import {LAUNCH_V8_FLAGS} from '../../../source/tui/heap-tuning.js';

const base: RelaunchContext = {
	execPath: '/usr/bin/node',
	execArgv: ['--enable-source-maps'],
	argv: ['/usr/bin/node', '/opt/klog-tui/dist/cli.js', '-t', 'logs'],
	stdoutIsTerminal: true,
	canReplaceProcess: true,
};

describe('relaunchArgs', () => {
	it('starts node again with the flags first, then its own options, the script and its arguments', () => {
		expect(relaunchArgs(base, ['--max-semi-space-size=4'])).toEqual([
			'/usr/bin/node',
			'--max-semi-space-size=4',
			'--enable-source-maps',
			'/opt/klog-tui/dist/cli.js',
			'-t',
			'logs',
		]);
	});

	it('goes on as is when stdout is no terminal, node cannot replace itself, or the flag is there', () => {
		expect(relaunchArgs({...base, stdoutIsTerminal: false})).toBeUndefined();
		expect(relaunchArgs({...base, canReplaceProcess: false})).toBeUndefined();
		expect(
			relaunchArgs({...base, execArgv: ['--max-semi-space-size=8']}, ['--max-semi-space-size=4']),
		).toBeUndefined();
	});
});

/** Node has `process.execve` from 22.15 and 23.11 (CI's Node 24 step runs this file too). */
function hasExecve(): boolean {
	return typeof (process as {execve?: unknown}).execve === 'function';
}

describe('relaunchWithLaunchFlags, in a terminal (script(1) gives the probe a pty)', () => {
	it(`${hasExecve() ? 'replaces' : 'keeps'} the process on Node ${process.versions.node}: the flags are ${hasExecve() ? '' : 'not '}on its command line, same pid`, () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'klog-relaunch-'));
		const probe = path.join(dir, 'probe.mts');
		const relaunch = path.resolve('source/cli/relaunch.ts');
		fs.writeFileSync(
			probe,
			`const pid = process.env.KLOG_PROBE_PID ?? String(process.pid);\n` +
				`process.env.KLOG_PROBE_PID = pid;\n` +
				`const {relaunchWithLaunchFlags} = await import(${JSON.stringify(relaunch)});\n` +
				`relaunchWithLaunchFlags();\n` +
				`console.log('PROBE ' + JSON.stringify({execArgv: process.execArgv, samePid: pid === String(process.pid)}));\n`,
		);
		const command = `${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(probe)}`;
		const output = execFileSync('script', ['-qec', command, '/dev/null'], {
			encoding: 'utf8',
			timeout: 30_000,
		});
		fs.rmSync(dir, {recursive: true, force: true});
		const line = output.split(/\r?\n/).find((text) => text.startsWith('PROBE '));
		expect(line, output).toBeDefined();
		const {execArgv, samePid} = JSON.parse(line!.slice('PROBE '.length)) as {
			execArgv: string[];
			samePid: boolean;
		};
		expect(samePid).toBe(true);
		for (const flag of LAUNCH_V8_FLAGS) expect(execArgv.includes(flag)).toBe(hasExecve());
	});
});

describe('tuiLaunchFlagsHere (what the bench starts the TUI pipeline with)', () => {
	it(`gives ${hasExecve() ? 'LAUNCH_V8_FLAGS' : 'no flags'} on Node ${process.versions.node}, as the CLI in a terminal`, () => {
		expect(tuiLaunchFlagsHere()).toEqual(hasExecve() ? LAUNCH_V8_FLAGS : []);
	});
});
