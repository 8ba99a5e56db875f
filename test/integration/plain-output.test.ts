/**
 * Plain output end to end: records produced to a real broker, read back by the built CLI
 * (`node dist/cli.js --plain ... --exit`), checked on the bytes it wrote.
 */
import {readFileSync} from 'node:fs';
import {beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, outputLines, runCli, spawnCli} from '../support/cli/cli-process.js';
import {
	createTopic,
	produceRecords,
	type TestRecord,
	testBootstrap,
	uniqueName,
	withAdmin,
} from '../support/kafka/test-kafka.js';
import {assertTerminalSafe, HOSTILE_CASES, hostileRawRecords} from '../support/records/hostile-corpus.js';
import {LEVEL_ORDER, type ProducedLog, sixServiceLogs} from '../support/records/six-service-logs.js';

const TOTAL = 30_000;
const PARTITIONS = 3;

type JsonLine = {
	topic: string;
	partition: number;
	offset: number;
	service: string;
	level: string;
	message: string;
	key: string | null;
	headers: Record<string, string>;
};

let bootstrap: string;
let topic: string;
let logs: ProducedLog[];
/** Records per partition (the high watermarks after producing). */
let ends: number[];

function readArgs(...extra: string[]): string[] {
	return ['--brokers', bootstrap, '--topic', topic, '--from-beginning', '--exit', ...extra];
}

async function groupsWithPrefix(prefix: string): Promise<string[]> {
	return withAdmin(bootstrap, async (admin) => {
		const {groups} = await admin.listGroups();
		return groups.map((group) => group.groupId).filter((id) => id.startsWith(prefix));
	});
}

/** Each (partition, offset) of the topic exactly once, right service and level, counts per service. */
function checkEveryRecordOnce(lines: readonly string[]): void {
	const records = lines.map((line) => JSON.parse(line) as JsonLine);
	const seen = new Set<string>();
	for (const record of records) {
		const where = `${record.partition}:${record.offset}`;
		expect(seen.has(where), `duplicate ${where}`).toBe(false);
		seen.add(where);
	}
	expect(records.length).toBe(TOTAL);
	for (let partition = 0; partition < PARTITIONS; partition++) {
		for (let offset = 0; offset < ends[partition]!; offset++) {
			if (!seen.has(`${partition}:${offset}`)) throw new Error(`missing ${partition}:${offset}`);
		}
	}
	const byId = new Map(logs.map((log) => [String(log.id), log]));
	const counted = new Map<string, number>();
	let normal = 0;
	for (const record of records) {
		const id = record.headers['test-id'];
		if (id === undefined) continue;
		const log = byId.get(id)!;
		expect(record.service, `service of ${log.shape} record ${id}`).toBe(log.service);
		expect(record.level, `level of ${log.shape} record ${id}`).toBe(log.level);
		counted.set(record.service, (counted.get(record.service) ?? 0) + 1);
		normal++;
	}
	expect(normal).toBe(logs.length);
	const expected = new Map<string, number>();
	for (const log of logs) expected.set(log.service, (expected.get(log.service) ?? 0) + 1);
	expect(Object.fromEntries(counted)).toEqual(Object.fromEntries(expected));
}

beforeAll(async () => {
	ensureBuilt();
	bootstrap = testBootstrap();
	topic = uniqueName('plain-output');
	// The corpus holds 1 MB values: allow them on this topic (the broker default is 1 MiB per batch).
	await createTopic(topic, PARTITIONS, {configs: {'max.message.bytes': String(4 * 1024 * 1024)}});
	logs = sixServiceLogs(TOTAL - HOSTILE_CASES.length);
	const records: TestRecord[] = logs.map((log) => ({
		key: log.key,
		value: log.value,
		partition: log.id % PARTITIONS,
		headers: {'test-id': String(log.id)},
	}));
	const hostile: TestRecord[] = hostileRawRecords(topic).map((raw, index) => ({
		key: raw.key,
		value: raw.value,
		partition: index % PARTITIONS,
		headers: Object.fromEntries(
			Object.entries(raw.headers ?? {}).map(([name, value]) => [
				name,
				String(Array.isArray(value) ? value[0] : value),
			]),
		),
	}));
	// Hostile records first, one by one (1 MB each), then the rest in batches.
	for (const record of hostile) await produceRecords(topic, [record], {bootstrap});
	await produceRecords(topic, records, {bootstrap});
	ends = await withAdmin(bootstrap, async (admin) => {
		const offsets = await admin.fetchTopicOffsets(topic);
		return offsets.sort((a, b) => a.partition - b.partition).map((entry) => Number(entry.high));
	});
	expect(ends.reduce((sum, end) => sum + end, 0)).toBe(TOTAL);
}, 180_000);

