/**
 * Record shapes end to end (issue 11): a mix of real shapes put on a real broker by two real
 * producers (kafkajs with each fixture's Kafka time; kcat for the lines pino, bunyan and winston
 * write, a coloured console line and request-id keys), read back by the built CLI
 * (`--plain --output json --from-beginning --exit`) with a config file that adds a service field:
 * every record once, with the service, level, time and message its fixture says.
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, outputLines, runCli} from '../support/cli/cli-process.js';
import {
	createTopic,
	produceRecords,
	type TestRecord,
	testBootstrap,
	uniqueName,
} from '../support/kafka/test-kafka.js';
import {assertTerminalSafe} from '../support/records/hostile-corpus.js';
import {bunyanLines, pinoLines, winstonLines} from '../support/records/node-logger-lines.js';
import {COMMITTED_FIXTURES} from '../support/records/shape-fixtures.js';

type JsonLine = {
	partition: number;
	offset: number;
	time: string;
	kafkaTime: string;
	service: string;
	level: string;
	message: string;
	key: string | null;
	headers: Record<string, string>;
	value: unknown;
};

type Expected = {service: string; level: string; message: string; time?: number};

let bootstrap: string;
let topic: string;
let dir: string;
const expectedById = new Map<string, Expected>();
let produced = 0;

/** Lines given to kcat (one record per line; `key<TAB>value` with -K). */
function kcat(lines: readonly string[], args: readonly string[]): void {
	const run = spawnSync('kcat', ['-P', '-b', bootstrap, '-t', topic, '-p', '0', ...args], {
		input: `${lines.join('\n')}\n`,
		encoding: 'utf8',
		timeout: 30_000,
	});
	if (run.status !== 0) throw new Error(`kcat failed: ${run.stderr}`);
	produced += lines.length;
}

function framed(schemaId: number, payload: string): Buffer {
	const header = Buffer.alloc(5);
	header.writeUInt32BE(schemaId, 1);
	return Buffer.concat([header, Buffer.from(payload)]);
}

beforeAll(async () => {
	ensureBuilt();
	bootstrap = testBootstrap();
	topic = uniqueName('record-shapes');
	dir = mkdtempSync(path.join(tmpdir(), 'klog-shapes-'));
	// One partition: kcat and kafkajs write to the same log; 2 MB records are allowed.
	await createTopic(topic, 1, {configs: {'max.message.bytes': String(3 * 1024 * 1024)}});

	// kafkajs, with each fixture's own Kafka time (epoch numbers must be near it to count).
	const records: TestRecord[] = COMMITTED_FIXTURES.map((fixture, index) => {
		const id = `fixture-${index}`;
		const {expected} = fixture;
		expectedById.set(id, {
			service: expected.service,
			level: expected.level,
			message: expected.message,
			time: expected.time === 'kafka' ? fixture.kafkaTime : expected.time,
		});
		return {value: fixture.value, timestamp: String(fixture.kafkaTime), headers: {'test-id': id}};
	});
	const now = Date.now();
	const extra: Array<[string, TestRecord, Expected]> = [
		[
			'team-override',
			{
				value: JSON.stringify({
					log: '{"level":"info","msg":"cart saved"}\n',
					kubernetes: {pod_name: 'cart-1', container_name: 'cart', labels: {team: 'shop'}},
				}),
			},
			// The config file's fields.service reached the parser in the stream worker.
			{service: 'shop', level: 'info', message: 'cart saved'},
		],
		[
			'schema-registry-json',
			{value: framed(17, '{"level":"warn","msg":"framed","service":"sr-app"}')},
			{service: 'sr-app', level: 'warn', message: 'framed'},
		],
		[
			'schema-registry-avro',
			{value: framed(99, '\u0002\u0006api'), key: 'avro-app'},
			{
				service: 'avro-app',
				level: 'unknown',
				message: 'schema registry id 99 (Avro or Protobuf, 5 bytes, not decoded)',
			},
		],
		[
			'large-stack-trace',
			{
				value: JSON.stringify({
					level: 'error',
					service: 'big-stack',
					message: 'out of memory',
					stack_trace: 'at com.example.Foo.bar(Foo.java:42)\n'.repeat(55_000),
				}),
			},
			{service: 'big-stack', level: 'error', message: 'out of memory'},
		],
	];
	for (const [id, record, expected] of extra) {
		expectedById.set(id, expected);
		records.push({...record, timestamp: String(now), headers: {'test-id': id}});
	}
	await produceRecords(topic, records, {bootstrap});
	produced += records.length;

	// kcat: what the npm loggers write, now.
	const node = [
		...pinoLines(),
		...bunyanLines(),
		...(await winstonLines('json')),
		...(await winstonLines('logstash')),
	];
	kcat(node, ['-H', 'producer=kcat-node']);
	// A coloured console line (Spring Boot's pattern with colours on) and request-id keys.
	kcat(
		[
			'ba7c9e1f-2d3b-4c5a-9e8f-0a1b2c3d4e5f\t\u001b[31mERROR\u001b[0m 1 --- [main] c.e.Checkout : card declined',
			'req-8f3a2b1c\tWARN retry 2 of 3',
		],
		['-K', '\t', '-H', 'producer=kcat-console'],
	);
}, 120_000);

