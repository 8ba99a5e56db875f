/**
 * Reading straight from the partition leaders (issue 10, items 3 and 4), on the broker with
 * Kafka's production defaults (a new group waits 3 s for its first assignment): the start
 * window is read while our group forms and handed over to the group exactly (every
 * (partition, offset) once, none missing) while kcat keeps producing, and `--without-group`
 * (and plain `--exit`) reads everything without ever creating a group. Timings are measured in `npm run bench`,
 * never asserted here.
 */
import {type ChildProcess, spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {createLogStream, createWorkerLogStream} from '../../source/kafka.js';
import type {LogRecord, RawRecord} from '../../source/record/log-record.js';
import {ensureBuilt, spawnCli} from '../support/cli/cli-process.js';
import {
	type LogStreamFactory,
	stopOpenStreams,
	waitUntil,
	watchStream,
} from '../support/kafka/kafka-stream-helpers.js';
import {createTopic, productionBootstrap, uniqueName, withAdmin} from '../support/kafka/test-kafka.js';

afterEach(stopOpenStreams);
beforeAll(() => ensureBuilt(), 120_000);

/** Producers still running (stopped after each test, also when it failed). */
const producers = new Set<ChildProcess>();
afterEach(async () => {
	for (const producer of producers) await stopProducer(producer);
});

/**
 * kcat producing JSON lines to `topic` without pause (about 2 500 a second, keys none, so
 * librdkafka spreads them over the partitions) until {@link stopProducer}.
 */
function startProducer(bootstrap: string, topic: string): ChildProcess {
	const script = `i=0; while :; do j=0; while [ $j -lt 50 ]; do echo "{\\"service\\":\\"api\\",\\"message\\":\\"n $i\\"}"; i=$((i+1)); j=$((j+1)); done; sleep 0.02; done | kcat -P -b ${bootstrap} -t ${topic} -X linger.ms=5`;
	const child = spawn('sh', ['-c', script], {detached: true, stdio: 'ignore'});
	producers.add(child);
	return child;
}

/** Stop the producer's shell and kcat (its own process group) and wait for them to go. */
async function stopProducer(child: ChildProcess): Promise<void> {
	producers.delete(child);
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	process.kill(-child.pid!, 'SIGTERM');
	await exited;
}

/** Fill `topic` with `count` JSON lines through kcat (in one go, fast). */
function fillWithKcat(bootstrap: string, topic: string, count: number): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(
			'sh',
			[
				'-c',
				`seq 1 ${count} | awk '{print "{\\"service\\":\\"api\\",\\"message\\":\\"pre " $1 "\\"}"}' | kcat -P -b ${bootstrap} -t ${topic}`,
			],
			{stdio: 'ignore'},
		);
		child.on('error', reject);
		child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`kcat exited with ${code}`))));
	});
}

/** The end offset (`high`) and start (`low`) of each partition, now. */
async function partitionEnds(bootstrap: string, topic: string) {
	return withAdmin(bootstrap, async (admin) =>
		(await admin.fetchTopicOffsets(topic)).map((entry) => ({
			partition: entry.partition,
			low: Number(entry.low),
			high: Number(entry.high),
		})),
	);
}

/** Per partition: how often each offset was seen. Fails on a duplicate; returns the offsets. */
function offsetsByPartition(records: readonly {partition: number; offset: number}[]): Map<number, number[]> {
	const seen = new Map<number, Set<number>>();
	for (const {partition, offset} of records) {
		const set = seen.get(partition) ?? new Set<number>();
		expect(set.has(offset), `partition ${partition} offset ${offset} seen twice`).toBe(false);
		set.add(offset);
		seen.set(partition, set);
	}
	return new Map([...seen].map(([partition, set]) => [partition, [...set].sort((a, b) => a - b)]));
}

/** Offsets `from..to-1` (what an exact reading of a partition gives). */
const range = (from: number, to: number) =>
	Array.from({length: Math.max(0, to - from)}, (_, index) => from + index);