describe('--plain --output json --from-beginning --exit', () => {
	it('prints every record once with its service and level, in two runs at once, and leaves no group', async () => {
		const prefix = `${uniqueName('klog-it')}-`;
		const [first, second] = await Promise.all([
			runCli(readArgs('--plain', '--output', 'json', '--group-prefix', prefix)),
			runCli(readArgs('--plain', '--output', 'json', '--group-prefix', prefix)),
		]);
		for (const run of [first, second]) {
			expect(run.stderr).toBe('');
			expect(run.code).toBe(0);
			checkEveryRecordOnce(outputLines(run));
			assertTerminalSafe(run.stdout, {allowNewlines: true});
		}
		process.stderr.write(
			`[plain-output] two parallel --exit runs of ${TOTAL} records: ${first.ms} ms, ${second.ms} ms\n`,
		);
		expect(await groupsWithPrefix(prefix)).toEqual([]);
	});
});

describe('a slow reader', () => {
	it('holds the fetching instead of buffering the topic in memory, and still prints everything', async () => {
		// ~40 MB of 16 KB records: many fetches, far more than one fetch's worth of output.
		const bigTopic = uniqueName('plain-backpressure');
		const count = 2500;
		// The test producer sends 500 records per batch: 8 MB here.
		await createTopic(bigTopic, 1, {configs: {'max.message.bytes': String(16 * 1024 * 1024)}});
		const filler = 'x'.repeat(16_000);
		await produceRecords(
			bigTopic,
			Array.from({length: count}, (_, id) => ({
				key: 'bulk',
				value: JSON.stringify({message: `record ${id} ${filler}`, service: 'bulk', level: 'info'}),
			})),
			{bootstrap},
		);
		const group = uniqueName('klog-bp');
		const child = spawnCli([
			'--brokers',
			bootstrap,
			'--topic',
			bigTopic,
			'--from-beginning',
			'--exit',
			'--output',
			'json',
			'--group',
			group,
			'--commit',
		]);
		child.stdout!.pause();
		// Nobody reads: the pipe fills, write() says so, and the CLI must stop fetching. Wait
		// for the first batch to be consumed (a slow machine joins the group slowly), then give
		// an unthrottled reader ample time to take the rest (it needs well under a second).
		const deadline = Date.now() + 60_000;
		while ((await committedRecords(group, bigTopic)) === 0 && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		await new Promise((resolve) => setTimeout(resolve, 3000));
		const rssWhilePaused = rssKb(child.pid!);
		const consumedWhilePaused = await committedRecords(group, bigTopic);
		const chunks: Buffer[] = [];
		child.stdout!.on('data', (chunk: Buffer) => chunks.push(chunk));
		child.stdout!.resume();
		const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
		expect(code).toBe(0);
		const output = Buffer.concat(chunks);
		const offsets = output
			.toString('utf8')
			.replace(/\n$/, '')
			.split('\n')
			.map((line) => (JSON.parse(line) as JsonLine).offset);
		expect(offsets).toEqual(Array.from({length: count}, (_, offset) => offset));
		// The commits are real (all of it once done), so the paused figure is meaningful.
		expect(await committedRecords(group, bigTopic)).toBe(count);
		expect(consumedWhilePaused).toBeLessThan(count * 0.6);
		expect(rssWhilePaused).toBeLessThan(250 * 1024);
		process.stderr.write(
			`[plain-output] slow reader: ${Math.round(output.length / 1e6)} MB of output; while paused ` +
				`${consumedWhilePaused}/${count} records consumed, RSS ${Math.round(rssWhilePaused / 1024)} MB\n`,
		);
		await withAdmin(bootstrap, (admin) => admin.deleteGroups([group]));
	});
});

describe('plain text output', () => {
	it('writes no control byte of the corpus (no colour when not a terminal)', async () => {
		const run = await runCli(readArgs('--plain'));
		expect(run.code).toBe(0);
		expect(outputLines(run)).toHaveLength(TOTAL);
		const bytes = run.stdout;
		for (let index = 0; index < bytes.length; index++) {
			const byte = bytes[index]!;
			const control = (byte <= 0x08 || (byte >= 0x0b && byte <= 0x1f) || byte === 0x7f) && byte !== 0x0a;
			if (control) throw new Error(`control byte 0x${byte.toString(16)} at ${index}`);
			if (byte === 0xc2 && bytes[index + 1]! >= 0x80 && bytes[index + 1]! <= 0x9f) {
				throw new Error(`C1 control at ${index}`);
			}
		}
		assertTerminalSafe(bytes, {allowNewlines: true});
	});

	it('colours only when forced, and then writes only SGR sequences; NO_COLOR wins', async () => {
		const forced = await runCli(readArgs('--plain', '--level', 'error'), {env: {FORCE_COLOR: '1'}});
		expect(forced.code).toBe(0);
		expect(forced.stdout.includes('\u001b[')).toBe(true);
		assertTerminalSafe(forced.stdout, {allowNewlines: true, allowSgr: true});
		const noColour = await runCli(readArgs('--plain', '--level', 'error'), {
			env: {FORCE_COLOR: '1', NO_COLOR: '1'},
		});
		expect(noColour.code).toBe(0);
		expect(noColour.stdout.includes(0x1b)).toBe(false);
		expect(outputLines(noColour)).toHaveLength(outputLines(forced).length);
	});
});

describe('flag filters', () => {
	it('--service, --level and --grep keep what the store filter keeps', async () => {
		const run = await runCli(
			readArgs(
				'--output',
				'json',
				'--service',
				'api',
				'--service',
				'auth',
				'--level',
				'warn',
				'--grep',
				'!refused',
			),
		);
		expect(run.code).toBe(0);
		const got = outputLines(run).map((line) => JSON.parse(line) as JsonLine);
		const rank = (level: string) => LEVEL_ORDER.indexOf(level);
		// Corpus records may pass too (if they name api or auth); they must match the filter all the same.
		for (const record of got) {
			expect(['api', 'auth']).toContain(record.service);
			expect(rank(record.level)).toBeGreaterThanOrEqual(rank('warn'));
		}
		const expected = logs.filter(
			(log) =>
				(log.service === 'api' || log.service === 'auth') &&
				rank(log.level) >= rank('warn') &&
				!log.message.toLowerCase().includes('refused'),
		);
		expect(expected.length).toBeGreaterThan(100);
		const ids = got.flatMap((record) =>
			record.headers['test-id'] === undefined ? [] : [record.headers['test-id']],
		);
		expect(ids.sort()).toEqual(expected.map((log) => String(log.id)).sort());
	});
});

describe('the reader going away', () => {
	it('exits quietly with 0 on EPIPE (piped into head) and leaves its group', async () => {
		const prefix = `${uniqueName('klog-epipe')}-`;
		const child = spawnCli(readArgs('--plain', '--group-prefix', prefix));
		let stderr = '';
		child.stderr!.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		const firstLine = await new Promise<string>((resolve) => {
			child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().split('\n')[0]!));
		});
		expect(firstLine.length).toBeGreaterThan(0);
		child.stdout!.destroy();
		const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
		expect(code).toBe(0);
		expect(stderr).toBe('');
		expect(await groupsWithPrefix(prefix)).toEqual([]);
	});
});

/** Records the group has committed on a topic (sum over partitions; none = 0). */
async function committedRecords(group: string, onTopic: string): Promise<number> {
	return withAdmin(bootstrap, async (admin) => {
		const [entry] = await admin.fetchOffsets({groupId: group, topics: [onTopic]});
		return (entry?.partitions ?? []).reduce(
			(sum, partition) => sum + Math.max(0, Number(partition.offset)),
			0,
		);
	});
}

/** VmRSS of a process in kB (Linux /proc, like the rest of the suite's harness). */
function rssKb(pid: number): number {
	return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
}
