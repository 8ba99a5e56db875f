/**
 * OTLP logs end to end (issue 11, item 2): requests made and serialised by the OpenTelemetry JS
 * SDK, several log records each, put on a real broker as the Collector's Kafka exporter would
 * (`otlp_proto` files sent whole by kcat, `otlp_json` by kafkajs), beside an ordinary record and
 * values that look like OTLP but are not; read back by the built CLI
 * (`--plain --output json --from-beginning --exit`): every log record exactly once, with its
 * service and level, and the look-alikes read as before. And on the broker with Kafka's
 * production defaults, the start window read directly while the group forms is handed over to
 * the group while kcat keeps producing requests: the store shows every row once.
 */
import {type ChildProcess, spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {createWorkerLogStream} from '../../source/kafka.js';
import type {LogRecord} from '../../source/record/log-record.js';
import {createLogStore} from '../../source/store/log-store.js';
import {ensureBuilt, outputLines, runCli} from '../support/cli/cli-process.js';
import {openStreams, stopOpenStreams, waitUntil} from '../support/kafka/kafka-stream-helpers.js';
import {
	createTopic,
	produceRecords,
	productionBootstrap,
	testBootstrap,
	uniqueName,
	withAdmin,
} from '../support/kafka/test-kafka.js';
import {assertTerminalSafe} from '../support/records/hostile-corpus.js';
import {
	type OtlpLog,
	otlpJsonRequest,
	otlpProtoRequest,
	SeverityNumber,
} from '../support/records/otlp-requests.js';

type JsonLine = {
	partition: number;
	offset: number;
	logIndex?: number;
	service: string;
	level: string;
	message: string;
	value: unknown;
};

const LEVELS = [
	[SeverityNumber.INFO, 'info'],
	[SeverityNumber.WARN, 'warn'],
	[SeverityNumber.ERROR, 'error'],
	[SeverityNumber.DEBUG, 'debug'],
] as const;

let bootstrap: string;
let topic: string;
let dir: string;
/** What each log record's body must come out as: its service and level. */
const expected = new Map<string, {service: string; level: string}>();

/** A request of `count` log records of two services; bodies are unique across the test. */
function logs(request: string, count: number): OtlpLog[] {
	return Array.from({length: count}, (_, index) => {
		const [severityNumber, level] = LEVELS[index % LEVELS.length]!;
		const service = index % 2 === 0 ? 'checkout' : 'cart';
		const body = `${request} log ${index}`;
		expected.set(body, {service, level});
		return {service, severityNumber, body, time: Date.now() - 1000};
	});
}

beforeAll(async () => {
	ensureBuilt();
	bootstrap = testBootstrap();
	topic = uniqueName('otlp-logs');
	dir = mkdtempSync(path.join(tmpdir(), 'klog-otlp-'));
	await createTopic(topic, 2);

	// otlp_proto: kcat sends each file as one record, byte for byte.
	const files: string[] = [];
	for (let request = 0; request < 3; request++) {
		const file = path.join(dir, `proto-${request}.bin`);
		writeFileSync(file, await otlpProtoRequest(logs(`proto ${request}`, 4 + request)));
		files.push(file);
	}
	for (const partition of ['0', '1']) {
		const run = spawnSync('kcat', ['-P', '-b', bootstrap, '-t', topic, '-p', partition, ...files], {
			encoding: 'utf8',
			timeout: 30_000,
		});
		if (run.status !== 0) throw new Error(`kcat failed: ${run.stderr}`);
		// The same requests in the other partition are other log records (other positions).
		if (partition === '0') for (const [body, value] of [...expected]) expected.set(`p1 ${body}`, value);
	}

	// otlp_json by kafkajs, an ordinary record, and look-alikes that are not OTLP.
	const proto = await otlpProtoRequest(logs('cut', 3));
	for (const body of ['cut log 0', 'cut log 1', 'cut log 2']) expected.delete(body);
	await produceRecords(
		topic,
		[
			{value: await otlpJsonRequest(logs('json 0', 3)), partition: 0},
			{value: await otlpJsonRequest(logs('json 1', 5)), partition: 1},
			{value: JSON.stringify({service: 'api', level: 'info', message: 'plain record'}), partition: 0},
			{value: proto.subarray(0, proto.length - 7), partition: 0},
			{value: JSON.stringify({resourceLogs: [{scopeLogs: 'no'}], message: 'not otlp'}), partition: 1},
		],
		{bootstrap},
	);
}, 120_000);

afterAll(() => {
	if (dir) rmSync(dir, {recursive: true, force: true});
});

describe('OTLP logs through a real broker', () => {
	it('prints each log record of each request exactly once, with its service and level', async () => {
		const run = await runCli(
			['--brokers', bootstrap, '--topic', topic, '--from-beginning', '--exit', '--plain', '--output', 'json'],
			{timeoutMs: 90_000},
		);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		assertTerminalSafe(run.stdout, {allowNewlines: true});
		const lines = outputLines(run).map((line) => JSON.parse(line) as JsonLine);
		const rows = lines.filter((line) => line.logIndex !== undefined);

		// Exactly once per (partition, offset, index), indices 0..n-1 within each Kafka record.
		const positions = rows.map((line) => `${line.partition}/${line.offset}/${line.logIndex}`);
		expect(new Set(positions).size).toBe(positions.length);
		const seen = new Map<string, {service: string; level: string}>();
		for (const line of rows) {
			const body =
				line.partition === 1 && line.message.startsWith('proto') ? `p1 ${line.message}` : line.message;
			expect(seen.has(body), body).toBe(false);
			seen.set(body, {service: line.service, level: line.level});
		}
		expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(expected));
		const byRecord = new Map<string, JsonLine[]>();
		for (const line of rows) {
			const id = `${line.partition}/${line.offset}`;
			byRecord.set(id, [...(byRecord.get(id) ?? []), line]);
		}
		for (const group of byRecord.values()) {
			expect(group.map((line) => line.logIndex)).toEqual(group.map((_, index) => index));
		}

		// The rest, once each and without logIndex: read as they would be without OTLP.
		const others = lines.filter((line) => line.logIndex === undefined);
		expect(others.map((line) => `${line.partition}/${line.offset}`).sort()).toEqual(['0/4', '0/5', '1/4']);
		expect(others.find((line) => line.offset === 4 && line.partition === 0)?.message).toBe('plain record');
		expect(others.find((line) => line.partition === 1)?.message).toBe('not otlp');
		// The cut request: its bytes, escaped, as any other binary value.
		const cut = others.find((line) => line.partition === 0 && line.offset === 5)!;
		expect([cut.service, cut.level, typeof cut.value]).toEqual(['unknown', 'unknown', 'string']);
		expect(cut.message).toContain('checkout');
		expect(rows).toHaveLength(expected.size);
	});
});

