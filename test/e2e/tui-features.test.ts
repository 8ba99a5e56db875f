/**
 * Issue 7's features in a real terminal (tmux), each by its key from source/view/key-map.ts:
 * search with n/N and a match count, `!text` exclude, F clears every filter, m marks and
 * ]/[ jumps, x export (file written, its name on screen), y/Y copy (OSC 52, read back from tmux's
 * paste buffer), c clear, r re-seek keeping the
 * filters, the detail view's field filter, and the header's sparklines.
 */
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createTopic, produceRecords} from '../support/kafka/test-kafka.js';
import {shopLogs} from '../support/records/shop-logs.js';
import {
	expectGroupGone,
	expectTerminalRestored,
	footerMessage,
	headerGroupId,
	headerLine,
	klogArgs,
	logColumn,
	logLines,
	serviceNumber,
	serviceRowsOf,
	shortName,
	startKlog,
	terminalPerTest,
} from '../support/terminal/tui-session.js';

const session = terminalPerTest('features');

/** The selected log line (the one drawn with the `▌` marker), without the marker. */
function selectedLine(screen: string): string | undefined {
	const column = logColumn(screen);
	const row = screen
		.split('\n')
		.slice(3)
		.find((line) => line[column] === '▌');
	return row?.slice(column + 1);
}

/** The order number in a shop log line (`order #12 shipped` → 12). */
function orderOf(line: string | undefined): number {
	const match = /order #(\d+) /.exec(line ?? '');
	return match ? Number(match[1]) : -1;
}

/** Sparkline glyphs above the baseline (▁ is drawn for a second with nothing). */
const RAISED_SPARK = /[▂▃▄▅▆▇█]/;