/** A fresh 3-partition topic on the production-defaults broker, `count` records in it. */
async function filledTopic(prefix: string, count: number) {
	const bootstrap = productionBootstrap();
	const topic = uniqueName(prefix);
	await createTopic(topic, 3, {bootstrap});
	await fillWithKcat(bootstrap, topic, count);
	return {bootstrap, topic};
}

/** Wait for a CLI run to end; its stdout as text (collected from when this is called) and stderr. */
async function finished(child: ChildProcess) {
	const out: Buffer[] = [];
	let stderr = '';
	child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
	child.stderr!.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	const code = await new Promise<number | null>((resolve) =>
		child.on('close', (exitCode) => resolve(exitCode)),
	);
	return {code, stdout: Buffer.concat(out).toString('utf8'), stderr};
}

/**
 * JSON lines read from offset 0 of each partition, each once and without a gap, and at least
 * up to the end offsets seen before the run (`before`).
 */
function expectExactFromStart(stdout: string, before: readonly {partition: number; high: number}[]): void {
	const lines = stdout.trim().split('\n');
	const seen = offsetsByPartition(
		lines.map((line) => JSON.parse(line) as {partition: number; offset: number}),
	);
	for (const end of before) {
		const offsets = seen.get(end.partition) ?? [];
		expect(offsets.length).toBeGreaterThanOrEqual(end.high);
		expect(offsets).toEqual(range(0, offsets.length));
	}
}

/** The group as the broker describes it now. */
async function describeGroup(bootstrap: string, groupId: string) {
	return withAdmin(bootstrap, async (admin) => (await admin.describeGroups([groupId])).groups[0]!);
}

/** The worker stream, with records seen as offsets (all these tests check). */
const workerStream: LogStreamFactory = (options) =>
	createWorkerLogStream({
		...options,
		onRecords: (records: LogRecord[], behind) =>
			options.onRecords(
				records.map((record) => ({...record, timestamp: 0}) as unknown as RawRecord),
				behind,
			),
	});

describe.each([
	['in this thread', createLogStream],
	['in a worker thread', workerStream],
] as [string, LogStreamFactory][])('start window read while the group forms, %s', (_where, create) => {
	it('hands over to the group exactly while kcat keeps producing: every offset once, none missing', async () => {
		const bootstrap = productionBootstrap();
		const topic = uniqueName('handover');
		await createTopic(topic, 3, {bootstrap});
		await fillWithKcat(bootstrap, topic, 3000);
		const producer = startProducer(bootstrap, topic);
		const watched = watchStream([topic], {kind: 'beginning'}, {brokers: [bootstrap]}, create);
		// start() resolves once the group runs, 3 s from now on this broker: not awaited yet.
		const starting = watched.stream.start();
		// Records flow before the group has its partitions (it waits 3 s on this broker)...
		await waitUntil('records read directly', () => watched.records.length > 0, 20_000);
		const joined = await describeGroup(bootstrap, watched.groupId);
		expect(joined.members.length === 0 || joined.state !== 'Stable').toBe(true);
		// ...then the group forms with us as its one member, while records keep coming.
		await starting;
		let group = await describeGroup(bootstrap, watched.groupId);
		const deadline = Date.now() + 20_000;
		while (!(group.state === 'Stable' && group.members.length === 1) && Date.now() < deadline) {
			await sleep(200);
			group = await describeGroup(bootstrap, watched.groupId);
		}
		expect(group.state).toBe('Stable');
		expect(group.members).toHaveLength(1);
		const atJoin = watched.records.length;
		await sleep(1500);
		await stopProducer(producer);
		const ends = await partitionEnds(bootstrap, topic);
		const total = ends.reduce((sum, end) => sum + end.high, 0);
		await waitUntil('every record', () => watched.records.length >= total, 30_000);
		await sleep(300);
		// Records came from the group too, after the hand-over.
		expect(watched.records.length).toBeGreaterThan(atJoin);
		const seen = offsetsByPartition(watched.records);
		for (const end of ends) expect(seen.get(end.partition) ?? []).toEqual(range(0, end.high));
		expect(watched.records).toHaveLength(total);
	}, 90_000);
});

