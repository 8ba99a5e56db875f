/**
 * The allow-list the end-to-end tests check the terminal's bytes with (test/support/terminal/terminal-bytes.ts):
 * what the renderer writes passes, every hostile corpus value and every other control fails.
 */
import {describe, expect, it} from 'vitest';
import {DISABLE_MOUSE, ENABLE_MOUSE} from '../../../source/terminal-text/mouse-report.js';
import {ENTER_SCREEN, LEAVE_SCREEN} from '../../../source/tui/screen.js';
import {findTerminalUnsafe, HOSTILE_CASES} from '../../support/records/hostile-corpus.js';
import {findForeignTerminalBytes} from '../../support/terminal/terminal-bytes.js';

const ESC = '\u001b';

describe('findForeignTerminalBytes', () => {
	it('passes what the renderer writes: screen modes, full and incremental frames, its colours', () => {
		const frames = [
			ENTER_SCREEN,
			ENABLE_MOUSE,
			`${ESC}[?2026h${ESC}[?25l${ESC}[2J${ESC}[3J${ESC}[H`,
			`${ESC}[1m${ESC}[36m klog-tui${ESC}[39m${ESC}[22m${ESC}[2m │ topic ${ESC}[22m日本語\r\n`,
			`${ESC}[38;5;183mapi${ESC}[39m ${ESC}[7m01:02:03${ESC}[27m ${ESC}[30m${ESC}[43mmatch${ESC}[39m${ESC}[49m\r\n`,
			`${ESC}[38;2;10;20;30mtrue colour${ESC}[0m${ESC}[?2026l`,
			`${ESC}[2K${ESC}[1A${ESC}[2K${ESC}[1A${ESC}[2K${ESC}[GToo small`,
			`${ESC}[39A${ESC}[1Gchanged row${ESC}[K\r\n${ESC}[E${ESC}[E`,
			DISABLE_MOUSE,
			LEAVE_SCREEN,
		];
		expect(findForeignTerminalBytes(Buffer.from(frames.join('')))).toBeUndefined();
	});

	it('fails every hostile corpus value that holds a control, even the sequences Ink also uses', () => {
		let checked = 0;
		for (const hostile of HOSTILE_CASES) {
			if (hostile.value === null) continue;
			if (findTerminalUnsafe(hostile.value, {allowNewlines: true, allowCrLf: true}) === undefined) continue;
			expect(findForeignTerminalBytes(hostile.value), hostile.name).toBeDefined();
			checked++;
		}
		expect(checked).toBeGreaterThan(30);
	});

	it('fails a lone CR, BEL, BS, C1, OSC, DCS, a lone clear or mode switch, and other SGR', () => {
		for (const foreign of [
			'a\rb',
			'ding\u0007',
			'x\by',
			'\u009b2J',
			'\u0085',
			`${ESC}]0;title${ESC}\\`,
			`${ESC}P+q544e${ESC}\\`,
			`${ESC}[2Jafter`,
			`${ESC}[3J`,
			`${ESC}[?1049h`,
			`${ESC}[?1000h`,
			`${ESC}[?1003h`,
			`${ESC}[10;20H`,
			`${ESC}[8mconcealed`,
			`${ESC}[5mblink`,
			`${ESC}c`,
		]) {
			expect(findForeignTerminalBytes(Buffer.from(`ok${foreign}ok`)), JSON.stringify(foreign)).toBeDefined();
		}
		expect(findForeignTerminalBytes(Buffer.from([0x61, 0xff, 0x62]))).toBe(
			'invalid UTF-8 in the bytes written',
		);
	});
});
