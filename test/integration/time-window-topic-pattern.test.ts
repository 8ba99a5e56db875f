/**
 * `--until` and `-t '/regex/'` against the shared broker, through the built CLI.
 * The window: records with Kafka timestamps set by the producer (kafkajs' `timestamp`; kcat and
 * Kafka's console producer cannot set one), some out of time order, read by plain
 * `--output json` and compared with kcat's own `-o s@T1 -o e@T2 -e` reading of the same topic.
 * The pattern: the CLI starts before any topic matches, then reads a topic created while it
 * waits and one created after it started reading, and never one that does not match.
 */
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, outputLines, runCli, spawnCli} from '../support/cli/cli-process.js';
import {createTopic, produceRecords, testBootstrap, uniqueName} from '../support/kafka/test-kafka.js';

const run = promisify(execFile);
const PARTITIONS = 3;
const COUNT = 240;
const STEP_MS = 1000;

type JsonLine = {topic: string; partition: number; offset: number; kafkaTime: string; message: string};

let bootstrap: string;
let windowTopic: string;
/** Recent (retention keeps them), whole seconds; the window is records 80-159 by time. */
const base = Math.floor(Date.now() / 1000) * 1000 - 20 * 60_000;
const since = base + 80 * STEP_MS;
const until = base + 160 * STEP_MS;

beforeAll(async () => {
	ensureBuilt();
	bootstrap = testBootstrap();
	windowTopic = uniqueName('window');
	await createTopic(windowTopic, PARTITIONS);
	await produceRecords(
		windowTopic,
		Array.from({length: COUNT}, (_, index) => ({
			partition: index % PARTITIONS,
			// Every 7th record is a minute late by its timestamp (a producer's clock, a retried send):
			// the window ends at an offset, as kcat's does, not at each record's time.
			timestamp: String(base + index * STEP_MS - (index % 7 === 0 ? 60_000 : 0)),
			value: JSON.stringify({level: 'info', service: 'api', message: `record ${index}`}),
		})),
		{bootstrap},
	);
}, 60_000);

/** `partition/offset` of each record kcat reads in the window, sorted. */
async function kcatWindow(topic: string): Promise<string[]> {
	const {stdout} = await run(
		'kcat',
		['-C', '-b', bootstrap, '-t', topic, '-o', `s@${since}`, '-o', `e@${until}`, '-e', '-q', '-f', '%p/%o\n'],
		{timeout: 30_000},
	);
	return stdout.split('\n').filter(Boolean).sort();
}

describe('--since T1 --until T2', () => {
	it('prints every record of the window once, the records kcat -o s@T1 -o e@T2 reads', async () => {
		const [expected, windowed, withoutGroup] = await Promise.all([
			kcatWindow(windowTopic),
			runCli(
				['--output', 'json', '--exit', '-b', bootstrap, '-t', windowTopic].concat([
					'--since',
					new Date(since).toISOString(),
					'--until',
					new Date(until).toISOString(),
				]),
			),
			// No --exit: plain output ends at the window's end by itself.
			runCli([
				'--output',
				'json',
				'--without-group',
				'-b',
				bootstrap,
				'-t',
				windowTopic,
				'--since',
				new Date(since).toISOString(),
				'--until',
				new Date(until).toISOString(),
			]),
		]);
		// The out-of-order records make the window more than a time filter: some inside are
		// older than T1 by time, some after the end are inside it by time.
		expect(expected.length).toBeGreaterThan(60);
		for (const result of [windowed, withoutGroup]) {
			expect(result.stderr).toBe('');
			expect(result.code).toBe(0);
			const records = outputLines(result).map((line) => JSON.parse(line) as JsonLine);
			const where = records.map((record) => `${record.partition}/${record.offset}`);
			expect(new Set(where).size).toBe(where.length);
			expect(where.sort()).toEqual(expected);
		}
	});

	it('refuses --until before --since in one line, exit 2, before connecting', async () => {
		const result = await runCli(['-b', bootstrap, '-t', windowTopic, '--since', '5m', '--until', '10m']);
		expect(result.code).toBe(2);
		expect(result.stderr.split('\n')[0]).toBe(
			"klog-tui: --until '10m' is not after --since: the window would be empty",
		);
	});
});

describe("-t '/regex/'", () => {
	it('waits for a matching topic, then reads every one that matches, also one created later', async () => {
		const prefix = uniqueName('rx');
		const child = spawnCli(['--output', 'json', '--from-beginning', '-b', bootstrap, '-t', `/^${prefix}-/`]);
		let stdout = '';
		let stderr = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			stdout += chunk.toString('utf8');
		});
		child.stderr!.on('data', (chunk: Buffer) => {
			stderr += chunk.toString('utf8');
		});
		const waitFor = async (what: () => boolean, label: string) => {
			const deadline = Date.now() + 20_000;
			while (!what()) {
				if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}\n${stderr}`);
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		};
		const lines = () =>
			stdout
				.split('\n')
				.filter(Boolean)
				.map((line) => JSON.parse(line) as JsonLine);
		const produce = async (topic: string) => {
			await createTopic(topic, 2);
			await produceRecords(
				topic,
				Array.from({length: 10}, (_, index) => ({
					value: JSON.stringify({level: 'info', service: 'api', message: `${topic} ${index}`}),
					partition: index % 2,
				})),
				{bootstrap},
			);
		};
		try {
			await waitFor(() => stderr.includes('no topic matches'), 'the no-match line');
			expect(stderr.split('\n')[0]).toBe(`klog-tui: no topic matches /^${prefix}-/ on ${bootstrap}`);
			await produce(`other-${prefix}-first`);
			await produce(`${prefix}-first`);
			await waitFor(() => lines().length >= 10, 'the first topic');
			await produce(`${prefix}-later`);
			await waitFor(() => lines().length >= 20, 'the topic created later');
			expect(stderr).toContain(
				`topic '${prefix}-later' matches the topic pattern; reading it from its start`,
			);
		} finally {
			child.kill('SIGTERM');
			await new Promise((resolve) => child.once('close', resolve));
		}
		const records = lines();
		expect(records).toHaveLength(20);
		const where = new Set(records.map((record) => `${record.topic}/${record.partition}/${record.offset}`));
		expect(where.size).toBe(20);
		for (const topic of [`${prefix}-first`, `${prefix}-later`]) {
			const mine = records.filter((record) => record.topic === topic).map((record) => record.message);
			expect(mine.sort()).toEqual(Array.from({length: 10}, (_, index) => `${topic} ${index}`).sort());
		}
	});
});
