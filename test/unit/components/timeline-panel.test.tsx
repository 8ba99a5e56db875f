import {describe, expect, it} from 'vitest';
import {
	ESC,
	expectFits,
	footerLine,
	KEYS,
	press,
	see,
	selectedLine,
	setup,
	step,
} from '../../support/terminal/app-harness.js';
import {logRecord} from '../../support/terminal/tui-fixtures.js';

const LEFT = `${ESC}[D`;
const RIGHT = `${ESC}[C`;
/** Ten minutes back from now, on a whole minute: records then run up to about now. */
const BASE = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
const ERROR_BAR = '\x1b[38;2;255;95;95m█';
const WARN_BAR = '\x1b[38;2;255;215;0m▓';

/** 10 minutes of records, one every 2 s (`at <seconds>s`); an error every 30 s, a warning every 20 s. */
function spreadRecords(count = 300) {
	return Array.from({length: count}, (_, index) => {
		const level = index % 15 === 7 ? 'error' : index % 10 === 3 ? 'warn' : 'info';
		return logRecord(
			{service: 'api', level, message: `at ${index * 2}s`, time: BASE + index * 2000},
			{offset: index},
		);
	});
}

/** The seconds after BASE of the selected record (`at <n>s`). */
function selectedSeconds(text: string): number | undefined {
	const found = /at (\d+)s/.exec(selectedLine(text) ?? '');
	return found ? Number(found[1]) : undefined;
}

/** The timeline's title row. */
function title(text: string): string {
	return text.split('\n').find((row) => row.includes(' Timeline')) ?? '';
}

describe('the timeline (T)', () => {
	it('draws the buffer as bars by level at 80x24 and 200x50, and closes', async () => {
		for (const [width, height] of [
			[80, 24],
			[200, 50],
		] as const) {
			const {app, store} = setup({records: 0, width, height});
			store.append(spreadRecords());
			await step(app, 'T', (text) => expect(title(text)).toContain('10 s buckets'));
			await see(app, (text, frame) => {
				expect(title(text)).toMatch(/live · \d+ error · \d+ warn · \d+ other · peak 5/);
				expect(frame).toContain(ERROR_BAR);
				expect(frame).toContain(WARN_BAR);
				expect(text).toContain('▲');
				expect(text).toMatch(/\d\d:\d\d:00/);
				expect(footerLine(`${text}\n`)).toContain('Enter jump');
				// The log pane is still there, under the timeline.
				expect(text).toContain(`at ${299 * 2}s`);
			});
			expectFits(app.lastFrame(), width, height);
			await step(app, ESC, (text) => expect(text).not.toContain(' Timeline'));
			app.unmount();
		}
	});

	it('moves between buckets, zooms, and Enter jumps the log pane to the first record of the bucket', async () => {
		const {app, store} = setup({records: 0, width: 100, height: 30});
		store.append(spreadRecords());
		await step(app, 'T', (text) => expect(title(text)).toContain(' live'));
		// Four buckets back from the newest and one forward (10 s each: 5 records of 2 s).
		await step(app, LEFT + LEFT + LEFT + LEFT, (text) => expect(title(text)).not.toContain(' live'));
		await press(app, RIGHT);
		await step(app, KEYS.enter, (text) => expect(selectedSeconds(text)).toBe(600 - 40));
		expect(footerLine(app.lastFrame() ?? '')).toBeDefined();
		// Finer: the same time, 1 s buckets; the bucket of second 560 holds one record.
		await step(app, 'z', (text) =>
			expect(title(text)).toMatch(/1 s buckets · .* 1 other|1 s buckets · .*1 /),
		);
		await step(app, LEFT + LEFT + KEYS.enter, (text) => expect(selectedSeconds(text)).toBe(558));
		// Coarser twice: minutes; g is the oldest bucket, whose first record is the first of all.
		await step(app, 'ZZ', (text) => expect(title(text)).toContain('1 min buckets'));
		await step(app, `g${KEYS.enter}`, (text) => expect(selectedSeconds(text)).toBe(0));
		// Back to the newest: the live edge again.
		await step(app, 'G', (text) => expect(title(text)).toContain(' live'));
		// Tab gives the log pane the keys, the timeline stays; T takes them back; T closes.
		await step(app, '\t', (text) => expect(title(text)).toContain('Timeline'));
		await step(app, 'j', (text) => expect(selectedSeconds(text)).toBe(2));
		await step(app, 'Gk', (text) => expect(selectedSeconds(text)).toBe(596));
		await step(app, 'T', (text) => expect(footerLine(`${text}\n`)).toContain('zoom'));
		await step(app, 'T', (text) => expect(text).not.toContain(' Timeline'));
		app.unmount();
	}, 30_000);

	it('t jumps to a typed time; a bad entry says why in one line and changes nothing', async () => {
		const {app, store} = setup({records: 0, width: 100, height: 30});
		store.append(spreadRecords());
		await step(app, 't', (text) => expect(text).toContain('jump to time'));
		await step(app, 'soon', (text) => expect(text).toContain('not a time'));
		await step(app, KEYS.enter, (text) => {
			expect(footerLine(text)).toContain('"soon": not a time; use 10:42, 10:42:05, -5m or an ISO time');
			expect(text).toContain('following');
		});
		await step(app, 't', (text) => expect(text).toContain('jump to time'));
		await step(app, `-5m${KEYS.enter}`, (text) => {
			const seconds = selectedSeconds(text)!;
			// The first record at or after five minutes ago (now is 10 to 11 minutes after BASE).
			const fiveBack = Date.now() - 5 * 60_000 - BASE;
			expect(seconds * 1000).toBeGreaterThanOrEqual(fiveBack - 1000);
			expect(seconds * 1000).toBeLessThan(fiveBack + 4000);
			expect(footerLine(text)).toContain('log at');
		});
		await step(app, `t${new Date(BASE + 90_000).toISOString()}${KEYS.enter}`, (text) =>
			expect(selectedSeconds(text)).toBe(90),
		);
		await step(app, `t-1s${KEYS.enter}`, (text) =>
			expect(footerLine(text)).toContain('no record at or after'),
		);
		expect(selectedSeconds(app.lastFrame() ?? '')).toBe(90);
		app.unmount();
	});
});