describe('plain on a production-defaults broker', () => {
	it('without --exit, a start window longer than the group takes to form is handed over exactly (stdout held meanwhile)', async () => {
		const {bootstrap, topic} = await filledTopic('handover-plain', 30_000);
		const producer = startProducer(bootstrap, topic);
		await sleep(500);
		const before = await partitionEnds(bootstrap, topic);
		const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'klog-handover-')), 'kafka.log');
		const prefix = `${uniqueName('ho')}-`;
		const args = [
			'--plain',
			'--from-beginning',
			'--output',
			'json',
			'--group-prefix',
			prefix,
			'--log-file',
			logFile,
		];
		const child = spawnCli(['-b', bootstrap, '-t', topic, ...args]);
		// Hold stdout for 4 s: the pipe fills, klog-tui pauses its reading, and the group (3 s)
		// forms in the middle of the window.
		child.stdout!.pause();
		await sleep(4000);
		const run = finished(child);
		child.stdout!.resume();
		const total = before.reduce((sum, end) => sum + end.high, 0);
		let lines = 0;
		child.stdout!.on('data', (chunk: Buffer) => {
			for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
		});
		await waitUntil('the records there at start', () => lines >= total, 60_000);
		// Following, it never ends by itself: Ctrl-C's signal leaves the group and exits 0.
		child.kill('SIGTERM');
		const {code, stdout, stderr} = await run;
		await stopProducer(producer);
		expect(stderr).toBe('');
		expect(code).toBe(0);
		// The group did form and take over (kafkajs logs its join into the log file).
		expect(fs.readFileSync(logFile, 'utf8')).toContain('Consumer has joined the group');
		expectExactFromStart(stdout, before);
		// Its group is gone again.
		const groups = await withAdmin(bootstrap, async (admin) => (await admin.listGroups()).groups);
		expect(groups.filter((entry) => entry.groupId.startsWith(prefix))).toEqual([]);
	}, 90_000);

	it('--exit ends without joining any group', async () => {
		const {bootstrap, topic} = await filledTopic('quick-exit', 300);
		const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'klog-quick-')), 'kafka.log');
		const child = spawnCli([
			'-b',
			bootstrap,
			'-t',
			topic,
			'--tail',
			'10',
			'--plain',
			'--exit',
			'--log-file',
			logFile,
		]);
		const {code, stdout, stderr} = await finished(child);
		expect(stderr).toBe('');
		expect(code).toBe(0);
		expect(stdout.trim().split('\n')).toHaveLength(10);
		// No consumer was ever made (--exit reads from the leaders): kafkajs logs a consumer's
		// start ("Starting") at info level.
		const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
		expect(log).not.toContain('"namespace":"Consumer"');
		expect(log).not.toContain('Consumer has joined the group');
	}, 60_000);
});

describe('--without-group', () => {
	it('reads everything (kcat producing meanwhile) and no group is ever created', async () => {
		const {bootstrap, topic} = await filledTopic('no-group', 20_000);
		const producer = startProducer(bootstrap, topic);
		await sleep(300);
		const listGroups = () => withAdmin(bootstrap, async (admin) => (await admin.listGroups()).groups);
		const before = await partitionEnds(bootstrap, topic);
		const args = ['--from-beginning', '--exit', '--output', 'json', '--without-group'];
		const child = spawnCli(['-b', bootstrap, '-t', topic, ...args]);
		const run = finished(child);
		// Its groups, if it made any, would carry its pid (klog-tui-<host>-<pid>-<random>).
		const pidPart = `-${child.pid}-`;
		const groupsSeen = new Set<string>();
		while (child.exitCode === null) {
			for (const entry of await listGroups()) groupsSeen.add(entry.groupId);
			await sleep(300);
		}
		const {code, stdout, stderr} = await run;
		await stopProducer(producer);
		for (const entry of await listGroups()) groupsSeen.add(entry.groupId);
		expect(stderr).toBe('');
		expect(code).toBe(0);
		expectExactFromStart(stdout, before);
		expect([...groupsSeen].filter((id) => id.includes(pidPart))).toEqual([]);
	}, 90_000);
});