describe('klog-tui in a real terminal: issue 7 features', () => {
	it('searches with n/N, excludes, clears all, marks, exports, clears, re-seeks, filters on a field and draws sparklines', async () => {
		const topic = shortName('e2e-feat');
		await createTopic(topic, 3);
		const {term, workDir} = await session.start();
		await startKlog(term, klogArgs(topic, `${shortName('g')}-`));
		// Written while klog-tui watches: live records, which the rate sparklines below show
		// (records read back from before the start count, but not in the rates).
		await produceRecords(topic, shopLogs(30));
		let screen = await term.waitFor('buffered 30 of 30');
		const groupId = headerGroupId(screen);

		// Sparklines: records/s and errors/s over time, both with a raised bar for the second
		// the 30 records (7 of them errors) arrived.
		const stats = headerLine(screen, 1);
		const recordsSpark = /rec\/s ([▁-█]+)/.exec(stats)?.[1] ?? '';
		const errorsSpark = /err\/s ([▁-█]+)/.exec(stats)?.[1] ?? '';
		expect(recordsSpark.length).toBeGreaterThanOrEqual(10);
		expect(recordsSpark).toMatch(RAISED_SPARK);
		expect(errorsSpark).toMatch(RAISED_SPARK);

		// f: search; the count shows in the pane's title, n/N move between matches.
		await term.press('f');
		await term.waitFor((text) => footerMessage(text).includes('Enter keep'));
		await term.type('waiting');
		await term.waitFor((text) => footerMessage(text).includes('waiting'));
		await term.press('Enter');
		screen = await term.waitFor((text) => footerMessage(text).includes('search waiting'));
		expect(screen).toContain('Logs 30 lines · 15 matches');
		await term.press('N');
		screen = await term.waitFor('not following');
		const firstMatch = selectedLine(screen);
		expect(firstMatch).toContain('waiting for stock');
		await term.press('N');
		screen = await term.waitFor((text) => orderOf(selectedLine(text)) !== orderOf(firstMatch));
		expect(selectedLine(screen)).toContain('waiting for stock');
		await term.press('n');
		screen = await term.waitFor((text) => orderOf(selectedLine(text)) === orderOf(firstMatch));
		expect(selectedLine(screen)).toContain('waiting for stock');
		// Esc clears the search; G follows again. Every line is still there: search does not filter.
		await term.press('Escape', 'G');
		screen = await term.waitFor((text) => !text.includes('matches') && text.includes('· following'));
		expect(logLines(screen)).toHaveLength(30);

		// !text excludes matching lines.
		await term.press('/');
		await term.type('!shipped');
		await term.press('Enter');
		screen = await term.waitFor((text) => footerMessage(text).includes('filter !shipped'));
		screen = await term.waitFor((text) => logLines(text).length === 15);
		expect(logLines(screen).some((line) => line.includes('shipped'))).toBe(false);

		// Filters combine: hiding a service as well leaves 10; F clears every filter at once.
		await term.press(serviceNumber(screen, 'gateway'));
		screen = await term.waitFor((text) => logLines(text).length === 10);
		expect(footerMessage(screen)).toMatch(/filter !shipped · hiding gateway/);
		await term.press('F');
		screen = await term.waitFor((text) => logLines(text).length === 30);
		expect(footerMessage(screen)).toContain('no filters');
		expect(serviceRowsOf(screen).every((row) => row.shown)).toBe(true);

		// m drops a mark line with the time; g then ] jumps to it.
		await term.press('m');
		screen = await term.waitFor((text) =>
			/mark 1 dropped at \d\d:\d\d:\d\d\.\d{3}/.test(footerMessage(text)),
		);
		expect(screen).toMatch(/── mark 1 · \d\d:\d\d:\d\d\.\d{3} ─/);
		await term.press('g', ']');
		screen = await term.waitFor((text) => selectedLine(text)?.includes('── mark') === true);
		await term.press('G');

		// x exports the view (30 records and the mark) as JSON lines, into the working directory.
		await term.press('x');
		screen = await term.waitFor((text) => /exported \d+ lines to \S+/.test(footerMessage(text)));
		const exported = /exported (\d+) lines to (\S+\.jsonl)/.exec(footerMessage(screen))!;
		expect(Number(exported[1])).toBe(31);
		expect(path.dirname(exported[2]!)).toBe(fs.realpathSync(workDir));
		const written = fs.readFileSync(exported[2]!, 'utf8').trim().split('\n');
		expect(written).toHaveLength(31);
		const parsed = written.map((line) => JSON.parse(line) as {mark?: string; service?: string});
		expect(parsed.filter((line) => line.mark !== undefined)).toHaveLength(1);
		expect(parsed.filter((line) => line.service === 'stock')).toHaveLength(10);

		// y / Y copy the selected record (its JSON, its message) with OSC 52; with set-clipboard on,
		// tmux keeps what a program sends that way as a paste buffer.
		execFileSync('tmux', ['-L', term.socket, 'set', '-s', 'set-clipboard', 'on']);
		const pasteBuffer = () => execFileSync('tmux', ['-L', term.socket, 'show-buffer'], {encoding: 'utf8'});
		await term.press('Up');
		await term.press('y');
		screen = await term.waitFor((text) => footerMessage(text).includes("copied the record's JSON"));
		const copied = JSON.parse(pasteBuffer()) as {topic: string; offset: number; message: string};
		expect(copied).toMatchObject({topic, offset: expect.any(Number), message: expect.any(String)});
		expect(logLines(screen).some((line) => line.includes(copied.message))).toBe(true);
		await term.press('Y');
		await term.waitFor((text) => footerMessage(text).includes('copied the message'));
		expect(pasteBuffer()).toBe(copied.message);

		// c clears the view (counts stay).
		await term.press('c');
		screen = await term.waitFor((text) => text.includes('Logs 0 lines'));
		expect(serviceRowsOf(screen).map((row) => row.count)).toEqual([10, 10, 10]);

		// r: the re-seek menu; with a service hidden, re-read from the beginning keeps the filter.
		await term.press(serviceNumber(screen, 'checkout'));
		await term.press('r');
		screen = await term.waitFor('Re-read the stream');
		for (const choice of ['from the beginning', 'last 5 minutes', 'last hour', 'only new records']) {
			expect(screen).toContain(choice);
		}
		await term.press('Enter');
		screen = await term.waitFor((text) => logLines(text).length === 20, 30_000);
		expect(logLines(screen).some((line) => line.includes('checkout'))).toBe(false);
		expect(footerMessage(screen)).toMatch(/re-reading from the beginning|hiding checkout/);
		await term.press('a');
		screen = await term.waitFor((text) => logLines(text).length === 30);

		// Detail view: choose the orderId field (the 5th), Enter filters on its value.
		await term.press('Enter');
		screen = await term.waitFor('value (JSON)');
		await term.press('j', 'j', 'j', 'j', 'Enter');
		screen = await term.waitFor((text) => /filter added: orderId=o-\d+/.test(footerMessage(text)));
		const orderId = Number(/orderId=o-(\d+)/.exec(footerMessage(screen))![1]);
		screen = await term.waitFor((text) => logLines(text).length === 1);
		expect(orderOf(logLines(screen)[0])).toBe(orderId);

		await term.press('q');
		expect(await expectTerminalRestored(term)).toBe(0);
		await expectGroupGone(groupId);
	});
});