describe('OTLP rows across the hand-over from the direct reader to the group', () => {
	let producer: ChildProcess | undefined;
	afterEach(async () => {
		await stopOpenStreams();
		if (producer && producer.exitCode === null && producer.signalCode === null) {
			const exited = new Promise((resolve) => producer!.once('exit', resolve));
			process.kill(-producer.pid!, 'SIGTERM');
			await exited;
		}
	});

	it('shows every log record of every request once while kcat keeps producing', async () => {
		const production = productionBootstrap();
		const handover = uniqueName('otlp-handover');
		await createTopic(handover, 3, {bootstrap: production});
		const file = path.join(dir, 'handover.bin');
		const perRequest = 7;
		writeFileSync(
			file,
			await otlpProtoRequest(
				Array.from({length: perRequest}, (_, index) => ({service: `svc-${index % 3}`, body: `log ${index}`})),
			),
		);
		// 300 requests before the start, then about 20 a second until stopped (kcat spreads
		// records without keys over the partitions).
		const kcat = `kcat -P -b ${production} -t ${handover} ${Array(30).fill(file).join(' ')}`;
		spawnSync('sh', ['-c', Array(10).fill(kcat).join(' && ')], {timeout: 60_000});
		producer = spawn(
			'sh',
			['-c', `while :; do ${kcat.replace(Array(30).fill(file).join(' '), file)}; sleep 0.05; done`],
			{
				detached: true,
				stdio: 'ignore',
			},
		);

		const store = createLogStore();
		const groupId = uniqueName('otlp-handover-group');
		const handed: LogRecord[] = [];
		const stream = createWorkerLogStream({
			brokers: [production],
			topics: [handover],
			groupId,
			start: {kind: 'beginning'},
			onRecords: (records) => {
				handed.push(...records);
				store.appendParsed(records);
			},
		});
		openStreams.add(stream);
		// The start window is read directly while the group waits its 3 s, then the group reads.
		const starting = stream.start();
		await waitUntil('rows read directly', () => handed.length > 0, 20_000);
		const forming = await withAdmin(production, (admin) => admin.describeGroups([groupId]));
		expect(forming.groups[0]!.state).not.toBe('Stable');
		await starting;
		await waitUntil('rows after the group formed', () => handed.length > 300 * perRequest, 30_000);
		const atJoin = handed.length;
		await sleep(1500);
		const exited = new Promise((resolve) => producer!.once('exit', resolve));
		process.kill(-producer.pid!, 'SIGTERM');
		await exited;
		const ends = await withAdmin(production, (admin) => admin.fetchTopicOffsets(handover));
		const requests = ends.reduce((sum, end) => sum + Number(end.high), 0);
		await waitUntil('every row', () => store.total >= requests * perRequest, 30_000);
		await sleep(300);
		expect(handed.length).toBeGreaterThan(atJoin);

		// Every (partition, offset, index) once in the store, for every offset of every partition.
		const rows = store.slice(0, store.viewLength) as LogRecord[];
		const ids = rows.map((row) => `${row.partition}/${row.offset}/${row.logIndex}`);
		expect(new Set(ids).size).toBe(ids.length);
		expect(rows).toHaveLength(requests * perRequest);
		expect(store.total).toBe(requests * perRequest);
		for (const end of ends) {
			const offsets = new Set(rows.filter((row) => row.partition === end.partition).map((row) => row.offset));
			expect(offsets.size, `partition ${end.partition}`).toBe(Number(end.high));
		}
		store.dispose();
	}, 120_000);
});
