/**
 * `klog-tui demo --compression <codec>` writes batches that other clients read (issue 10):
 * kcat (`-C -e`) and Kafka's Java consumer read every record it sent, for each codec.
 */
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, runCli} from '../support/cli/cli-process.js';
import {countDecompressions} from '../support/kafka/codec-counter.js';
import {javaConsume, kcatConsume, removeJavaClasses} from '../support/kafka/codec-producers.js';
import {CODECS} from '../support/kafka/compressed-batches.js';
import {stopOpenStreams} from '../support/kafka/kafka-stream-helpers.js';
import {testBootstrap, uniqueName} from '../support/kafka/test-kafka.js';
import {readWithCli, readWithStream} from '../support/kafka/topic-read.js';

const COUNT = 60;

let counter: ReturnType<typeof countDecompressions>;

beforeAll(() => {
	ensureBuilt();
	counter = countDecompressions();
});
afterAll(() => counter.restore());
afterAll(removeJavaClasses);
afterEach(stopOpenStreams);

describe.each(CODECS)('demo --compression %s', (codec) => {
	it('sends records that kcat, the Java consumer and klog-tui all read', async () => {
		const topic = uniqueName(`demo-${codec}`);
		const demo = await runCli([
			'demo',
			'-b',
			testBootstrap(),
			'-t',
			topic,
			'--compression',
			codec,
			'--rate',
			'50',
			'--count',
			String(COUNT),
		]);
		expect(demo.code).toBe(0);
		expect(demo.stderr).toContain(`${codec}-compressed`);
		expect(demo.stderr).toContain(`sent ${COUNT} records`);

		const read = await readWithCli(topic);
		expect(read.values).toHaveLength(COUNT);
		const values = read.values;

		// On the wire the batches are compressed with the codec asked for.
		counter.counts.clear();
		const stream = await readWithStream(topic);
		expect([...stream.values].sort()).toEqual(
			[...values].map((value) => JSON.stringify(JSON.parse(value))).sort(),
		);
		expect([...counter.counts.keys()]).toEqual([CODECS.indexOf(codec) + 1]);

		const byKcat = await kcatConsume(testBootstrap(), topic);
		expect(byKcat.map((line) => JSON.stringify(JSON.parse(line))).sort()).toEqual([...values].sort());

		const byJava = await javaConsume(testBootstrap(), topic, COUNT);
		expect(byJava.map((line) => JSON.stringify(JSON.parse(line))).sort()).toEqual([...values].sort());
	});
});
