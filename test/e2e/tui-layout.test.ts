/**
 * Issue 13's screen walkthrough in a real terminal (tmux), at 80x24, 160x45 and 220x60 in one
 * run of klog-tui (one topic): at each size the header, the footer (in the log and in the
 * services focus) and every page of the `?` help show no word cut off (an ellipsis right
 * after a character), and every description of the key map stands whole on some page of the help.
 * KLOG_E2E_CAPTURE=<dir> keeps the screens it read there (for a report or docs).
 */
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {helpSections} from '../../source/view/keys/key-help.js';
import type {TmuxTerminal} from '../../tools/terminal/tmux.js';
import {createTopic, produceRecords} from '../support/kafka/test-kafka.js';
import {shopLogs} from '../support/records/shop-logs.js';
import {
	EXIT_LINE,
	expectGroupGone,
	expectLayout,
	expectTerminalRestored,
	headerGroupId,
	klogArgs,
	shortName,
	startKlog,
	terminalPerTest,
} from '../support/terminal/tui-session.js';

const session = terminalPerTest('layout');

/** An ellipsis right after a character (not after a space): a word or a name cut off. */
const CUT_WORD = /\S…/;

const captureDir = process.env.KLOG_E2E_CAPTURE;

function keep(name: string, screen: string): void {
	if (!captureDir) return;
	fs.mkdirSync(captureDir, {recursive: true});
	fs.writeFileSync(path.join(captureDir, `${name}.txt`), screen);
}

function rowsOf(screen: string, rows: number): string[] {
	const lines = screen.replace(/\n$/, '').split('\n');
	while (lines.length < rows) lines.push('');
	return lines;
}

/** The header's two rows and the footer's two. */
function expectNoCutWord(rows: readonly string[], what: string): void {
	for (const row of rows) expect(row, `${what}: ${row}`).not.toMatch(CUT_WORD);
}

/** Every page of the open help (PgDn until its title shows the last line), checked for cut words. */
async function readHelp(term: TmuxTerminal, columns: number, rows: number): Promise<string> {
	let screen = await term.waitFor((text) => rowsOf(text, rows)[2]!.startsWith(' Keys '));
	const pages: string[] = [];
	for (let page = 1; ; page++) {
		const lines = rowsOf(screen, rows);
		keep(`${columns}x${rows}-help-${page}`, screen);
		expectNoCutWord(
			[...lines.slice(0, 2), ...lines.slice(2, rows)],
			`help page ${page} at ${columns}x${rows}`,
		);
		pages.push(lines.slice(3, rows - 2).join('\n'));
		const position = /lines (\d+)-(\d+) of (\d+)/.exec(lines[2]!);
		if (!position || position[2] === position[3]) break;
		expect(page, 'pages end').toBeLessThan(10);
		await term.press('PageDown');
		screen = await term.waitFor((text) => !rowsOf(text, rows)[2]!.includes(position[0]));
	}
	return pages.join('\n');
}

/** True when the screen has the full layout at `columns` x `rows` (expectLayout passes). */
function settled(screen: string, columns: number, rows: number): boolean {
	try {
		expectLayout(screen, columns, rows);
		return true;
	} catch {
		return false;
	}
}

/** Resize, wait for the new layout, and walk it: header, footer, services focus, help. */
async function walk(term: TmuxTerminal, columns: number, rows: number): Promise<void> {
	term.resize(columns, rows);
	// Drawn for the new size: the whole layout (every record was read before). Ink redraws the
	// old tree at the new size once before the app renders for it, so a loaded machine can
	// show that frame for a moment; only the settled screen is checked.
	let screen = await term.waitFor((text) => settled(text, columns, rows));
	expectLayout(screen, columns, rows);
	let lines = rowsOf(screen, rows);
	keep(`${columns}x${rows}-log`, screen);
	expectNoCutWord([...lines.slice(0, 2), ...lines.slice(-2)], `log view at ${columns}x${rows}`);
	expect(lines[rows - 1]).toContain(' Tab services');
	// Below 100 columns the services panel starts narrow: no counts beside the names.
	expect(lines[3]).toMatch(columns < 100 ? /^ \d ● [a-z]+\s{2,}\S/ : /^ \d ● [a-z]+ .*\d+ +[\d.]+\/s/);

	await term.press('Tab');
	screen = await term.waitFor((text) => rowsOf(text, rows)[rows - 1]!.includes('↑/↓ move'));
	lines = rowsOf(screen, rows);
	keep(`${columns}x${rows}-services`, screen);
	expectNoCutWord([...lines.slice(0, 2), ...lines.slice(-2)], `services focus at ${columns}x${rows}`);
	expect(lines[rows - 1]).toMatch(/^ ↑\/↓ move Enter show\/hide s solo Tab\/Esc log q quit \? help/);
	await term.press('Tab');
	await term.waitFor((text) => rowsOf(text, rows)[rows - 1]!.includes(' Tab services'));

	await term.press('?');
	const help = await readHelp(term, columns, rows);
	for (const group of helpSections()) {
		expect(help).toContain(` ${group.section}`);
		for (const row of group.rows) expect(help, `"${row.help}" whole in the help`).toContain(row.help);
	}
	await term.press('Escape');
	await term.waitFor((text) => rowsOf(text, rows)[2]!.includes(' Logs '));
}

describe('klog-tui in a real terminal: the screen at 80x24, 160x45 and 220x60', () => {
	it('cuts no word in the header, the footer or the help, and shows every key whole', async () => {
		const topic = shortName('e2e-layout');
		await createTopic(topic, 3);
		await produceRecords(topic, shopLogs(30));
		// 120 columns first: the group id shows whole in the header (80 columns drop it).
		const {term} = await session.start({columns: 120, rows: 40});
		await startKlog(term, klogArgs(topic, `${shortName('g')}-`));
		const screen = await term.waitFor('buffered 30 of 30');
		const groupId = headerGroupId(screen);

		await walk(term, 80, 24);
		// S: the narrow panel hides (the log pane takes the whole width), then turns wide.
		await term.press('S');
		await term.waitFor((text) => rowsOf(text, 24)[2]!.startsWith(' Logs '));
		await term.press('S');
		await term.waitFor((text) => /^ \d ● [a-z]+ .*\d+ +[\d.]+\/s/.test(rowsOf(text, 24)[3]!));

		await walk(term, 160, 45);
		await walk(term, 220, 60);

		await term.press('q');
		await term.waitFor(EXIT_LINE);
		expect(await expectTerminalRestored(term)).toBe(0);
		await expectGroupGone(groupId);
	});
});
