/**
 * Plain `--exit` reads straight from the partition leaders, as kcat -e does: no consumer group
 * is ever created (none listed while or after it runs, and no group record of its prefix in
 * `__consumer_offsets`, where the coordinator writes every group it forms and the tombstone of
 * every group deleted), whatever the start and output; each record once, every partition to
 * its end. `--group` still joins. On the shared broker, with kcat as the producer.
 */
import {spawnSync} from 'node:child_process';
import {beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, outputLines, runCli} from '../support/cli/cli-process.js';
import {createTopic, testBootstrap, uniqueName, withAdmin} from '../support/kafka/test-kafka.js';

const PARTITIONS = 3;
/** ~300 KB per partition: more than one fetch round (128 KB a partition), so a group would form. */
const PER_PARTITION = 1500;

let bootstrap: string;
let topic: string;

/** One record in each partition (the 42nd) says `needle`: a hunt finds three. */
const message = (partition: number, index: number) =>
	`record ${partition}-${index}${index === 42 ? ' needle' : ''}`;

beforeAll(async () => {
	ensureBuilt();
	bootstrap = testBootstrap();
	topic = uniqueName('exit-no-group');
	await createTopic(topic, PARTITIONS);
	const padding = 'x'.repeat(120);
	for (let partition = 0; partition < PARTITIONS; partition++) {
		const lines = Array.from({length: PER_PARTITION}, (_, index) =>
			JSON.stringify({
				level: 'info',
				service: `svc-${partition}`,
				message: message(partition, index),
				padding,
			}),
		);
		const produced = spawnSync('kcat', ['-P', '-b', bootstrap, '-t', topic, '-p', String(partition)], {
			input: `${lines.join('\n')}\n`,
		});
		expect(produced.status, produced.stderr?.toString()).toBe(0);
	}
});

/** Group ids that start with `prefix`, as ListGroups sees them now. */
const groupsWith = (prefix: string) =>
	withAdmin(bootstrap, async (admin) =>
		(await admin.listGroups()).groups.map((group) => group.groupId).filter((id) => id.startsWith(prefix)),
	);

/** Whether the coordinator ever wrote a record for a group whose id holds `text` (the keys hold the id). */
function everInConsumerOffsets(text: string): boolean {
	const read = spawnSync(
		'kcat',
		['-C', '-b', bootstrap, '-t', '__consumer_offsets', '-o', 'beginning', '-e', '-q', '-f', '%k\n'],
		{maxBuffer: 256 * 1024 * 1024},
	);
	expect(read.status, read.stderr?.toString()).toBe(0);
	return read.stdout.includes(text);
}

/** Runs the CLI and lists the groups of `prefix` every 50 ms meanwhile; what the listings saw. */
async function runWatchingGroups(prefix: string, args: string[]) {
	const seen = new Set<string>();
	let running = true;
	const watching = (async () => {
		while (running) {
			for (const id of await groupsWith(prefix)) seen.add(id);
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	})();
	const run = await runCli(['--plain', '--brokers', bootstrap, '--topic', topic, '--exit', ...args]);
	running = false;
	await watching;
	return {run, seen: [...seen]};
}

const everyRecord = () =>
	Array.from({length: PARTITIONS}, (_, partition) =>
		Array.from({length: PER_PARTITION}, (_, index) => `${partition}:${index}`),
	)
		.flat()
		.sort();

describe('plain --exit without --group', () => {
	it('creates no consumer group, from any start, text or JSON, and prints each record once', async () => {
		const prefix = `${uniqueName('klog-exit')}-`;
		const before = await groupsWith(prefix);
		const json = await runWatchingGroups(prefix, [
			'--group-prefix',
			prefix,
			'--from-beginning',
			'-o',
			'json',
		]);
		const text = await runWatchingGroups(prefix, ['--group-prefix', prefix, '--since', '1h']);
		const tail = await runWatchingGroups(prefix, ['--group-prefix', prefix, '--tail', '30', '-o', 'json']);
		const hunt = await runWatchingGroups(prefix, [
			'--group-prefix',
			prefix,
			'--from-beginning',
			'--grep',
			'needle',
		]);
		for (const {run} of [json, text, tail, hunt]) {
			expect(run.code, run.stderr).toBe(0);
			expect(run.stderr).toBe('');
		}

		const where = outputLines(json.run).map((line) => {
			const record = JSON.parse(line) as {partition: number; offset: number};
			return `${record.partition}:${record.offset}`;
		});
		expect(where.sort()).toEqual(everyRecord());
		const messages = outputLines(text.run).map((line) => /record (\d+-\d+)/.exec(line)?.[1]);
		expect(new Set(messages).size).toBe(PARTITIONS * PER_PARTITION);
		expect(messages).toHaveLength(PARTITIONS * PER_PARTITION);
		// The last 30 spread over the partitions: the 10 last of each.
		const tailed = outputLines(tail.run).map((line) => (JSON.parse(line) as {offset: number}).offset);
		expect(tailed).toHaveLength(30);
		expect(Math.min(...tailed)).toBe(PER_PARTITION - 10);
		expect(outputLines(hunt.run)).toHaveLength(PARTITIONS);

		for (const {seen} of [json, text, tail, hunt]) expect(seen).toEqual([]);
		expect(await groupsWith(prefix)).toEqual(before);
		expect(everInConsumerOffsets(prefix)).toBe(false);
	});

	it('--group still joins that group (and, new, deletes it on exit), each record once', async () => {
		const group = uniqueName('klog-exit-named');
		const {run, seen} = await runWatchingGroups(group, ['--group', group, '--from-beginning', '-o', 'json']);
		expect(run.code, run.stderr).toBe(0);
		const where = outputLines(run).map((line) => {
			const record = JSON.parse(line) as {partition: number; offset: number};
			return `${record.partition}:${record.offset}`;
		});
		expect(where.sort()).toEqual(everyRecord());
		// Joined: the coordinator wrote it (and its tombstone); gone once the run ended.
		expect(everInConsumerOffsets(group)).toBe(true);
		expect(seen.length === 0 || seen[0] === group).toBe(true);
		expect(await groupsWith(group)).toEqual([]);
	});
});
