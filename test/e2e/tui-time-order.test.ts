/**
 * Partitions merged by time in the TUI (issue 13, "Order"), in a real terminal (tmux) against the
 * real broker: records whose times interleave across three partitions, written by kcat one
 * partition after the other, show in the log pane in the order they were written, not grouped by
 * partition; a mark dropped afterwards lands below them.
 */
import {describe, expect, it} from 'vitest';
import {kcatProduce} from '../support/kafka/codec-producers.js';
import {createTopic, testBootstrap} from '../support/kafka/test-kafka.js';
import {
	expectGroupGone,
	expectTerminalRestored,
	headerGroupId,
	klogArgs,
	logColumn,
	shortName,
	startKlog,
	terminalPerTest,
} from '../support/terminal/tui-session.js';

const session = terminalPerTest('time-order');

const PARTITIONS = 3;
const TOTAL = 24;

/** The record numbers of the log pane's rows, top to bottom (`record N` in each message). */
function recordNumbers(screen: string): number[] {
	const column = logColumn(screen);
	return screen
		.split('\n')
		.slice(3)
		.map((line) => /\brecord (\d+)\b/.exec(line.slice(column + 1))?.[1])
		.filter((number) => number !== undefined)
		.map(Number);
}

describe('klog-tui in a real terminal: partitions in time order', () => {
	it('shows records of several partitions by their time, each partition in its own order', async () => {
		const topic = shortName('e2e-order');
		await createTopic(topic, PARTITIONS);
		// Record i was written at base + i seconds, to partition i % 3; kcat writes partition 0's
		// records first, so neither the offsets nor the Kafka timestamps give that order.
		const base = Date.now() - 5 * 60_000;
		for (let partition = 0; partition < PARTITIONS; partition++) {
			const lines: string[] = [];
			for (let index = partition; index < TOTAL; index += PARTITIONS) {
				const time = new Date(base + index * 1000).toISOString();
				lines.push(
					`k${index}\t{"time":"${time}","service":"svc-${partition}","level":"info","message":"record ${index}"}`,
				);
			}
			await kcatProduce(testBootstrap(), topic, 'none', lines, partition, ['-K', '\t']);
		}

		const {term} = await session.start({columns: 120, rows: 40});
		let screen = await startKlog(term, klogArgs(topic, `${shortName('g')}-`));
		screen = await term.waitFor((text) => recordNumbers(text).length === TOTAL, 30_000);
		const groupId = headerGroupId(screen);
		expect(recordNumbers(screen)).toEqual(Array.from({length: TOTAL}, (_, index) => index));

		// A mark takes the next place in the view, after the records merged before it.
		await term.press('m');
		screen = await term.waitFor((text) => /── mark 1 /.test(text), 10_000);
		const rows = screen.split('\n');
		const markRow = rows.findIndex((line) => /── mark 1 /.test(line.slice(logColumn(screen) + 1)));
		const lastRecordRow = rows.findIndex((line) => line.includes(`record ${TOTAL - 1}`));
		expect(markRow).toBeGreaterThan(lastRecordRow);

		await term.press('q');
		expect(await expectTerminalRestored(term)).toBe(0);
		await expectGroupGone(groupId);
	});
});
