/**
 * The jump, paging, export, clear-filters and re-seek keys, through the real App on a store
 * of fixed records (see app-harness.tsx: record n is `message number n`, every fourth from
 * 2 on is an error). 24 rows leave 19 log lines on screen, so 40 records fill two pages.
 */
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {SEEK_CHOICES} from '../../../source/view/view-state.js';
import {
	ESC,
	fixedRecord,
	footerLine,
	KEYS,
	see,
	selectedLine,
	selectedNumber,
	setup,
	step,
	visibleNumbers,
} from '../../support/terminal/app-harness.js';
import {frameLines, logRecord, plain} from '../../support/terminal/tui-fixtures.js';

const HIGHLIGHT = `${ESC}[43m`;

describe('App keys', {timeout: 30_000}, () => {
	it('E and e jump between errors, scroll one into view, and say when there is none', async () => {
		const {app} = setup();
		await see(app, (text) => expect(selectedNumber(text)).toBe(39));
		await step(app, 'e', (text) => {
			expect(footerLine(text)).toContain('no later error');
			expect(text).not.toContain('not following');
		});
		await step(app, 'E', (text) => {
			expect(selectedNumber(text)).toBe(38);
			expect(selectedLine(text)).toContain('ERROR');
			expect(text).toContain('not following');
		});
		await step(app, 'E', (text) => expect(selectedNumber(text)).toBe(34));
		await step(app, 'e', (text) => expect(selectedNumber(text)).toBe(38));
		await step(app, 'e', (text) => {
			expect(footerLine(text)).toContain('no later error');
			expect(selectedNumber(text)).toBe(38);
		});

		await step(app, 'g', (text) => expect(selectedNumber(text)).toBe(0));
		await step(app, 'E', (text) => expect(footerLine(text)).toContain('no earlier error'));
		// 2, 6, 10, 14 and 18 are on the first page; 22 is below it and scrolls into view.
		for (const expected of [2, 6, 10, 14, 18, 22]) {
			await step(app, 'e', (text) => expect(selectedNumber(text)).toBe(expected));
		}
		app.unmount();
	});

	it('PgUp and PgDn (and Ctrl-B / Ctrl-F) move a page, keeping one line of the last page', async () => {
		const {app} = setup();
		await see(app, (text) => expect(visibleNumbers(text)).toHaveLength(19));
		const firstPage = visibleNumbers(plain(app.lastFrame()));
		expect(firstPage.at(-1)).toBe(39);
		const top = firstPage[0]!;
		// A page moves by the lines on screen less one.
		const pageStep = firstPage.length - 1;

		await step(app, KEYS.pageUp, (text) => {
			expect(text).toContain('not following');
			// The line that was at the top is now the bottom line, and it is selected.
			expect(visibleNumbers(text).at(-1)).toBe(top);
			expect(selectedNumber(text)).toBe(top);
		});
		await step(app, KEYS.pageDown, (text) => {
			expect(visibleNumbers(text)).toEqual(firstPage);
			expect(selectedNumber(text)).toBe(39);
			// Paging down to the newest line does not resume following: only G does.
			expect(text).toContain('not following');
		});
		await step(app, KEYS.pageDown, (text) => expect(visibleNumbers(text)).toEqual(firstPage));

		await step(app, KEYS.ctrlB, (text) => expect(selectedNumber(text)).toBe(top));
		// Fewer than a page of lines are above: the pane stops at the oldest line.
		await step(app, KEYS.ctrlB, (text) => {
			expect(selectedNumber(text)).toBe(top - pageStep);
			expect(visibleNumbers(text)[0]).toBe(0);
		});
		await step(app, KEYS.ctrlF, (text) => expect(selectedNumber(text)).toBe(top));
		app.unmount();
	});

	it('n and N jump between search matches; without a search n says how to start one', async () => {
		const {app} = setup();
		await see(app, (text) => expect(selectedNumber(text)).toBe(39));
		await step(app, 'n', (text) => expect(footerLine(text)).toContain('no search: f to search'));
		await step(app, 'f', (text) => expect(text).toContain('search f'));
		await step(app, 'number 2', (text) => expect(text).toContain('search f number 2'));
		// Matches: 2 and 20-29.
		await step(app, KEYS.enter, (text) => expect(text).toContain('11 matches'));
		await step(app, 'N', (text) => expect(selectedNumber(text)).toBe(29));
		await step(app, 'N', (text) => expect(selectedNumber(text)).toBe(28));
		await step(app, 'n', (text, frame) => {
			expect(selectedNumber(text)).toBe(29);
			const row = frameLines(frame).find((line) => plain(line).includes('▌'));
			expect(row).toContain(HIGHLIGHT);
		});
		// Past the newest match, n goes round to the oldest one and says so.
		await step(app, 'n', (text) => {
			expect(footerLine(text)).toContain('match 1 of 11 (wrapped)');
			expect(selectedNumber(text)).toBe(2);
		});
		await step(app, 'g', (text) => expect(selectedNumber(text)).toBe(0));
		await step(app, 'n', (text) => expect(selectedNumber(text)).toBe(2));
		// 20 is below the first page: the jump scrolls to it.
		await step(app, 'n', (text) => expect(selectedNumber(text)).toBe(20));
		app.unmount();
	});

	it('[ and ] jump between marks', async () => {
		const {app, store} = setup();
		await see(app, (text) => expect(selectedNumber(text)).toBe(39));
		// The footer says which mark, at a 24-hour time like every other time on screen.
		await step(app, 'm', (text) =>
			expect(footerLine(text)).toMatch(/mark 1 dropped at \d\d:\d\d:\d\d\.\d{3}/),
		);
		store.append([40, 41, 42, 43, 44].map(fixedRecord));
		await see(app, (text) => expect(selectedNumber(text)).toBe(44));
		await step(app, 'm', (text) => expect(text).toContain('mark 2'));
		store.append([45, 46, 47, 48, 49].map(fixedRecord));
		await see(app, (text) => expect(selectedNumber(text)).toBe(49));

		await step(app, ']', (text) => expect(footerLine(text)).toContain('no later mark'));
		await step(app, '[', (text) => {
			expect(selectedLine(text)).toMatch(/── mark 2 · \d\d:\d\d:\d\d\.\d{3} ─/);
			expect(text).toContain('not following');
		});
		await step(app, '[', (text) => expect(selectedLine(text)).toMatch(/── mark 1 · /));
		await step(app, '[', (text) => {
			expect(footerLine(text)).toContain('no earlier mark');
			expect(selectedLine(text)).toContain('mark 1');
		});
		// A jump that succeeds replaces the stale "no earlier mark".
		await step(app, ']', (text) => {
			expect(selectedLine(text)).toContain('mark 2');
			expect(footerLine(text)).not.toContain('no earlier mark');
		});
		app.unmount();
	});

	it('1-9 stay bound to the same service when a new one appears; a free number says so', async () => {
		const {app, store} = setup();
		await see(app, (text) => expect(text).toMatch(/2 ● billing/));
		// 'auth' sorts between api and billing, and takes the next free number.
		store.append([
			logRecord({service: 'auth', level: 'info', message: 'new service'}, {partition: 0, offset: 5000}),
		]);
		await see(app, (text) => {
			expect(text).toMatch(/4 ● auth/);
			expect(text).toMatch(/2 ● billing/);
		});
		await step(app, '2', (text) => expect(text).toMatch(/2 ○ billing/));
		await step(app, '7', (text) => expect(footerLine(text)).toContain('no service 7: 4 services so far'));
		app.unmount();
	});

	it('x writes the filtered view as JSON lines into the export directory and names the file', async () => {
		const directory = await mkdtemp(join(tmpdir(), 'klog-export-test-'));
		try {
			const {app} = setup({exportDirectory: directory, width: 160});
			await see(app, (text) => expect(selectedNumber(text)).toBe(39));
			for (const level of ['trace', 'debug', 'info', 'warn', 'error']) {
				await step(app, 'l', (text) => expect(text).toContain(`level ≥ ${level}`));
			}
			// The pane's line count comes from the store: the filter has reached it, not only the footer.
			await see(app, (text) => expect(text).toContain('Logs 10 lines'));
			await step(app, 'x', (text) => expect(footerLine(text)).toMatch(/exported 10 lines to /));

			const files = await readdir(directory);
			expect(files).toHaveLength(1);
			const name = files[0]!;
			expect(name).toMatch(/^klog-export-\d{8}-\d{6}\.jsonl$/);
			expect(footerLine(plain(app.lastFrame()))).toContain(join(directory, name));
			const lines = (await readFile(join(directory, name), 'utf8')).trimEnd().split('\n');
			const exported = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
			expect(exported.map((record) => record.message)).toEqual(
				[2, 6, 10, 14, 18, 22, 26, 30, 34, 38].map((index) => `message number ${index}`),
			);
			expect(exported[0]).toMatchObject({
				level: 'error',
				service: 'db',
				partition: 0,
				offset: 1002,
				key: 'k2',
			});
			expect(exported[0]!.value).toMatchObject({userId: 2, message: 'message number 2'});
			app.unmount();
		} finally {
			await rm(directory, {recursive: true, force: true});
		}
	});

	it('x on an empty view says there is nothing to export and writes no file', async () => {
		const directory = await mkdtemp(join(tmpdir(), 'klog-export-test-'));
		try {
			const {app} = setup({exportDirectory: directory, records: 0});
			await see(app, (text) => expect(text).toContain('Logs 0 lines'));
			await step(app, 'x', (text) =>
				expect(footerLine(text)).toContain('nothing to export: the view is empty'),
			);
			expect(await readdir(directory)).toEqual([]);
			app.unmount();
		} finally {
			await rm(directory, {recursive: true, force: true});
		}
	});

	it('F clears every filter and the search at once', async () => {
		const {app, store} = setup();
		await see(app, (text) => expect(selectedNumber(text)).toBe(39));
		await step(app, '/', (text) => expect(text).toContain('filter / '));
		await step(app, 'number 1', (text) => expect(text).toContain('filter / number 1'));
		await step(app, KEYS.enter, (text) => expect(footerLine(text)).toContain('filter number 1'));
		await step(app, 'l', (text) => expect(text).toContain('level ≥ trace'));
		await step(app, 'l', (text) => expect(text).toContain('level ≥ debug'));
		await step(app, '1', (text) => expect(text).toContain('hiding api'));
		await step(app, 'f', (text) => expect(text).toContain('search f'));
		await step(app, 'number', (text) => expect(text).toContain('search f number'));
		await step(app, KEYS.enter, (text) => {
			expect(footerLine(text)).toContain(
				'filter number 1 · level ≥ debug · hiding api · search number  (F clears)',
			);
			expect(visibleNumbers(text)).not.toContain(39);
		});

		await step(app, 'F', (text, frame) => {
			expect(footerLine(text)).toContain('no filters');
			expect(text).toContain('1 ● api');
			expect(text).not.toContain('matches');
			expect(frame).not.toContain(HIGHLIGHT);
			expect(visibleNumbers(text).at(-1)).toBe(39);
		});
		expect(store.filter.terms).toEqual([]);
		expect(store.filter.minLevel).toBeUndefined();
		expect(store.filter.services.services.size).toBe(0);
		app.unmount();
	});

	it('r opens the re-seek menu; Enter seeks to the chosen position and keeps the filters', async () => {
		const {app, store, controller} = setup();
		await see(app, (text) => expect(selectedNumber(text)).toBe(39));
		await step(app, '1', (text) => expect(text).toContain('hiding api'));
		await step(app, 'l', (text) => expect(footerLine(text)).toContain('level ≥ trace · hiding api'));

		await step(app, 'r', (text) => {
			expect(text).toContain('Re-read the stream');
			for (const choice of SEEK_CHOICES) expect(text).toContain(choice.label);
			expect(text).toContain(`▶ ${SEEK_CHOICES[0].label}`);
		});
		await step(app, ESC, (text) => expect(text).not.toContain('Re-read the stream'));
		expect(controller.seeks).toEqual([]);

		for (const [index, choice] of SEEK_CHOICES.entries()) {
			await step(app, 'r', (text) => expect(text).toContain(`▶ ${SEEK_CHOICES[0].label}`));
			for (let down = 1; down <= index; down++) {
				await step(app, 'j', (text) => expect(text).toContain(`▶ ${SEEK_CHOICES[down]!.label}`));
			}
			const before = Date.now();
			await step(app, KEYS.enter, (text) => {
				expect(text).not.toContain('Re-read the stream');
				expect(footerLine(text)).toContain(`re-reading ${choice.label}`);
			});
			const after = Date.now();
			expect(controller.seeks).toHaveLength(index + 1);
			const sought = controller.seeks[index]!;
			const meant = choice.position;
			if (meant.kind === 'since') {
				expect(sought.kind).toBe('since');
				const time = sought.kind === 'since' ? sought.time : 0;
				expect(time).toBeGreaterThanOrEqual(before - meant.minutes * 60_000);
				expect(time).toBeLessThanOrEqual(after - meant.minutes * 60_000);
			} else {
				expect(sought).toEqual(meant);
			}
			// The filters stay: the store still hides api below trace, and the list says so.
			expect(store.filter.minLevel).toBe('trace');
			expect([...store.filter.services.services]).toEqual(['api']);
			expect(plain(app.lastFrame())).toContain('1 ○ api');
		}
		app.unmount();
	});
});
