/**
 * Issue 15's hunt in a real terminal (tmux), on the shared broker, with records written by
 * kcat: a long history, then a recent stretch in which one request id occurs four times.
 * In the TUI, `H` with a filter line and a start (`@` an ISO time) shows the matches with
 * their offsets, `C` the records around one, Esc goes back (a long hunt's progress and its
 * cancel: tui-hunt-cancel.test.ts, on a throttled broker of its own). Plain
 * `--since --grep --exit` on the terminal prints the matches, its progress line on stderr out
 * of their way, a summary under them, and ends.
 */
import fs from 'node:fs';
import path from 'node:path';
import {setImmediate} from 'node:timers/promises';
import {beforeAll, describe, expect, it} from 'vitest';
import {shellQuote, type TmuxTerminal} from '../../tools/terminal/tmux.js';
import {cliPath} from '../support/cli/cli-process.js';
import {kcatProduce} from '../support/kafka/codec-producers.js';
import {createTopic, testBootstrap} from '../support/kafka/test-kafka.js';
import {expectHuntLayout, huntRows} from '../support/terminal/hunt-screen.js';
import {EXIT_LINE, shortName, startKlog, terminalPerTest} from '../support/terminal/tui-session.js';

const session = terminalPerTest('hunt');
const PARTITIONS = 3;
/**
 * Records per partition, oldest first: an old history (what `--since` skips), the last of it
 * (what plain's `--since` scans: long enough for a progress line on a loaded machine), and a
 * recent stretch (what the TUI's first hunt scans).
 */
const OLD = 5_000;
const LATER = 20_000;
const RECENT = 300;
const HISTORY = OLD + LATER;
const NEEDLE = `req-${Math.random().toString(36).slice(2, 8)}`;
/** Where the needle is, by partition: offsets in the recent stretch (HISTORY + index). */
const NEEDLES: Record<number, number[]> = {
	0: [HISTORY + 50, HISTORY + 200],
	1: [HISTORY + RECENT - 1],
	2: [HISTORY],
};

let topic: string;
/** Moments (ISO) after the old records, and after the whole history: later records have this time or later. */
let laterSince: string;
let since: string;

const message = (partition: number, offset: number) =>
	NEEDLES[partition]!.includes(offset)
		? `payment declined: record ${offset} of partition ${partition}`
		: `request handled: record ${offset} of partition ${partition}`;

function lines(partition: number, from: number, count: number): string[] {
	return Array.from({length: count}, (_, index) => {
		const offset = from + index;
		const id = NEEDLES[partition]!.includes(offset) ? NEEDLE : `req-${partition}-${offset}`;
		return JSON.stringify({
			level: 'info',
			service: `svc-${partition}`,
			message: message(partition, offset),
			request_id: id,
		});
	});
}

beforeAll(async () => {
	topic = shortName('e2e-hunt');
	await createTopic(topic, PARTITIONS);
	const produce = (from: number, count: number) =>
		Promise.all(
			Array.from({length: PARTITIONS}, (_, partition) =>
				kcatProduce(testBootstrap(), topic, 'none', lines(partition, from, count), partition),
			),
		);
	await produce(0, OLD);
	laterSince = await nextMoment();
	await produce(OLD, LATER);
	since = await nextMoment();
	// One partition after the other: the matches' time order is the partitions' order.
	for (let partition = 0; partition < PARTITIONS; partition++)
		await kcatProduce(testBootstrap(), topic, 'none', lines(partition, HISTORY, RECENT), partition);
}, 60_000);

/**
 * A moment after every record produced so far (kcat stamps a record when it produces it, and
 * has exited): the ISO time of the next millisecond, once it has come.
 */
async function nextMoment(): Promise<string> {
	const boundary = Date.now() + 1;
	while (Date.now() <= boundary) await setImmediate();
	return new Date(boundary).toISOString();
}

