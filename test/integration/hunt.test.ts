/**
 * Hunt mode on the shared broker: records produced by kcat (librdkafka), found by plain
 * `--grep --exit` (the filter in the stream worker; a bare id where kcat | grep finds it) and
 * by the TUI's hunt session (no consumer group), each match once with its offset; plain's
 * filtered output is its unfiltered output filtered by the same rule; Esc cancels; `C` reads
 * the records around a match.
 */
import {spawnSync} from 'node:child_process';
import {beforeAll, describe, expect, it} from 'vitest';
import type {LogRecord} from '../../source/record/log-record.js';
import {readContext} from '../../source/session/hunt-context.js';
import {startHunt} from '../../source/session/hunt-session.js';
import {EMPTY_FILTER} from '../../source/store/filter/record-filter.js';
import type {HuntEnd, HuntProgress} from '../../source/stream/hunt-progress.js';
import {ensureBuilt, outputLines, runCli} from '../support/cli/cli-process.js';
import {createTopic, testBootstrap, uniqueName, withAdmin} from '../support/kafka/test-kafka.js';

const PARTITIONS = 3;
const PER_PARTITION = 1500;
const ID = 'req-hunt-42';
/** Offsets (per partition) of the records that carry the hunted request id. */
const HUNTED: Record<number, number[]> = {0: [10, 700], 1: [1499], 2: [0, 333]};
const BASE = Date.parse('2025-03-01T12:00:00Z');
const FILTER_MODULE = new URL('../../source/session/hunt-record-test.ts', import.meta.url).href;

let bootstrap: string;
let topic: string;

/** Line `index` of `partition`: times increase across partitions, so the time order is one order. */
function line(partition: number, index: number): string {
	const id = HUNTED[partition]!.includes(index) ? ID : `req-${partition}-${index}`;
	const message = index % 97 === 5 ? `upstream timeout after retries #${index}` : `request handled #${index}`;
	const timestamp = new Date(BASE + index * PARTITIONS + partition).toISOString();
	return JSON.stringify({timestamp, level: 'info', service: `svc-${partition}`, message, request_id: id});
}

const expectedHunt = () =>
	Object.entries(HUNTED)
		.flatMap(([partition, offsets]) => offsets.map((offset) => `${partition}:${offset}`))
		.sort();

const where = (records: ReadonlyArray<{partition: number; offset: number}>) =>
	records.map((record) => `${record.partition}:${record.offset}`).sort();

beforeAll(async () => {
	ensureBuilt();
	bootstrap = testBootstrap();
	topic = uniqueName('hunt');
	await createTopic(topic, PARTITIONS);
	for (let partition = 0; partition < PARTITIONS; partition++) {
		const input = `${Array.from({length: PER_PARTITION}, (_, index) => line(partition, index)).join('\n')}\n`;
		const produced = spawnSync('kcat', ['-P', '-b', bootstrap, '-t', topic, '-p', String(partition)], {
			input,
		});
		expect(produced.status, produced.stderr?.toString()).toBe(0);
	}
});

const cli = (...extra: string[]) =>
	runCli(['--plain', '--brokers', bootstrap, '--topic', topic, '--from-beginning', '--exit', ...extra]);

