/**
 * Issue 10, item 2, in a real terminal (tmux) on the production-defaults broker: the TUI shows a
 * topic deleted under it as deleted and waiting, the topic stays deleted while it waits, and once
 * the topic is created again the TUI shows its records (at offsets the old one had) after a mark,
 * with what the old topic showed still there. Records come from kcat.
 */
import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {createTopic, productionBootstrap, withAdmin} from '../support/kafka/test-kafka.js';
import {
	expectTerminalRestored,
	headerGroupId,
	headerLine,
	logLines,
	shortName,
	startKlog,
	terminalPerTest,
} from '../support/terminal/tui-session.js';

const session = terminalPerTest('topic-recreated');

function kcatProduce(topic: string, count: number, tag: string): void {
	const lines = Array.from({length: count}, (_, index) =>
		JSON.stringify({message: `${tag} ${index}`, service: 'api', level: 'info'}),
	);
	execFileSync('kcat', ['-b', productionBootstrap(), '-P', '-t', topic, '-p', '0'], {
		input: `${lines.join('\n')}\n`,
		stdio: ['pipe', 'ignore', 'pipe'],
	});
}

/** Waits until the consumer group is Stable, its member holding a partition. */
async function waitUntilStable(groupId: string): Promise<void> {
	const deadline = Date.now() + 20_000;
	for (;;) {
		const stable = await withAdmin(productionBootstrap(), async (admin) => {
			const [group] = (await admin.describeGroups([groupId])).groups;
			return group?.state === 'Stable' && group.members.length > 0;
		});
		if (stable) return;
		if (Date.now() > deadline) throw new Error(`group ${groupId} did not become Stable`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

const topicExists = (topic: string) =>
	withAdmin(productionBootstrap(), async (admin) => (await admin.listTopics()).includes(topic));

describe('klog-tui in a real terminal: a topic deleted and created again', () => {
	it('shows the topic as deleted and waiting, then the new records after a mark', async () => {
		const topic = shortName('e2e-re');
		await createTopic(topic, 1, {bootstrap: productionBootstrap()});
		kcatProduce(topic, 5, 'old');
		const {term} = await session.start();
		await startKlog(term, ['-b', productionBootstrap(), '-t', topic, '--from-beginning']);
		const shown = await term.waitFor(
			(screen) => logLines(screen).filter((line) => line.includes('old')).length === 5,
		);
		// The old records come from the partition leaders before the group forms (3 s on this
		// broker). Delete the topic once the group has its partition: a group that forms while
		// its topic is absent gets no partition of the topic created again until kafkajs
		// refreshes its metadata, a known gap (issue 10's note) this test does not cover.
		const groupId = headerGroupId(shown);
		await waitUntilStable(groupId);

		await withAdmin(productionBootstrap(), (admin) => admin.deleteTopics({topics: [topic], timeout: 10_000}));
		const waiting = await term.waitFor(
			(screen) => headerLine(screen, 1).includes('deleted; waiting for it to be created again'),
			15_000,
		);
		expect(headerLine(waiting, 1)).toContain('◌ connecting');
		// Waiting looks again every 2 s; none of those looks creates it.
		await new Promise((resolve) => setTimeout(resolve, 5000));
		expect(await topicExists(topic)).toBe(false);

		await createTopic(topic, 1, {bootstrap: productionBootstrap()});
		kcatProduce(topic, 3, 'new');
		const after = await term.waitFor(
			(screen) => logLines(screen).filter((line) => line.includes('new')).length === 3,
			30_000,
		);
		expect(headerLine(after, 1)).toContain('● live');
		const lines = logLines(after);
		expect(lines.filter((line) => line.includes('old'))).toHaveLength(5);
		expect(lines.filter((line) => / new [012]\b/.test(line))).toHaveLength(3);
		// The mark sits between what the old topic showed and the new records.
		const rows = after.split('\n');
		const markRow = rows.findIndex((row) =>
			row.includes(`topic ${topic} created again: reading from its start`),
		);
		expect(markRow).toBeGreaterThan(rows.findIndex((row) => row.includes('old 4')));
		expect(markRow).toBeLessThan(rows.findIndex((row) => row.includes('new 0')));

		await term.press('q');
		expect(await expectTerminalRestored(term)).toBe(0);
	});
});
