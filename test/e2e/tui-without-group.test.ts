/**
 * `--without-group` in a real terminal (tmux): the header says "no group" where the group id
 * would be, records are read, followed live, paused and re-read from the beginning, and no
 * consumer group is ever created (issue 10, item 3).
 */
import {describe, expect, it} from 'vitest';
import {createTopic, produceRecords, testBootstrap} from '../support/kafka/test-kafka.js';
import {shopLogs} from '../support/records/shop-logs.js';
import {
	expectTerminalRestored,
	headerLine,
	listGroupIds,
	logLines,
	shortName,
	startKlog,
	terminalPerTest,
} from '../support/terminal/tui-session.js';

const session = terminalPerTest('without-group');

describe('klog-tui --without-group in a real terminal', () => {
	it('says "no group" in the header, reads, follows, pauses and re-reads without creating a group', async () => {
		const topic = shortName('e2e-nogroup');
		await createTopic(topic, 3);
		await produceRecords(topic, shopLogs(30));
		const {term} = await session.start();
		const groupsBefore = new Set(await listGroupIds());

		let screen = await startKlog(term, [
			'-b',
			testBootstrap(),
			'-t',
			topic,
			'--from-beginning',
			'--without-group',
		]);
		screen = await term.waitFor('buffered 30 of 30');
		expect(headerLine(screen, 0)).toContain(`topic ${topic}`);
		expect(headerLine(screen, 0)).toContain('no group');
		expect(headerLine(screen, 0)).not.toContain('group klog-tui');
		expect(headerLine(screen, 1)).toContain('● live');
		expect(logLines(screen)).toHaveLength(30);

		// Followed live.
		await produceRecords(topic, shopLogs(6, 30));
		screen = await term.waitFor('buffered 36 of 36', 20_000);
		expect(screen).toContain('order #35 ');

		// Space pauses: nothing new shows; Space again brings it.
		await term.press('Space');
		await term.waitFor((text) => headerLine(text, 1).includes('⏸ paused'));
		await produceRecords(topic, shopLogs(4, 36));
		screen = await term.waitFor((text) => /backlog 4\b/.test(headerLine(text, 1)), 20_000);
		expect(screen).not.toContain('order #39 ');
		await term.press('Space');
		screen = await term.waitFor('buffered 40 of 40', 20_000);
		expect(screen).toContain('order #39 ');

		// r, Enter: re-read from the beginning, every record once again.
		await term.press('r');
		await term.waitFor('Re-read the stream');
		await term.press('Enter');
		// The view is cleared first (a frame shows fewer, or the footer says so), then all 40 come back.
		let cleared = false;
		screen = await term.waitFor((text) => {
			const buffered = Number(/buffered (\d+) of/.exec(headerLine(text, 1))?.[1] ?? -1);
			if (buffered < 40 || text.includes('re-reading from the beginning')) cleared = true;
			return cleared && buffered === 40;
		}, 30_000);
		expect(screen).toContain('order #39 ');

		// No consumer group appeared while it ran.
		const pid = term.foregroundPid();
		expect(pid).toBeDefined();
		const added = (await listGroupIds()).filter((id) => !groupsBefore.has(id) && id.includes(`-${pid}-`));
		expect(added).toEqual([]);

		await term.press('q');
		expect(await expectTerminalRestored(term)).toBe(0);
	}, 120_000);
});