/** A match or context row: `▌` on the cursor, then partition:offset and the message. */
function recordRows(screen: string): {cursor: boolean; partition: number; offset: number; text: string}[] {
	return huntRows(screen).flatMap((row) => {
		const match = /^([ ▌])(\d+):(\d+) +\d\d:\d\d:\d\d\.\d{3} svc-\d +INFO +(.*)$/.exec(row);
		return match
			? [{cursor: match[1] === '▌', partition: Number(match[2]), offset: Number(match[3]), text: match[4]!}]
			: [];
	});
}

/**
 * `H`, the line (sent in one burst, as a paste lands: typing it a key at a time takes seconds),
 * and Enter once the prompt's hint says where the hunt will start.
 */
async function huntFor(term: TmuxTerminal, line: string, startLabel: string): Promise<void> {
	await term.press('H');
	await term.waitFor((screen) => screen.includes(' hunt H '));
	await term.press(line);
	await term.waitFor((screen) => screen.includes(`${line}   Enter hunts ${startLabel}`));
	await term.press('Enter');
}

describe('klog-tui in a real terminal: hunt mode', () => {
	it('H finds a request id since a time with offsets, C shows its context', async () => {
		const {term} = await session.start();
		await startKlog(term, ['-b', testBootstrap(), '-t', topic, '--group-prefix', `${shortName('g')}-`]);

		await huntFor(term, `request_id=${NEEDLE} @${since}`, `since @${since}`);
		let screen = await term.waitFor((text) => text.includes(' Hunt  done'), 30_000);
		// Only the recent stretch was scanned, every partition to its end.
		const total = PARTITIONS * RECENT;
		expect(screen).toContain(
			`scanned ${total.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} (100%)`,
		);
		for (let partition = 0; partition < PARTITIONS; partition++)
			expect(screen).toMatch(
				new RegExp(
					`${topic}\\[${partition}\\] +${RECENT}/${RECENT} 100% +${NEEDLES[partition]!.length} match`,
				),
			);
		expect(screen).toContain(' 4 matches · partition:offset');
		// Each match once, with its offset and its own message, in time order (kcat wrote the
		// partitions one after the other); the cursor on the first.
		const expected = [0, 1, 2].flatMap((partition) =>
			NEEDLES[partition]!.map((offset) => ({partition, offset})),
		);
		let rows = recordRows(screen);
		expect(rows.map(({partition, offset}) => ({partition, offset}))).toEqual(expected);
		for (const row of rows) expect(row.text).toBe(message(row.partition, row.offset));
		expect(rows.map((row) => row.cursor)).toEqual([true, false, false, false]);
		// The footer offers only keys that act here: ? (the help, over the hunt), not / or F.
		const [offers, hints] = screen.split('\n').slice(-3, -1);
		expect(hints).toMatch(/ C context +↑\/↓ move +Esc back +\? help/);
		expect(offers).toContain('? for every key');
		expect(offers).not.toContain('/ to filter');
		expectHuntLayout(screen, 120);
		await term.press('?');
		await term.waitFor((text) => text.includes('Esc or ? closes'));
		await term.press('?');
		await term.waitFor((text) => text.includes(' 4 matches · partition:offset'));

		// The second match (partition 0, in the middle of the stretch): C opens 20 records on each
		// side of it, read from Kafka, with the cursor on it.
		await term.press('j');
		await term.waitFor((text) => recordRows(text)[1]?.cursor === true);
		await term.press('C');
		const [, middle] = NEEDLES[0]!;
		screen = await term.waitFor(
			(text) => text.includes(`context of ${topic}[0] offset ${middle}`) && recordRows(text).length > 1,
		);
		rows = recordRows(screen);
		const at = rows.findIndex((row) => row.cursor);
		expect(rows[at]).toEqual({cursor: true, partition: 0, offset: middle!, text: message(0, middle!)});
		// Consecutive offsets of that partition, before and after the match, on screen.
		expect(at).toBeGreaterThan(5);
		expect(rows.length - at).toBeGreaterThan(5);
		rows.forEach((row, index) => {
			expect(row.partition).toBe(0);
			expect(row.offset).toBe(middle! - at + index);
			expect(row.text).toBe(message(0, row.offset));
		});
		expectHuntLayout(screen, 120);

		// Esc: back to the matches (the cursor where it was), Esc again: back to the log.
		await term.press('Escape');
		screen = await term.waitFor((text) => text.includes(' 4 matches · '));
		expect(recordRows(screen)[1]?.cursor).toBe(true);
		await term.press('Escape');
		await term.waitFor((text) => text.includes(' Logs ') && !text.includes(' Hunt '));

		await term.press('q');
		const end = await term.waitFor(new RegExp(`${EXIT_LINE}\\d+`), 20_000);
		expect(end).toContain(`${EXIT_LINE}0`);
	}, 60_000);

	it('plain --since --grep --exit on a terminal: matches on stdout, progress on stderr out of their way', async () => {
		const {term, workDir} = await session.start();
		const bytes = path.join(workDir, 'pane.bytes');
		term.record(bytes);
		const args = [
			'--plain',
			'-b',
			testBootstrap(),
			'-t',
			topic,
			'--since',
			laterSince,
			'--grep',
			`request_id=${NEEDLE}`,
			'--exit',
		];
		term.run(`node ${[cliPath, ...args].map(shellQuote).join(' ')}; echo "${EXIT_LINE}$?"`);
		const screen = await term.waitFor(new RegExp(`${EXIT_LINE}\\d+`), 30_000);
		// The pane's bytes reach the file a little after the screen.
		for (let tries = 0; !fs.readFileSync(bytes, 'latin1').includes(`${EXIT_LINE}0`) && tries < 100; tries++)
			await new Promise((resolve) => setTimeout(resolve, 50));
		term.stopRecording();
		expect(screen).toContain(`${EXIT_LINE}0`);

		// Each match on its own row, from its first column (never after the progress line's text).
		const rows = screen.split('\n');
		const matchRows = rows.filter((row) => row.includes('payment declined'));
		expect(matchRows).toHaveLength(4);
		for (const row of matchRows)
			expect(row).toMatch(
				/^\d\d:\d\d:\d\d\.\d{3} svc-\d +INFO +payment declined: record \d+ of partition \d$/,
			);
		const found = matchRows.map((row) =>
			/record (\d+) of partition (\d)/.exec(row)!.slice(1, 3).reverse().join(':'),
		);
		expect(found.sort()).toEqual(
			[0, 1, 2].flatMap((partition) => NEEDLES[partition]!.map((offset) => `${partition}:${offset}`)).sort(),
		);
		// The summary stays, under the last match, just before the shell's line; --since skipped the
		// old records.
		const all = PARTITIONS * (LATER + RECENT);
		const summary = rows.findIndex((row) => row.startsWith('klog-tui: scanned'));
		expect(rows[summary]).toMatch(
			new RegExp(
				`^klog-tui: scanned ${all.toLocaleString('en-US')} records in [\\d.]+s \\([\\d.]+k?/s\\), 4 matches$`,
			),
		);
		expect(summary).toBeGreaterThan(rows.lastIndexOf(matchRows.at(-1)!));
		expect(rows[summary + 1]).toMatch(new RegExp(`^${EXIT_LINE}0`));

		// On stderr: every progress line is drawn over the last (`\r`, erase line) and the summary
		// ends with a newline; a record is only written after the line was erased.
		const written = fs.readFileSync(bytes, 'latin1');
		const progressWrites = [...written.matchAll(/\r\u001B\[2Kklog-tui: scanned [^\r\n]*/g)].map(
			(match) => match[0],
		);
		expect(progressWrites.length).toBe(written.split('klog-tui: scanned').length - 1);
		expect(progressWrites.at(-1)).toMatch(/records in [^\r\n]*4 matches$/);
		expect(written).not.toMatch(/klog-tui: scanned [^\r\n]*\d\d:\d\d:\d\d\.\d{3}/);
		// While it runs the line is rewritten every second: a run that long (here, on a loaded
		// machine, always; a quiet one may finish first) showed how far it got.
		const seconds = Number(/records in ([\d.]+)s/.exec(rows[summary]!)![1]);
		if (seconds >= 1.5) expect(progressWrites.some((line) => / of [\d,]+ \(\d+%\)/.test(line))).toBe(true);
	}, 60_000);
});
