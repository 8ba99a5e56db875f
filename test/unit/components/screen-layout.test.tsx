/**
 * The screen at the sizes people use (issue 13): the `?` help in columns that fit their
 * content, every description whole and under its own heading, scrolling when it does not
 * fit; at 80x24 a header and footer that drop whole items instead of cutting words, a narrow
 * services panel that `S` widens or hides; the footer's keys for the services focus.
 */
import {describe, expect, it} from 'vitest';
import {overlaySections} from '../../../source/view/help-layout.js';
import {ESC, KEYS, type Rendered, see, setup, step} from '../../support/terminal/app-harness.js';

/** An ellipsis right after a character (not after a space): a word or a name cut off. */
const CUT_WORD = /\S…/;

function rowsOf(text: string): string[] {
	return text.split('\n');
}

/** The header's two rows and the footer's two rows of a plain frame. */
function headerAndFooter(text: string): string[] {
	const rows = rowsOf(text);
	return [...rows.slice(0, 2), ...rows.slice(-2)];
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where a description stands whole in a row: its line and column, or undefined. */
function findHelp(lines: readonly string[], help: string): {line: number; column: number} | undefined {
	const whole = new RegExp(`(?<=  )${escapeRegExp(help)}(?=  |\\s*$)`);
	for (let line = 0; line < lines.length; line++) {
		const found = whole.exec(lines[line]!);
		if (found) return {line, column: found.index};
	}
	return undefined;
}

/**
 * The heading above a key row: the nearest heading that starts two cells left of the key's
 * label in the same column (headings are drawn ` Section`, keys `   key  description`).
 */
function headingAbove(lines: readonly string[], line: number, labelColumn: number): string | undefined {
	const sections = overlaySections().map((group) => group.section);
	for (let above = line - 1; above >= 0; above--) {
		const cell = lines[above]!.slice(labelColumn - 2);
		const heading = sections.find((section) => cell.startsWith(section));
		if (heading) return heading;
	}
	return undefined;
}

/** Open the help and read every page of it (PgDn until its title says the last line shows). */
async function helpPages(app: Rendered, height: number): Promise<string[][]> {
	let frame = '';
	await step(app, '?', (text) => {
		frame = text;
		expect(rowsOf(text)[2]).toContain(' Keys ');
	});
	const pages: string[][] = [];
	for (;;) {
		const rows = rowsOf(frame);
		// The overlay: from the title row to the footer.
		pages.push(rows.slice(3, height - 2));
		const position = /lines (\d+)-(\d+) of (\d+)/.exec(rows[2]!);
		if (!position || position[2] === position[3]) return pages;
		expect(pages.length, 'pages end').toBeLessThan(20);
		const before = position[0];
		await step(app, KEYS.pageDown, (text) => {
			frame = text;
			expect(rowsOf(text)[2]).not.toContain(before);
		});
	}
}

/** Every description is whole on some page, under its own section's heading; no cut word. */
function expectWholeHelp(pages: readonly string[][]): void {
	for (const page of pages) for (const row of page) expect(row, row).not.toMatch(CUT_WORD);
	for (const group of overlaySections()) {
		for (const row of group.rows) {
			const shown = pages
				.map((page) => ({page, at: findHelp(page, row.help)}))
				.find((candidate) => candidate.at);
			expect(shown, `"${row.help}" whole on a page`).toBeDefined();
			const {page, at} = shown!;
			const labelColumn = page[at!.line]!.lastIndexOf(`${row.label} `, at!.column - 1);
			expect(labelColumn, `${row.label} before "${row.help}"`).toBeGreaterThan(0);
			expect(headingAbove(page, at!.line, labelColumn), `heading above ${row.label} ${row.help}`).toBe(
				group.section,
			);
		}
	}
}

describe('the help overlay', {timeout: 30_000}, () => {
	for (const [width, height] of [
		[220, 60],
		[160, 45],
		[100, 30],
		[80, 24],
	] as const) {
		it(`at ${width}x${height} shows every description whole, under its heading`, async () => {
			const {app} = setup({width, height});
			await see(app, (text) => expect(text).toContain('message number 39'));
			const pages = await helpPages(app, height);
			expectWholeHelp(pages);
			// The biggest screen holds the whole help at once (keys and filter syntax), in columns;
			// at 160x45 two columns of it scroll by a few lines.
			if (width >= 220) {
				expect(pages).toHaveLength(1);
				const headings = pages[0]!.filter((row) => /^ Move\s{2,}\S/.test(row));
				expect(headings, 'Move and another heading on one row').toHaveLength(1);
			}
		});
	}

	it('scrolls line by line and page by page when it does not fit, and says where it is', async () => {
		const {app} = setup({width: 80, height: 24});
		await see(app, (text) => expect(text).toContain('message number 39'));
		await step(app, '?', (text) => {
			expect(rowsOf(text)[2]).toMatch(
				/ Keys {3}lines 1-19 of \d+ {2}↑\/↓ PgUp\/PgDn scroll {2}Esc or \? closes/,
			);
			expect(rowsOf(text)[3]).toMatch(/^ Move/);
		});
		await step(app, 'j', (text) => {
			expect(rowsOf(text)[2]).toContain('lines 2-20 of');
			// Scrolled, the top row keeps the heading of the keys below it.
			expect(rowsOf(text)[3]).toMatch(/^ Move/);
			expect(rowsOf(text)[4]).toContain('select next line');
		});
		await step(app, KEYS.up, (text) => expect(rowsOf(text)[2]).toContain('lines 1-19 of'));
		await step(app, KEYS.up, (text) => expect(rowsOf(text)[2]).toContain('lines 1-19 of'));
		await step(app, KEYS.pageDown, (text) => expect(rowsOf(text)[2]).toContain('lines 19-37 of'));
		// The footer offers the keys of the help.
		await see(app, (text) => expect(rowsOf(text).at(-1)).toContain('↑/↓ scroll PgUp/PgDn page'));
		await step(app, KEYS.pageUp, (text) => expect(rowsOf(text)[2]).toContain('lines 1-19 of'));
		// Open again: from the top.
		await step(app, '?', (text) => expect(text).toContain('message number 39'));
		await step(app, `?${KEYS.pageDown}`, (text) => expect(rowsOf(text)[2]).toContain('lines 19-37 of'));
		await step(app, ESC, (text) => expect(text).toContain('message number 39'));
		await step(app, '?', (text) => expect(rowsOf(text)[2]).toContain('lines 1-19 of'));
	});

	it('wraps descriptions between words when one column is wider than the terminal', async () => {
		const {app} = setup({width: 60, height: 14});
		await see(app, (text) => expect(text).toContain(' Logs '));
		const pages = await helpPages(app, 14);
		const words = pages.flat().join(' ').split(/\s+/);
		for (const page of pages) for (const row of page) expect(row, row).not.toMatch(CUT_WORD);
		for (const group of overlaySections())
			for (const row of group.rows)
				for (const word of row.help.split(' ')) expect(words, `${word} of "${row.help}"`).toContain(word);
	});
});

describe('80x24', {timeout: 30_000}, () => {
	it('header and footer drop whole items, the services panel starts narrow, the message gets the room', async () => {
		const {app} = setup({width: 80, height: 24});
		await see(app, (text) => {
			for (const row of headerAndFooter(text)) expect(row, row).not.toMatch(CUT_WORD);
			expect(rowsOf(text)[1]).toContain('buffered 40 of 40');
			expect(rowsOf(text).at(-1)).toContain(' Tab services');
			expect(rowsOf(text).at(-1)).toContain(' ? help');
			// Narrow: number key, dot and name; the log pane from column 15.
			expect(rowsOf(text)[3]).toMatch(/^ 1 ● api\s+\S/);
			expect(rowsOf(text)[2]!.indexOf(' Logs ')).toBe(15);
			expect(text).toContain('DEBUG message number 39');
		});
	});

	it('S hides the services panel, then makes it wide, then narrow again', async () => {
		const {app} = setup({width: 80, height: 24});
		await see(app, (text) => expect(rowsOf(text)[2]!.indexOf(' Logs ')).toBe(15));
		await step(app, 'S', (text) => {
			expect(rowsOf(text)[2]).toMatch(/^ Logs /);
			expect(text).not.toContain('Services');
		});
		await step(app, 'S', (text) => {
			expect(rowsOf(text)[2]!.indexOf(' Logs ')).toBe(25);
			expect(rowsOf(text)[3]).toMatch(/^ 1 ● api +14 +\d+\/s/);
		});
		await step(app, 'S', (text) => expect(rowsOf(text)[2]!.indexOf(' Logs ')).toBe(15));
	});

	it('from 100 columns up the panel starts wide; S narrows it', async () => {
		const {app} = setup({width: 100, height: 24});
		await see(app, (text) => expect(rowsOf(text)[3]).toMatch(/^ 1 ● api .* 14 +\d+\/s/));
		await step(app, 'S', (text) => expect(rowsOf(text)[2]!.indexOf(' Logs ')).toBe(15));
	});

	for (const width of [60, 72, 80, 100, 120, 160, 220]) {
		it(`at ${width} columns no word of the header or footer is cut, in the log and services focus`, async () => {
			const {app} = setup({width, height: 24});
			await see(app, (text) => {
				for (const row of headerAndFooter(text)) expect(row, row).not.toMatch(CUT_WORD);
				expect(rowsOf(text)[0]).toMatch(/^ klog-tui │ topic logs/);
			});
			await step(app, '\t', (text) => {
				expect(rowsOf(text).at(-1)).toContain('↑/↓ move');
				for (const row of headerAndFooter(text)) expect(row, row).not.toMatch(CUT_WORD);
			});
		});
	}
});

describe('the services focus', {timeout: 30_000}, () => {
	it('the footer shows the keys of the focus first, and Tab or Esc go back to the log', async () => {
		const {app} = setup({width: 80, height: 24});
		await see(app, (text) => expect(rowsOf(text).at(-1)).toContain('G/End follow'));
		await step(app, '\t', (text) => {
			expect(rowsOf(text).at(-1)).toMatch(/^ ↑\/↓ move Enter show\/hide s solo Tab\/Esc log q quit \? help/);
			expect(rowsOf(text).at(-1)).not.toContain('G/End');
		});
		await step(app, ESC, (text) => expect(rowsOf(text).at(-1)).toContain('G/End follow'));
	});

	it('Tab on a hidden panel shows it again, focused', async () => {
		const {app} = setup({width: 80, height: 24});
		await see(app, (text) => expect(text).toContain(' Services'));
		await step(app, 'S', (text) => expect(text).not.toContain(' Services'));
		await step(app, '\t', (text) => {
			expect(rowsOf(text)[3]).toMatch(/^▶1 ● api/);
			expect(rowsOf(text).at(-1)).toContain('↑/↓ move');
		});
	});
});
