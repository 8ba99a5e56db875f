/**
 * The lag panel (`L`) in a real terminal against the shared broker: two consumer groups that
 * are not ours, made by kcat (librdkafka, from Debian) in balanced-consumer mode (`-G`),
 * which commits what it read when it exits. One then falls 12 records behind; the panel
 * lists both, most lag first, with state, members, lag per partition, and leaves their
 * committed offsets as they were (read-only).
 */
import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {committedOffsets} from '../support/kafka/group-inspect.js';
import {createTopic, produceRecords, testBootstrap} from '../support/kafka/test-kafka.js';
import {klogArgs, shortName, startKlog, terminalPerTest} from '../support/terminal/tui-session.js';

const session = terminalPerTest('lag');

function records(count: number, from: number) {
	return Array.from({length: count}, (_, index) => ({
		partition: (from + index) % 3,
		value: JSON.stringify({service: 'api', level: 'info', message: `order #${from + index} paid`}),
	}));
}

/** kcat in group `group` reads `count` records of `topic` from the start, commits and exits. */
function kcatGroupRead(topic: string, group: string, count: number): void {
	execFileSync(
		'kcat',
		[
			'-b',
			testBootstrap(),
			'-G',
			group,
			'-X',
			'auto.offset.reset=earliest',
			'-c',
			String(count),
			'-q',
			topic,
		],
		{stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000},
	);
}

describe('klog-tui in a real terminal: the consumer lag panel', () => {
	it('L lists the groups that read the topic, with state, members, lag and lag per partition', async () => {
		const topic = shortName('e2e-lag');
		const behind = shortName('billing');
		const caughtUp = shortName('audit');
		await createTopic(topic, 3);
		await produceRecords(topic, records(30, 0));
		kcatGroupRead(topic, behind, 30);
		await produceRecords(topic, records(12, 30));
		kcatGroupRead(topic, caughtUp, 42);
		const before = await committedOffsets(testBootstrap(), behind, topic);

		const {term} = await session.start();
		await startKlog(term, klogArgs(topic, `${shortName('g')}-`));
		await term.press('L');
		const screen = await term.waitFor((text) => text.includes(caughtUp) && text.includes(behind), 20_000);
		const rows = screen.split('\n');
		const behindRow = rows.find((row) => row.includes(behind)) ?? '';
		expect(rows.findIndex((row) => row.includes(behind))).toBeLessThan(
			rows.findIndex((row) => row.includes(caughtUp)),
		);
		// kcat left its group: Empty, no members; 12 behind, 4 on each partition.
		expect(behindRow).toMatch(/▸ \S+ +Empty +0 +12 +\S+ \S+ +0:4 1:4 2:4/);
		expect(rows.find((row) => row.includes(caughtUp))).toMatch(/Empty +0 +0 +\S+ \S+ +0:0 1:0 2:0/);
		expect(screen).toMatch(/Consumer lag .*2 groups/);
		expect(screen).toContain('committed/end:  p0 10/14 lag 4  p1 10/14 lag 4  p2 10/14 lag 4');
		// Our own viewer commits nothing, so it is not among the groups.
		expect(screen).not.toMatch(/^ {2}g-/m);

		await term.press('Escape');
		await term.waitFor((text) => !text.includes('Consumer lag') && text.includes('Logs 42 lines'));
		expect(await committedOffsets(testBootstrap(), behind, topic)).toEqual(before);
	});
});
