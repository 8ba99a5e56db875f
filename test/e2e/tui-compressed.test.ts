/**
 * A compressed topic in a real terminal (tmux), issue 10: lz4 batches written by kcat show
 * as lines in the TUI, and a damaged batch between them is one error row of service
 * klog-tui naming the partition and offsets; the viewer stays live and quits cleanly.
 */
import {describe, expect, it} from 'vitest';
import {kcatProduce} from '../support/kafka/codec-producers.js';
import {corruptRecords, segmentFile, storedBatches} from '../support/kafka/segment-file.js';
import {createTopic, testBootstrap} from '../support/kafka/test-kafka.js';
import {
	expectGroupGone,
	expectTerminalRestored,
	headerGroupId,
	headerLine,
	klogArgs,
	logLines,
	shortName,
	startKlog,
	terminalPerTest,
} from '../support/terminal/tui-session.js';

const session = terminalPerTest('compressed');

describe('klog-tui in a real terminal: a compressed topic', () => {
	it('shows kcat lz4 records and one row for a damaged batch, and stays live', async () => {
		const topic = shortName('e2e-lz4');
		await createTopic(topic, 1);
		for (const batch of ['alpha', 'bravo', 'charlie']) {
			const lines = Array.from({length: 4}, (_, i) =>
				JSON.stringify({level: 'info', service: 'shop', message: `${batch} line ${i}`}),
			);
			await kcatProduce(testBootstrap(), topic, 'lz4', lines, 0);
		}
		const file = segmentFile(topic, 0);
		corruptRecords(file, storedBatches(file)[1]!);

		const {term} = await session.start();
		await startKlog(term, klogArgs(topic, `${shortName('g')}-`));
		// 8 records and the error row.
		const screen = await term.waitFor('buffered 9 of 9', 30_000);
		const groupId = headerGroupId(screen);
		expect(headerLine(screen, 1)).toContain('● live');
		const rows = logLines(screen);
		expect(rows.filter((row) => /alpha line \d/.test(row))).toHaveLength(4);
		expect(rows.filter((row) => /charlie line \d/.test(row))).toHaveLength(4);
		expect(rows.some((row) => row.includes('bravo'))).toBe(false);
		const errorRows = rows.filter((row) => row.includes('undecodable batch'));
		expect(errorRows).toHaveLength(1);
		expect(errorRows[0]).toContain('klog-tui');
		// The row is cut at the pane's width; partition and offsets come first.
		expect(errorRows[0]).toContain('undecodable batch skipped: partition 0, offsets 4-7');

		await term.press('q');
		expect(await expectTerminalRestored(term)).toBe(0);
		await expectGroupGone(groupId);
	});
});