describe('plain --grep --exit (the filter in the stream worker)', () => {
	it('finds exactly the records with the id, once each, with their offsets; nothing on a pipe’s stderr', async () => {
		const [hunt, all] = [
			await cli('--grep', `request_id=${ID}`, '--output', 'json'),
			await cli('--output', 'json'),
		];
		expect(hunt.code, hunt.stderr).toBe(0);
		expect(hunt.stderr).toBe('');
		const found = outputLines(hunt).map((text) => JSON.parse(text) as {partition: number; offset: number});
		expect(where(found)).toEqual(expectedHunt());
		// The same bytes as the unfiltered run's lines for those records, in the same order.
		const unfiltered = outputLines(all).filter(
			(text) => (JSON.parse(text) as {value: {request_id: string}}).value.request_id === ID,
		);
		expect(outputLines(hunt)).toEqual(unfiltered);
		expect(outputLines(all)).toHaveLength(PARTITIONS * PER_PARTITION);
	});

	it('finds a bare request id in its JSON field, as kcat | grep does (--since 1h)', async () => {
		const since = ['--plain', '--brokers', bootstrap, '--topic', topic, '--since', '1h', '--exit'];
		const hunt = await runCli([...since, '--grep', ID, '--output', 'json']);
		expect(hunt.code, hunt.stderr).toBe(0);
		const found = outputLines(hunt).map((text) => JSON.parse(text) as {partition: number; offset: number});
		expect(where(found)).toEqual(expectedHunt());
		const kcatArgs = ['-C', '-b', bootstrap, '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%p:%o %s\n'];
		const kcat = spawnSync('kcat', kcatArgs);
		expect(kcat.status, kcat.stderr?.toString()).toBe(0);
		const grepped = kcat.stdout
			.toString()
			.split('\n')
			.filter((text) => text.includes(ID));
		expect(grepped.map((text) => text.split(' ')[0]).sort()).toEqual(expectedHunt());
	});

	it('prints what the unfiltered text output prints, filtered by the same rule', async () => {
		const [filtered, all] = [await cli('--grep', 'timeout'), await cli()];
		expect(filtered.code, filtered.stderr).toBe(0);
		const expected = outputLines(all).filter((text) => /timeout/i.test(text));
		expect(expected).toHaveLength(PARTITIONS * Math.ceil((PER_PARTITION - 5) / 97));
		expect(outputLines(filtered)).toEqual(expected);
	});
});

describe('the TUI’s hunt session', () => {
	// A default group id holds the pid of the process that made it (stream/group-id.ts): other
	// files, run at the same time on the shared broker, make and delete groups of their own.
	const groupsOfThisProcess = () =>
		withAdmin(bootstrap, async (admin) =>
			(await admin.listGroups()).groups
				.map((group) => group.groupId)
				.filter((groupId) => groupId.includes(`-${process.pid}-`))
				.sort(),
		);

	const hunt = (terms: string[], onStart?: (cancel: () => Promise<void>) => void) =>
		new Promise<{outcome: HuntEnd; progress: HuntProgress; matches: LogRecord[]}>((resolve) => {
			let matches: LogRecord[] = [];
			const running = startHunt({
				connection: {brokers: [bootstrap]},
				topics: [topic],
				spec: {...EMPTY_FILTER, terms},
				start: {kind: 'beginning'},
				filterModule: FILTER_MODULE,
				onMatches: (all) => {
					matches = [...all];
				},
				onProgress: () => undefined,
				onEnd: (outcome, progress) => resolve({outcome, progress, matches}),
			});
			onStart?.(running.cancel);
		});

	it('finds each match once with its offset, scans every record, and makes no consumer group', async () => {
		const before = await groupsOfThisProcess();
		const {outcome, progress, matches} = await hunt([`request_id=${ID}`]);
		expect(outcome).toEqual({kind: 'done'});
		expect(where(matches)).toEqual(expectedHunt());
		expect(progress).toMatchObject({
			records: PARTITIONS * PER_PARTITION,
			scanned: PARTITIONS * PER_PARTITION,
			matches: 5,
		});
		expect(progress.total).toBe(PARTITIONS * PER_PARTITION);
		const after = await groupsOfThisProcess();
		expect(after).toEqual(before);
	});

	it('stops when cancelled (Esc) and says so', async () => {
		const {outcome, progress} = await hunt(['nothing-matches-this'], (cancel) => void cancel());
		expect(outcome).toEqual({kind: 'cancelled'});
		expect(progress.matches).toBe(0);
	});

	it('C: reads 20 records on each side of a match, of its partition, fewer at the ends', async () => {
		const middle = await readContext({brokers: [bootstrap]}, {topic, partition: 0, offset: 700});
		expect(middle.map((record) => record.offset)).toEqual(
			Array.from({length: 41}, (_, index) => 680 + index),
		);
		expect(middle.every((record) => record.partition === 0)).toBe(true);
		expect(middle[20]!.value).toContain(ID);
		const first = await readContext({brokers: [bootstrap]}, {topic, partition: 2, offset: 0});
		expect(first.map((record) => record.offset)).toEqual(Array.from({length: 21}, (_, index) => index));
		const last = await readContext({brokers: [bootstrap]}, {topic, partition: 1, offset: 1499});
		expect(last.map((record) => record.offset)).toEqual(Array.from({length: 21}, (_, index) => 1479 + index));
	});
});
