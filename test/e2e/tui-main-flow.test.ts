/**
 * End to end in a real terminal (tmux): the built CLI against the real broker, driven by
 * keys as a user would, checked on the captured screen after every step (issue 4).
 */
import {setTimeout as sleep} from 'node:timers/promises';
import {describe, expect, it} from 'vitest';
import {createTopic, produceRecords} from '../support/kafka/test-kafka.js';
import {SHOP_SERVICES, shopLogs} from '../support/records/shop-logs.js';
import {
	expectGroupGone,
	expectTerminalRestored,
	footerMessage,
	headerGroupId,
	headerLine,
	klogArgs,
	listGroupIds,
	logLines,
	serviceNumber,
	serviceRowsOf,
	shortName,
	startKlog,
	terminalPerTest,
} from '../support/terminal/tui-session.js';

const session = terminalPerTest('main');

/** The number after `backlog` in the header while paused, or -1. */
function backlog(screen: string): number {
	const match = /backlog (\d+)/.exec(headerLine(screen, 1));
	return match ? Number(match[1]) : -1;
}

describe('klog-tui in a real terminal: the main flow', () => {
	it('shows live records, hides a service, filters, pauses, sends a demo burst, opens a record and quits cleanly', async () => {
		const topic = shortName('e2e-main');
		const groupPrefix = `${shortName('g')}-`;
		await createTopic(topic, 3);
		await produceRecords(topic, shopLogs(30));
		const {term} = await session.start();

		// Header, services with counts, every log line.
		await startKlog(term, klogArgs(topic, groupPrefix));
		let screen = await term.waitFor('buffered 30 of 30');
		expect(headerLine(screen, 0)).toContain(`topic ${topic}`);
		expect(headerLine(screen, 0)).toContain(`group ${groupPrefix}`);
		expect(headerLine(screen, 1)).toContain('● live');
		const groupId = headerGroupId(screen);
		expect(await listGroupIds()).toContain(groupId);
		const serviceRows = serviceRowsOf(screen);
		expect(serviceRows.map(({number: _, ...row}) => row)).toEqual(
			SHOP_SERVICES.map((name) => ({shown: true, name, count: 10})),
		);
		// Numbered in the order they first appeared: 1 to 3, each once.
		expect(serviceRows.map((row) => row.number).sort()).toEqual(['1', '2', '3']);
		const lines = logLines(screen);
		expect(lines).toHaveLength(30);
		for (let id = 0; id < 30; id++) {
			expect(lines.filter((line) => line.includes(`order #${id} `))).toHaveLength(1);
		}
		expect(lines.filter((line) => / ERROR /.test(line))).toHaveLength(7);

		// Partitions panel: three partitions whose high watermarks add up to the 30 records.
		// The title can show before the rows have their numbers (the partition table is sent at
		// most four times a second), so wait for the three rows themselves.
		const partitionRowsOf = (text: string) =>
			text
				.split('\n')
				.map((line) => /^ ([0-2])\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(line))
				.filter((match) => match !== null);
		await term.press('p');
		screen = await term.waitFor(
			(text) => text.includes('Partitions 3') && partitionRowsOf(text).length === 3,
		);
		const partitionRows = partitionRowsOf(screen);
		expect(partitionRows.map((match) => match[1])).toEqual(['0', '1', '2']);
		expect(partitionRows.reduce((sum, match) => sum + Number(match[3]), 0)).toBe(30);
		expect(partitionRows.every((match) => match[4] === '0')).toBe(true);

		// checkout's number key hides it: its lines go, its row is dimmed with an open dot.
		await term.press(serviceNumber(screen, 'checkout'));
		screen = await term.waitFor((text) => serviceRowsOf(text)[0]?.shown === false);
		expect(serviceRowsOf(screen).map((row) => row.shown)).toEqual([false, true, true]);
		screen = await term.waitFor((text) => logLines(text).length === 20);
		expect(logLines(screen).some((line) => line.includes('checkout'))).toBe(false);
		expect(footerMessage(screen)).toContain('hiding checkout');
		const dimmedRow = term
			.screenWithEscapes()
			.split('\n')
			.find((line) => line.includes('○') && line.includes('checkout'));
		// SGR 2 (dim) is in force before the hidden service's name.
		expect(dimmedRow?.slice(0, dimmedRow.indexOf('checkout'))).toMatch(/\x1b\[(?:[0-9;]*;)?2m/);

		// a shows every service again.
		await term.press('a');
		screen = await term.waitFor((text) => logLines(text).length === 30);
		expect(serviceRowsOf(screen).every((row) => row.shown)).toBe(true);

		// / filters live as the text is typed; Enter keeps it; only matching lines stay.
		await term.press('/');
		await term.type('shipped');
		screen = await term.waitFor((text) => logLines(text).length === 15);
		expect(logLines(screen).every((line) => line.includes('shipped'))).toBe(true);
		await term.press('Enter');
		screen = await term.waitFor((text) => footerMessage(text).includes('filter shipped'));
		expect(logLines(screen)).toHaveLength(15);
		expect(logLines(screen).every((line) => line.includes('shipped'))).toBe(true);
		// Esc clears the text filter.
		await term.press('Escape');
		screen = await term.waitFor((text) => logLines(text).length === 30);
		expect(footerMessage(screen)).not.toContain('filter shipped');

		// Space pauses: new records do not show, the backlog grows; Space again brings them.
		await term.press('Space');
		screen = await term.waitFor((text) => headerLine(text, 1).includes('⏸ paused'));
		await produceRecords(topic, shopLogs(12, 30));
		screen = await term.waitFor((text) => backlog(text) === 12, 20_000);
		// The pane's title says paused with the backlog, the footer offers to resume, and the
		// header's rate is of records arriving in the topic (the 12 just produced), not 0.
		expect(screen).toContain('paused, 12 records behind — Space resumes');
		expect(screen).toMatch(/Space resume/);
		expect(headerLine(screen, 1)).toMatch(/ (?:[1-9]\d*(?:\.\d)?|0\.[1-9]) rec\/s in topic/);
		expect(screen).not.toContain('order #30 ');
		expect(screen).not.toContain('order #41 ');
		expect(headerLine(screen, 1)).toContain('buffered 30 of 30');
		await sleep(1000);
		screen = term.screen();
		expect(screen).not.toContain('order #41 ');
		await term.press('Space');
		screen = await term.waitFor('buffered 42 of 42', 20_000);
		expect(headerLine(screen, 1)).toContain('● live');
		expect(logLines(screen).some((line) => line.includes('order #41 '))).toBe(true);

		// d sends a demo burst to the topic (loopback broker): it comes back through the consumer
		// as records of the demo's own services, which the test never produced.
		await term.press('d');
		screen = await term.waitFor((text) => /sent \d+ demo records/.test(footerMessage(text)), 20_000);
		const sent = Number(/sent (\d+) demo records/.exec(footerMessage(screen))![1]);
		expect(sent).toBeGreaterThan(0);
		screen = await term.waitFor(`buffered ${42 + sent} of ${42 + sent}`, 20_000);
		const demoServices = serviceRowsOf(screen).filter(
			(row) => !(SHOP_SERVICES as readonly string[]).includes(row.name),
		);
		expect(demoServices.length).toBeGreaterThan(0);
		expect(demoServices.reduce((sum, row) => sum + row.count, 0)).toBe(sent);

		// Enter opens the selected (newest) record: partition, offset and its JSON; Esc goes back.
		await term.press('Enter');
		screen = await term.waitFor(/partition \d+ · offset \d+/);
		expect(screen).toContain('Record');
		expect(screen).toContain('value (JSON)');
		expect(screen).toMatch(/"message": "/);
		expect(screen).toMatch(/"service": "/);
		await term.press('Escape');
		screen = await term.waitFor((text) => text.includes(' Logs ') && logLines(text).length > 0);

		// q: the process exits 0, the shell's screen is back, the group is gone from the broker.
		await term.press('q');
		expect(await expectTerminalRestored(term)).toBe(0);
		await expectGroupGone(groupId);
	});
});
