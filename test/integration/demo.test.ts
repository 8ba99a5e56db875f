/**
 * `klog-tui demo` against the real broker: it creates the topic (3 partitions) and sends
 * realistic logs in the original format plus level, keyed by service, that klog-tui reads back.
 */
import {beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, runCli} from '../support/cli/cli-process.js';
import {testBootstrap, uniqueName, withAdmin} from '../support/kafka/test-kafka.js';
import {readJsonLines} from '../support/kafka/topic-read.js';

type JsonLine = {
	partition: number;
	service: string;
	level: string;
	key: string;
	value: Record<string, unknown>;
};

beforeAll(() => {
	ensureBuilt();
});

describe('klog-tui demo', () => {
	it('creates the topic with 3 partitions and produces --count records from the default services', async () => {
		const topic = uniqueName('demo');
		const run = await runCli([
			'demo',
			'--brokers',
			testBootstrap(),
			'--topic',
			topic,
			'--rate',
			'20',
			'--count',
			'80',
		]);
		expect(run.code).toBe(0);
		expect(run.stderr).toContain(`created topic '${topic}' with 3 partitions`);
		expect(run.stderr).toContain('sent 80 records');
		const partitions = await withAdmin(testBootstrap(), async (admin) => {
			const metadata = await admin.fetchTopicMetadata({topics: [topic]});
			return metadata.topics[0]!.partitions.length;
		});
		expect(partitions).toBe(3);

		const records = await readJsonLines<JsonLine>(topic);
		expect(records).toHaveLength(80);
		const services = new Set(records.map((record) => record.service));
		expect([...services].sort()).toEqual(['api', 'auth', 'payments', 'worker']);
		for (const record of records) {
			// The original format plus level, keyed by the service.
			expect(record.key).toBe(record.service);
			expect(record.value).toMatchObject({service: record.service, level: record.level});
			expect(typeof record.value.message).toBe('string');
			expect(Number.isNaN(Date.parse(String(record.value.timestamp)))).toBe(false);
			expect(['debug', 'info', 'warn', 'error']).toContain(record.level);
		}
		// A service's records share its key, so they land on one partition each.
		for (const service of services) {
			expect(
				new Set(records.filter((record) => record.service === service).map((r) => r.partition)).size,
			).toBe(1);
		}
	});

	it('plays one service named by SERVICE_NAME, at the given rate', async () => {
		const topic = uniqueName('demo-one');
		const run = await runCli(
			['demo', '--brokers', testBootstrap(), '--topic', topic, '--rate', '10', '--count', '20'],
			{
				env: {SERVICE_NAME: 'billing'},
			},
		);
		expect(run.code).toBe(0);
		// 20 records at 10/s: about two seconds of sending, not a burst.
		expect(run.ms).toBeGreaterThan(1500);
		const records = await readJsonLines<JsonLine>(topic);
		expect(records).toHaveLength(20);
		expect(new Set(records.map((record) => record.service))).toEqual(new Set(['billing']));
	});
});
