/**
 * Issue 15's hunt, cancelled, in a real terminal (tmux): a hunt from the beginning shows its
 * progress per partition (scanned of total, records/s, ETA) while it runs, and Esc cancels it.
 *
 * A hunt scans hundreds of thousands of records a second now, so on the shared broker a
 * history short enough to write in a test was over before the screen could show it. This
 * file's own broker reads slowly the way production clusters do: a client quota
 * (consumer_byte_rate, set with Kafka's own ConfigCommand) throttles the fetches, so the hunt
 * lasts tens of seconds whatever the machine's speed.
 */
import {execFileSync} from 'node:child_process';
import {beforeAll, describe, expect, it} from 'vitest';
import {findJava} from '../../tools/kafka/kafka-jars.js';
import {kcatProduce} from '../support/kafka/codec-producers.js';
import {kafkaToolsClasspath} from '../support/kafka/java-console-consumer.js';
import {createTopic, ownKafka} from '../support/kafka/test-kafka.js';
import {expectHuntLayout} from '../support/terminal/hunt-screen.js';
import {EXIT_LINE, shortName, startKlog, terminalPerTest} from '../support/terminal/tui-session.js';

const kafka = ownKafka();
const session = terminalPerTest('hunt-cancel');
const PARTITIONS = 3;
/** ~200 B each: 6 MB in all. */
const RECORDS = 10_000;
/**
 * Kafka measures a client's rate over its quota window (11 samples of 1 s), so a fresh client
 * reads about ten seconds' worth at once before it is throttled: at 500 kB/s that was 5 of the
 * 6 MB, and a hunt sometimes ended before the screen showed it. At 100 kB/s the first ~1 MB
 * comes at once, the rest at 100 kB/s (about 50 s, far more than the test needs).
 */
const BYTES_PER_SECOND = 100_000;

let topic: string;

beforeAll(async () => {
	topic = shortName('e2e-hunt-cancel');
	await createTopic(topic, PARTITIONS, {bootstrap: kafka().bootstrap});
	await Promise.all(
		Array.from({length: PARTITIONS}, (_, partition) =>
			kcatProduce(
				kafka().bootstrap,
				topic,
				'none',
				Array.from({length: RECORDS}, (_, offset) =>
					JSON.stringify({
						level: 'info',
						service: `svc-${partition}`,
						message: `request handled: record ${offset} of partition ${partition}, ${'x'.repeat(100)}`,
						request_id: `req-${partition}-${offset}`,
					}),
				),
				partition,
			),
		),
	);
	// Every client of this broker (klog-tui's id is one of them) is throttled from now on.
	const configCommand = (...args: string[]) =>
		execFileSync(
			findJava(),
			[
				'-cp',
				kafkaToolsClasspath(),
				'org.apache.kafka.tools.ConfigCommand',
				'--bootstrap-server',
				kafka().bootstrap,
				'--entity-type',
				'clients',
				'--entity-default',
				...args,
			],
			{encoding: 'utf8', stdio: 'pipe'},
		);
	configCommand('--alter', '--add-config', `consumer_byte_rate=${BYTES_PER_SECOND}`);
	// The broker applies it from its metadata a moment later; it answers with it once it has.
	for (let tries = 0; !configCommand('--describe').includes('consumer_byte_rate'); tries++) {
		if (tries >= 20) throw new Error('the broker never showed the client quota');
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}, 120_000);

describe('klog-tui in a real terminal: a long hunt', () => {
	it('shows its progress per partition while it runs, and Esc cancels it', async () => {
		const {term} = await session.start();
		await startKlog(term, ['-b', kafka().bootstrap, '-t', topic, '--group-prefix', `${shortName('g')}-`]);

		const line = 'request_id=nowhere @beginning';
		await term.press('H');
		await term.waitFor((screen) => screen.includes(' hunt H '));
		await term.press(line);
		await term.waitFor((screen) => screen.includes(`${line}   Enter hunts from the beginning`));
		await term.press('Enter');

		const all = PARTITIONS * RECORDS;
		// Some records scanned, the hunt still going. (The totals may still be settling: a
		// partition's first throttled fetch can come seconds after another's.)
		let screen = await term.waitFor((text) => {
			const progress =
				/scanned ([\d,]+) of ([\d,]+) \(\d+%\),(?: [\d.]+k?\/s,)?(?: ETA \S+,)? 0 matches/.exec(text);
			return (
				progress !== null &&
				Number(progress[1]!.replaceAll(',', '')) > 0 &&
				text.includes('hunting (Esc cancels)')
			);
		}, 30_000);
		// A row per partition read or told of: scanned of its total, the share, rate and ETA once
		// known, matches.
		const partitionRows = screen.split('\n').filter((row) => row.includes(`${topic}[`));
		expect(partitionRows.length).toBeGreaterThan(0);
		for (const row of partitionRows)
			expect(row).toMatch(
				new RegExp(`${topic}\\[\\d\\] +[\\d,]+/[\\d,]+ +\\d+%(?: +[\\d.]+k?/s)?(?: +ETA \\S+)? +0 matches$`),
			);
		expectHuntLayout(screen, 120);

		await term.press('Escape');
		screen = await term.waitFor((text) => text.includes(' Hunt  cancelled'));
		const scanned = Number(/scanned ([\d,]+) of/.exec(screen)![1]!.replaceAll(',', ''));
		expect(scanned).toBeGreaterThan(0);
		expect(scanned).toBeLessThan(all);
		// Once ended, no rate or ETA that would suggest it is still going.
		expect(screen).not.toMatch(/ETA/);

		await term.press('Escape');
		await term.waitFor((text) => text.includes(' Logs ') && !text.includes(' Hunt '));
		await term.press('q');
		const end = await term.waitFor(new RegExp(`${EXIT_LINE}\\d+`), 20_000);
		expect(end).toContain(`${EXIT_LINE}0`);
	}, 90_000);
});
