/**
 * The hostile corpus (test/support/records/hostile-corpus.ts) in a real terminal (issue 6): escapes of
 * every family, broken and binary bytes, huge and nested values, wrong-typed fields, 1 000
 * services, hostile keys and headers, between normal records. tmux records every byte the
 * pane receives; the screen must keep its layout and the bytes must hold nothing but what
 * the renderer writes itself, in the log pane and in the detail view.
 */
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {formatCount} from '../../source/terminal-text/format-count.js';
import {createTopic, produceRecords, type TestRecord} from '../support/kafka/test-kafka.js';
import {HOSTILE_CASES, hostileRawRecords, manyServiceValues} from '../support/records/hostile-corpus.js';
import {shopLogs} from '../support/records/shop-logs.js';
import {expectOnlyRendererBytes} from '../support/terminal/terminal-bytes.js';
import {
	expectGroupGone,
	expectLayout,
	expectTerminalRestored,
	headerGroupId,
	klogArgs,
	shortName,
	startKlog,
	terminalPerTest,
} from '../support/terminal/tui-session.js';

const COLUMNS = 120;
const ROWS = 40;
const SERVICES = 1000;
const NORMAL = 6;
/** The detail view's title row: which of its display rows are shown. */
const DETAIL_TITLE = / Record {2}rows \d+-(\d+) of (\d+)/;

const session = terminalPerTest('hostile');

/** The corpus as records of partition 0: the hostile bytes as value, key and header values. */
function hostileRecords(): TestRecord[] {
	return hostileRawRecords().map((raw) => ({
		key: raw.key,
		value: raw.value,
		partition: 0,
		// A header list (`x-list`) is sent as its first value: the test client takes one per name.
		headers: Object.fromEntries(
			Object.entries(raw.headers ?? {}).flatMap(([name, value]) => {
				const first = Array.isArray(value) ? value[0] : value;
				return first === undefined ? [] : [[name, first]];
			}),
		),
	}));
}

/**
 * The offsets in the pane's partition:offset column (`o`), in screen order. Found by pattern,
 * not by column: a services row with combining marks holds more characters than cells.
 */
function offsetsOnScreen(screen: string): number[] {
	return screen
		.split('\n')
		.map((line) => /\d\d:\d\d:\d\d\.\d{3} 0:(\d+) /.exec(line))
		.filter((match) => match !== null)
		.map((match) => Number(match[1]));
}

describe('klog-tui in a real terminal: hostile records', () => {
	it('keeps its layout and writes no byte of a hostile record to the terminal, in the pane and the detail view', async () => {
		const topic = shortName('e2e-hostile');
		// 1 MB values: allow them on this topic (the broker's default is 1 MiB per batch).
		await createTopic(topic, 1, {configs: {'max.message.bytes': String(4 * 1024 * 1024)}});
		// Many services first, then the corpus (the 1 MB ones alone), then normal records at the bottom.
		await produceRecords(
			topic,
			manyServiceValues(SERVICES).map((value) => ({value, partition: 0})),
		);
		for (const record of hostileRecords()) await produceRecords(topic, [record]);
		await produceRecords(
			topic,
			shopLogs(NORMAL).map((record) => ({...record, partition: 0})),
		);
		const firstHostile = SERVICES;
		const total = SERVICES + HOSTILE_CASES.length + NORMAL;

		const {term, workDir} = await session.start({columns: COLUMNS, rows: ROWS});
		const recording = path.join(workDir, 'pane.bytes');
		term.record(recording);
		await startKlog(term, klogArgs(topic, `${shortName('g')}-`));
		let screen = await term.waitFor(`buffered ${formatCount(total)} of ${formatCount(total)}`, 60_000);
		const groupId = headerGroupId(screen);
		expectLayout(screen, COLUMNS, ROWS);
		for (let id = 0; id < NORMAL; id++) expect(screen).toContain(`order #${id} `);

		// The partition:offset column, then page up until the first hostile record was on screen:
		// every hostile record is drawn once at least, and every page keeps the layout.
		await term.press('o');
		screen = await term.waitFor((text) => offsetsOnScreen(text).length > 0);
		const seen = new Set(offsetsOnScreen(screen));
		while (!seen.has(firstHostile)) {
			const top = Math.min(...offsetsOnScreen(screen));
			await term.press('PPage');
			screen = await term.waitFor((text) => Math.min(...offsetsOnScreen(text)) < top);
			expectLayout(screen, COLUMNS, ROWS);
			for (const offset of offsetsOnScreen(screen)) seen.add(offset);
		}
		for (let offset = firstHostile; offset < total; offset++) expect(seen).toContain(offset);

		// Only the records that held an ESC (shown as `\e` in message, service or key), then the
		// detail view of the newest three (a logfmt line, JSON with escapes in every field, 1 MB of
		// text): key, headers (values and names hostile too), value, paged down to the last row.
		await term.press('G', '/');
		await term.type('\\e');
		await term.press('Enter');
		screen = await term.waitFor((text) => text.includes('filter \\e') && !text.includes('order #5 '));
		expectLayout(screen, COLUMNS, ROWS);
		for (let record = 0; record < 3; record++) {
			if (record > 0) await term.press('k');
			await term.press('Enter');
			// The detail's title row; its meta row names the offset (wrapped when the message is
			// long, where the terminal's capture drops the space at the row's end).
			screen = await term.waitFor(DETAIL_TITLE);
			expect(screen.replaceAll(/\s/g, '')).toMatch(/partition0·offset10\d\d·/);
			expectLayout(screen, COLUMNS, ROWS);
			if (record === 0) {
				expect(screen).toContain(' key        level=error msg="\\e[2Jwiped"');
				expect(screen).toContain(' headers    x-hostile: level=error msg="\\e[2Jwiped"');
			}
			for (;;) {
				const rows = DETAIL_TITLE.exec(screen);
				if (!rows || rows[1] === rows[2]) break;
				await term.press('NPage');
				screen = await term.waitFor((text) => !text.includes(rows[0]));
				expectLayout(screen, COLUMNS, ROWS);
			}
			await term.press('Escape');
			await term.waitFor((text) => text.includes(' Logs '));
		}

		await term.press('q');
		expect(await expectTerminalRestored(term)).toBe(0);
		term.stopRecording();
		await expectGroupGone(groupId);
		expect(term.display('#{pane_title}')).not.toContain('pwned');
		const bytes = expectOnlyRendererBytes(recording).toString('utf8');
		for (const visible of ['before\\e[2Jafter', '\\e]0;pwned title\\x07text', '\\u009b2Jcleared']) {
			expect(bytes).toContain(visible);
		}
	});
});
