/**
 * Resizing the real terminal (issue 4): klog-tui redraws to each new size (tmux resize-window,
 * so the TUI gets SIGWINCH and the new size like in any terminal): header on top, footer at the
 * bottom, the log pane where computeLayout puts it and exactly as tall as the body, no row wider
 * than the window, no line twice. Below 60x12 it shows one line saying so, and it recovers when
 * the window is made big again; q still quits from the small screen.
 */
import {describe, expect, it} from 'vitest';
import {logRows} from '../../source/components/log-pane.js';
import {computeLayout} from '../../source/view/layout.js';
import {initialViewState} from '../../source/view/view-state.js';
import type {TmuxTerminal} from '../../tools/terminal/tmux.js';
import {createTopic, produceRecords, type TestRecord} from '../support/kafka/test-kafka.js';
import {
	EXIT_LINE,
	expectGroupGone,
	expectLayout,
	expectTerminalRestored,
	headerGroupId,
	klogArgs,
	logColumn,
	logLines,
	shortName,
	startKlog,
	terminalPerTest,
} from '../support/terminal/tui-session.js';

const RECORDS = 60;

const session = terminalPerTest('resize');

/** What the screen must show at `columns` x `rows`: where the log pane starts, how many lines. */
function expectedPane(columns: number, rows: number): {column: number; lines: number} {
	const layout = computeLayout(columns, rows, initialViewState(), 1);
	return {column: layout.servicesWidth + 1, lines: Math.min(RECORDS, logRows(layout.main))};
}

/**
 * RECORDS log lines whose message starts with their number (`#12 of 60`), short enough to be
 * read whole in a 60-column pane, from three services with short names.
 */
function numberedLogs(): TestRecord[] {
	return Array.from({length: RECORDS}, (_, id) => ({
		partition: 0,
		value: JSON.stringify({
			message: `#${id} of ${RECORDS}`,
			service: ['api', 'web', 'db'][id % 3],
			level: id % 5 === 4 ? 'warn' : 'info',
			timestamp: new Date().toISOString(),
		}),
	}));
}

/** The numbers of the log lines on screen, top to bottom. */
function numbersOnScreen(screen: string): number[] {
	return logLines(screen).map((line) => Number(new RegExp(`#(\\d+) of ${RECORDS}`).exec(line)?.[1] ?? -1));
}

/** Resize, then wait for the full layout drawn for the new size, and check it. */
async function resizeToLayout(term: TmuxTerminal, columns: number, rows: number): Promise<void> {
	term.resize(columns, rows);
	const pane = expectedPane(columns, rows);
	const screen = await term.waitFor(
		(text) => logColumn(text) === pane.column && logLines(text).length === pane.lines,
		20_000,
	);
	expectLayout(screen, columns, rows);
	// The newest lines, each once, in order, ending with the newest record.
	const shown = numbersOnScreen(screen);
	expect(shown).toEqual(Array.from({length: pane.lines}, (_, index) => RECORDS - pane.lines + index));
}

/** Resize below the minimum, then wait for the one line saying so: nothing else on screen. */
async function resizeToTooSmall(term: TmuxTerminal, columns: number, rows: number): Promise<void> {
	term.resize(columns, rows);
	const screen = await term.waitFor(
		(text) => text.startsWith(`Terminal too small (${columns}x${rows})`),
		20_000,
	);
	const lines = screen.replace(/\n+$/, '').split('\n');
	expect(lines, `one line:\n${screen}`).toHaveLength(1);
	expect(lines[0]!.length).toBeLessThanOrEqual(columns);
	// Cut to the width, or whole when it fits.
	const message = `Terminal too small (${columns}x${rows}); klog-tui needs at least 60x12. q quits.`;
	expect(lines[0]).toBe(message.length <= columns ? message : `${message.slice(0, columns - 1)}…`);
}

describe('klog-tui in a real terminal: resizing', () => {
	it('redraws to every new size, shows one line when too small, recovers, and q quits from the small screen', async () => {
		const topic = shortName('e2e-resize');
		// One partition: the pane shows the records in the order they were produced.
		await createTopic(topic, 1);
		await produceRecords(topic, numberedLogs());
		const {term} = await session.start({columns: 100, rows: 30});
		await startKlog(term, klogArgs(topic, `${shortName('g')}-`));
		const screen = await term.waitFor(`buffered ${RECORDS} of ${RECORDS}`);
		const groupId = headerGroupId(screen);
		await resizeToLayout(term, 100, 30);

		// Bigger, smaller, the smallest that fits, then too narrow, too short, both, and back.
		await resizeToLayout(term, 160, 50);
		await resizeToLayout(term, 72, 16);
		await resizeToLayout(term, 60, 12);
		await resizeToTooSmall(term, 59, 30);
		await resizeToTooSmall(term, 100, 11);
		await resizeToTooSmall(term, 40, 8);
		await resizeToLayout(term, 120, 40);

		// Too small again: q still quits (the message says so).
		await resizeToTooSmall(term, 50, 10);
		await term.press('q');
		await term.waitFor(EXIT_LINE);
		term.resize(120, 40);
		expect(await expectTerminalRestored(term)).toBe(0);
		await expectGroupGone(groupId);
	});
});
