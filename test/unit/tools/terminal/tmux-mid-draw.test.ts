/**
 * The tmux harness against a frame that arrives in two pieces, as a large Ink frame does when
 * tmux reads it from the pty between two of the program's writes: `screen()` returns the frame
 * once it is whole, not the top rows over a cleared rest (a CI run failed on such a capture).
 */
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {afterEach, expect, it} from 'vitest';
import {startTmux, type TmuxTerminal} from '../../../../tools/terminal/tmux.js';

const ROWS = 8;
let terminal: TmuxTerminal | undefined;
let workDir: string | undefined;

afterEach(() => {
	terminal?.kill();
	if (workDir) fs.rmSync(workDir, {recursive: true, force: true});
});

it('captures again while a frame is half drawn, and returns it whole', async () => {
	workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'klog-tmux-mid-draw-'));
	const midDraw = (screen: string) => screen.startsWith('TOP') && screen.trimEnd().split('\n').length < ROWS;
	terminal = await startTmux({columns: 40, rows: ROWS, cwd: workDir, midDraw});
	// The frame's top, then its last row only once the file `go` exists.
	terminal.run(
		`printf '\\033[2J\\033[HTOP\\n'; while [ ! -e go ]; do sleep 0.01; done; printf '\\033[${ROWS};1HBOTTOM'; sleep 30`,
	);
	// Watched without the harness's own check: the half-drawn frame is on screen, and stays.
	for (let tries = 0; !terminal.screenWithEscapes().startsWith('TOP'); tries++) {
		expect(tries, 'the top of the frame is drawn').toBeLessThan(100);
		await sleep(50);
	}
	await sleep(200);
	expect(terminal.screenWithEscapes()).not.toContain('BOTTOM');

	// The rest arrives while `screen()` is capturing (it blocks this thread, so another process
	// writes the file).
	spawn('sh', ['-c', 'sleep 0.2; touch go'], {cwd: workDir, stdio: 'ignore'});
	const screen = terminal.screen().split('\n');
	expect(screen[0]).toBe('TOP');
	expect(screen[ROWS - 1]).toBe('BOTTOM');
});