afterAll(() => {
	if (dir) rmSync(dir, {recursive: true, force: true});
});

describe('record shapes through a real broker', () => {
	it('prints every record once, with the service, level, time and message of its shape', async () => {
		const configFile = path.join(dir, 'config.json');
		writeFileSync(configFile, JSON.stringify({defaults: {fields: {service: ['kubernetes.labels.team']}}}));
		const run = await runCli(
			[
				'--brokers',
				bootstrap,
				'--topic',
				topic,
				'--from-beginning',
				'--exit',
				'--plain',
				'--output',
				'json',
				'--config',
				configFile,
			],
			{timeoutMs: 90_000},
		);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		assertTerminalSafe(run.stdout, {allowNewlines: true});
		const lines = outputLines(run).map((line) => JSON.parse(line) as JsonLine);
		expect(lines.map((line) => line.offset)).toEqual(Array.from({length: produced}, (_, offset) => offset));

		let checked = 0;
		for (const line of lines) {
			const id = line.headers['test-id'];
			if (id === undefined) continue;
			const expected = expectedById.get(id)!;
			const label = `${id}: ${JSON.stringify(line).slice(0, 300)}`;
			expect({service: line.service, level: line.level, message: line.message}, label).toEqual({
				service: expected.service,
				level: expected.level,
				message: expected.message,
			});
			if (expected.time !== undefined) expect(Date.parse(line.time), label).toBe(expected.time);
			checked++;
		}
		expect(checked).toBe(expectedById.size);

		const byProducer = (name: string) => lines.filter((line) => line.headers.producer === name);
		const node = byProducer('kcat-node');
		expect(node.map((line) => `${line.service} ${line.level} ${line.message}`)).toEqual([
			'billing info invoice 7 sent',
			'billing warn retrying invoice 8',
			'billing error invoice 9 failed',
			'orders info order 42 accepted',
			'orders warn stock for sku-7 is low',
			'orders fatal database gone',
			'user-service info user 5 signed up',
			'user-service warn password too weak',
			'user-service error profile store down',
			'user-service info user 5 signed up',
			'user-service warn password too weak',
			'user-service error profile store down',
		]);
		const console = byProducer('kcat-console');
		expect(console.map((line) => [line.service, line.level, line.message, line.key])).toEqual([
			[
				'unknown',
				'error',
				'ERROR 1 --- [main] c.e.Checkout : card declined',
				'ba7c9e1f-2d3b-4c5a-9e8f-0a1b2c3d4e5f',
			],
			['unknown', 'warn', 'WARN retry 2 of 3', 'req-8f3a2b1c'],
		]);
	}, 120_000);
});
