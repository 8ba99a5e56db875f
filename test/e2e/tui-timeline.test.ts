/**
 * Issue 14's timeline in a real terminal (tmux), on the shared broker: records written by kcat
 * with body times spread over ten minutes, `T` draws them as bars by level, a bucket picked
 * with ←/Enter moves the log pane to its first record, and `t -5m` jumps five minutes back.
 * With KLOG_TIMELINE_CAPTURE_DIR set, the screens at 80x24 and 200x50 are kept there.
 */
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {kcatProduce} from '../support/kafka/codec-producers.js';
import {createTopic, testBootstrap} from '../support/kafka/test-kafka.js';
import {
	expectLayout,
	footerMessage,
	klogArgs,
	shortName,
	startKlog,
	terminalPerTest,
} from '../support/terminal/tui-session.js';

const session = terminalPerTest('timeline');
const COUNT = 240;
const BUCKET_MS = 10_000;

/** The `step <n>` of the selected log line (drawn with the `▌` marker before its time). */
function selectedStep(screen: string): number {
	return Number(/▌\d\d:\d\d:\d\d\.\d{3} .*step (\d+)/.exec(screen)?.[1] ?? -1);
}

/** True once the frame is drawn whole: its key hints on the last of its `rows` rows. */
function drawn(screen: string, rows: number): boolean {
	return / \? help\b/.test(screen.replace(/\n$/, '').split('\n')[rows - 1] ?? '');
}

function timelineTitle(screen: string): string {
	return screen.split('\n').find((line) => line.startsWith(' Timeline')) ?? '';
}

describe('klog-tui in a real terminal: the timeline', () => {
	it('draws kcat records over ten minutes, jumps to a picked bucket and to t -5m', async () => {
		const topic = shortName('e2e-tl');
		await createTopic(topic, 1);
		// About eleven minutes of records, denser and sparser by turns (0.8 to 4.8 s apart), with an incident
		// of errors and warnings in the middle and a few of each elsewhere.
		const times: number[] = [];
		for (let time = Date.now() - 700_000; times.length < COUNT; ) {
			times.push(time);
			time += 2800 + 2000 * Math.sin(times.length / 9);
		}
		const lines = times.map((time, index) => {
			const incident = index > 130 && index < 160;
			const level =
				(incident && index % 3 === 0) || index % 29 === 5
					? 'error'
					: incident || index % 13 === 3
						? 'warn'
						: 'info';
			return JSON.stringify({
				time: new Date(time).toISOString(),
				level,
				service: 'api',
				message: `step ${index}`,
			});
		});
		await kcatProduce(testBootstrap(), topic, 'none', lines);

		const {term} = await session.start({columns: 120, rows: 40});
		await startKlog(term, klogArgs(topic, `${shortName('g')}-`));
		await term.waitFor(`buffered ${COUNT} of ${COUNT}`);

		await term.press('T');
		let screen = await term.waitFor(
			(text) => timelineTitle(text).includes('10 s buckets') && drawn(text, 40),
		);
		expect(timelineTitle(screen)).toContain(' live');
		// Bars in the level colours as tmux draws them (256 colours): red errors, yellow warnings,
		// green for the rest.
		const colours = term.screenWithEscapes();
		for (const [colour, glyph] of [
			[210, '█'],
			[220, '▓'],
			[114, '▒'],
		] as const)
			expect(colours).toMatch(new RegExp(`38;5;${colour}m${glyph}`));
		expectLayout(screen, 120, 40);

		// Four buckets back from the newest: Enter moves the log pane to that bucket's first record.
		await term.press('Left', 'Left', 'Left', 'Left');
		await term.waitFor((text) => !timelineTitle(text).includes(' live'));
		await term.press('Enter');
		screen = await term.waitFor((text) => footerMessage(text).includes('log at'));
		const bucketStart = (Math.floor(times.at(-1)! / BUCKET_MS) - 4) * BUCKET_MS;
		expect(selectedStep(screen)).toBe(times.findIndex((time) => time >= bucketStart));

		// t -5m: the first record at or after five minutes before the key press.
		const before = Date.now();
		await term.press('t');
		await term.waitFor((text) => text.includes('jump to time'));
		await term.type('-5m');
		await term.press('Enter');
		screen = await term.waitFor(
			(text) => footerMessage(text).includes('log at') && !text.includes('jump to time'),
		);
		const after = Date.now();
		const earliest = times.findIndex((time) => time >= before - 300_000);
		const latest = times.findIndex((time) => time >= after - 300_000);
		expect(selectedStep(screen)).toBeGreaterThanOrEqual(earliest);
		expect(selectedStep(screen)).toBeLessThanOrEqual(latest);

		// The panel fits small and large terminals.
		const captures = process.env.KLOG_TIMELINE_CAPTURE_DIR;
		for (const [columns, rows] of [
			[80, 24],
			[200, 50],
		] as const) {
			term.resize(columns, rows);
			screen = await term.waitFor((text) => timelineTitle(text) !== '' && drawn(text, rows));
			expectLayout(screen, columns, rows);
			if (captures) fs.writeFileSync(path.join(captures, `timeline-${columns}x${rows}.txt`), screen);
		}
		await term.press('q');
		await term.waitFor('klog-tui exited with 0');
	});
});
