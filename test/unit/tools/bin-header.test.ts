import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {LAUNCH_V8_FLAGS} from '../../../source/tui/heap-tuning.js';
import {binHeader, withBinHeader} from '../../../tools/build/bin-header.js';

const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) fs.rmSync(dir, {recursive: true, force: true});
});

/** A bin like dist/cli.js: the header, then a module that prints what node was started with. */
function writeBin(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'klog-bin-'));
	dirs.push(dir);
	const file = path.join(dir, 'cli.mjs');
	const module =
		'#!/usr/bin/env node\nconsole.log(JSON.stringify({flags: process.execArgv, args: process.argv.slice(2)}));\n';
	fs.writeFileSync(file, withBinHeader(module, LAUNCH_V8_FLAGS), {mode: 0o755});
	return file;
}

type Started = {flags: string[]; args: string[]};
const run = (command: string, args: string[]) =>
	JSON.parse(execFileSync(command, args, {encoding: 'utf8'})) as Started;

/** Runs `command` with its stdout on a terminal (a pseudo-terminal from `script`), as the TUI is. */
function runOnTerminal(command: string): Started {
	const output = execFileSync('script', ['-qec', command, '/dev/null'], {encoding: 'utf8'});
	return JSON.parse(output.slice(output.indexOf('{'), output.lastIndexOf('}') + 1)) as Started;
}

describe('binHeader', () => {
	it('starts node with the launch flags when stdout is a terminal, and keeps the arguments as they were', () => {
		const file = writeBin();
		expect(runOnTerminal(`${file} -t 'a b' '$HOME' ''`)).toEqual({
			flags: [...LAUNCH_V8_FLAGS],
			args: ['-t', 'a b', '$HOME', ''],
		});
	});

	it('starts node without them when stdout is a pipe or a file (plain output)', () => {
		expect(run(writeBin(), ['-t', 'a b'])).toEqual({flags: [], args: ['-t', 'a b']});
	});

	it('works through a symbolic link, as npm installs a bin', () => {
		const file = writeBin();
		const link = path.join(path.dirname(file), 'klog-tui');
		fs.symlinkSync(file, link);
		expect(runOnTerminal(`${link} --version`).flags).toEqual([...LAUNCH_V8_FLAGS]);
	});

	it('is still a module node runs by itself, without the flags', () => {
		expect(run(process.execPath, [writeBin(), 'x'])).toEqual({flags: [], args: ['x']});
	});

	it('takes only plain flags into the shell line, and needs a #! line to replace', () => {
		expect(() => binHeader(['--x=$(reboot)'])).toThrow(/not a plain node flag/);
		expect(() => withBinHeader('console.log(1)\n', [])).toThrow(/no #! line/);
		expect(binHeader(['--a=1', '--b'])).toBe(
			'#!/bin/sh\n":" //# ; [ -t 1 ] && exec node --a=1 --b "$0" "$@"; exec node "$0" "$@"\n',
		);
	});
});
