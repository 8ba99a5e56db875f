/**
 * The mouse in a real terminal (issue 14, item 6). tmux cannot click by itself, so the test
 * types the bytes a terminal sends for a click or a wheel notch (xterm's SGR reports) into the
 * pane: a click selects the line under it, the wheel moves the selection, a malformed or
 * broken report changes nothing and shows nothing. tmux's pane flags say whether klog-tui
 * asked for mouse reporting: on while it runs, off after q, never with --no-mouse.
 */
import {execFileSync} from 'node:child_process';
import {setTimeout as sleep} from 'node:timers/promises';
import {describe, expect, it} from 'vitest';
import type {TmuxTerminal} from '../../tools/terminal/tmux.js';
import {createTopic, produceRecords} from '../support/kafka/test-kafka.js';
import {shopLogs} from '../support/records/shop-logs.js';
import {
	expectTerminalRestored,
	klogArgs,
	logColumn,
	shortName,
	startKlog,
	terminalPerTest,
} from '../support/terminal/tui-session.js';

const session = terminalPerTest('mouse');

/** Send bytes to the pane as a terminal would, each as given (tmux send-keys -H). */
function sendBytes(term: TmuxTerminal, text: string): void {
	const hex = [...Buffer.from(text, 'utf8')].map((byte) => byte.toString(16).padStart(2, '0'));
	execFileSync('tmux', ['-L', term.socket, '-f', '/dev/null', 'send-keys', '-t', 'e2e:0.0', '-H', ...hex]);
}

/** An SGR report at a 0-based cell (the terminal counts from 1). */
function report(code: number, column: number, row: number, final = 'M'): string {
	return `\x1b[<${code};${column + 1};${row + 1}${final}`;
}

/** The screen row (0-based) of the selected line (drawn with `▌` in the log column). */
function selectedRow(screen: string): number {
	const column = logColumn(screen);
	return screen.split('\n').findIndex((line, row) => row > 2 && line[column] === '▌');
}

/** Mouse reporting the pane asked for: standard (1000) and SGR (1006) flags, `11` when both. */
function mouseFlags(term: TmuxTerminal): string {
	return term.display('#{mouse_standard_flag}#{mouse_sgr_flag}');
}

describe('klog-tui in a real terminal: the mouse', () => {
	it('a click selects, the wheel scrolls, a malformed report does nothing; q turns it off', async () => {
		const topic = shortName('e2e-mouse');
		await createTopic(topic, 3);
		await produceRecords(topic, shopLogs(30));
		const {term} = await session.start();
		await startKlog(term, klogArgs(topic, `${shortName('g')}-`));
		let screen = await term.waitFor('buffered 30 of 30');
		expect(mouseFlags(term)).toBe('11');
		const column = logColumn(screen) + 10;
		const last = selectedRow(screen);
		expect(last).toBeGreaterThan(10);

		// A click 8 rows above the selected (newest) line selects that line.
		sendBytes(term, report(0, column, last - 8) + report(0, column, last - 8, 'm'));
		screen = await term.waitFor((text) => selectedRow(text) === last - 8);
		expect(screen).toContain('not following');

		// One wheel notch up: three lines up; one down: back.
		sendBytes(term, report(64, column, 10));
		await term.waitFor((text) => selectedRow(text) === last - 11);
		sendBytes(term, report(65, column, 10));
		screen = await term.waitFor((text) => selectedRow(text) === last - 8);

		// Malformed, over-long, cut by a key, and a good report split across two reads: the
		// broken ones change nothing and none shows; the split one is still a click.
		const malformed = [
			`\x1b[<0;${column + 1};${last - 3}X`,
			`\x1b[<0;99999;${last - 3}M`,
			`\x1b[<0;${'9'.repeat(40)};1M`,
			`\x1b[<0;${column + 1};${last - 3};7M`,
			`\x1b[<0;${column + 1}é`,
		];
		for (const bytes of malformed) sendBytes(term, bytes);
		const split = report(0, column, last - 2);
		sendBytes(term, split.slice(0, 6));
		await sleep(100);
		sendBytes(term, split.slice(6));
		screen = await term.waitFor((text) => selectedRow(text) === last - 2);
		expect(screen).not.toMatch(/\[<|99999|999999|;7M/);

		await term.press('q');
		expect(await expectTerminalRestored(term)).toBe(0);
		expect(mouseFlags(term)).toBe('00');
	});

	it('--no-mouse never asks for mouse reporting', async () => {
		const topic = shortName('e2e-nomouse');
		await createTopic(topic, 3);
		await produceRecords(topic, shopLogs(5));
		const {term} = await session.start();
		await startKlog(term, klogArgs(topic, `${shortName('g')}-`, ['--no-mouse']));
		await term.waitFor('buffered 5 of 5');
		expect(term.display('#{mouse_any_flag}#{mouse_sgr_flag}')).toBe('00');
		await term.press('q');
		expect(await expectTerminalRestored(term)).toBe(0);
	});
});
