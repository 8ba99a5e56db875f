/**
 * Plain output that follows a topic (no `--exit`: it reads in its consumer group) through a pipe
 * whose reader is slower than klog-tui: a full pipe holds the fetching instead of pausing the
 * consumer (kafka/worker/output-gate.ts), so the reader sees every record once, in order per
 * partition, and the stream goes on the moment the output drains, never after a kafkajs sleep.
 */
import type {ChildProcess} from 'node:child_process';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {createWorkerLogStream} from '../../source/kafka/worker/worker-log-stream.js';
import type {LogRecord} from '../../source/record/log-record.js';
import {ensureBuilt, spawnCli} from '../support/cli/cli-process.js';
import {openStreams, stopOpenStreams, within} from '../support/kafka/kafka-stream-helpers.js';
import {createTopic, produceRecords, testBootstrap, uniqueName} from '../support/kafka/test-kafka.js';

afterEach(stopOpenStreams);
beforeAll(() => ensureBuilt());

const PARTITIONS = 3;

/** `count` JSON log lines of about `bytes` bytes, round robin over the partitions. */
function logs(count: number, bytes: number) {
	const padding = 'x'.repeat(bytes);
	return Array.from({length: count}, (_, index) => ({
		value: JSON.stringify({message: `line ${index}`, service: 'api', level: 'info', padding}),
		partition: index % PARTITIONS,
	}));
}

/** Each partition's offsets, in the order they came: must be 0..n-1 for every record once, in order. */
function offsetsByPartition(records: ReadonlyArray<{partition: number; offset: number}>): number[][] {
	const byPartition: number[][] = Array.from({length: PARTITIONS}, () => []);
	for (const record of records) byPartition[record.partition]!.push(record.offset);
	return byPartition;
}

const everyOffset = (total: number) =>
	Array.from({length: PARTITIONS}, () => Array.from({length: total / PARTITIONS}, (_, offset) => offset));

/** Hands the child's stdout on in whole lines. */
function readLines(child: ChildProcess, onLines: (lines: string[]) => void): void {
	let rest = '';
	child.stdout!.on('data', (chunk: Buffer) => {
		const text = rest + chunk.toString('utf8');
		const end = text.lastIndexOf('\n');
		rest = text.slice(end + 1);
		if (end >= 0) onLines(text.slice(0, end).split('\n'));
	});
}

describe('plain output following a topic through a slow pipe', () => {
	it('shows every record once, in order per partition, to a reader that stalls, crawls, then speeds up', async () => {
		const topic = uniqueName('pipe-follow');
		const total = 30_000;
		await createTopic(topic, PARTITIONS);
		await produceRecords(topic, logs(total, 150));
		const child = spawnCli([
			'--brokers',
			testBootstrap(),
			'--topic',
			topic,
			'--from-beginning',
			'--output',
			'json',
		]);
		let stderr = '';
		child.stderr!.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		const records: Array<{partition: number; offset: number}> = [];
		let speedUpAt = 0;
		const allRead = new Promise<void>((resolve) => {
			readLines(child, (lines) => {
				for (const line of lines) records.push(JSON.parse(line) as {partition: number; offset: number});
				if (records.length >= total) resolve();
				// Crawling: 4000 lines a second until a third is read (the pipe is full all along).
				if (records.length < total / 3) {
					const aheadMs = (records.length / 4000) * 1000 - (performance.now() - speedUpAt);
					if (aheadMs > 1) {
						child.stdout!.pause();
						setTimeout(() => child.stdout!.resume(), aheadMs);
					}
				}
			});
		});
		// Stalled first: nothing is read for a second, so the pipe and the output fill up.
		child.stdout!.pause();
		await new Promise((resolve) => setTimeout(resolve, 1000));
		speedUpAt = performance.now();
		child.stdout!.resume();
		await within('every record', allRead, 20_000);
		const crawled = performance.now();
		child.kill('SIGTERM');
		const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
		expect(stderr).toBe('');
		expect(code).toBe(0);
		expect(records).toHaveLength(total);
		expect(offsetsByPartition(records)).toEqual(everyOffset(total));
		process.stderr.write(
			`[pipe-follow] ${total} records through a stalled then crawling pipe in ` +
				`${Math.round(crawled - speedUpAt)} ms after the stall\n`,
		);
	}, 30_000);

	it('a stream whose output fills and drains again and again never waits for a paused kafkajs', async () => {
		// A paused kafkajs group consumer sleeps maxWaitTime before it looks again: at 4 s, ten
		// full spells would take 40 s if the output pausing paused the consumer.
		const topic = uniqueName('pipe-gate');
		const total = 12_000;
		await createTopic(topic, PARTITIONS);
		// 1 KB records: 12 MB, more than the 2 MB the worker lets be in flight unacknowledged.
		await produceRecords(topic, logs(total, 1000));
		const received: LogRecord[] = [];
		let spells = 0;
		const stream = createWorkerLogStream({
			brokers: testBootstrap().split(','),
			topics: [topic],
			groupId: uniqueName('klog-tui-gate'),
			start: {kind: 'beginning'},
			maxWaitTimeInMs: 4000,
			finishAtEnd: true,
			onRecords: (records) => {
				received.push(...records);
				// A reader that takes 100 ms to empty the pipe after every 1000 records.
				if (received.length >= (spells + 1) * 1000) {
					spells += 1;
					stream.setOutputFull(true);
					setTimeout(() => stream.setOutputFull(false), 100);
				}
			},
		});
		openStreams.add(stream);
		await stream.start();
		await within('caught up', stream.caughtUp(), 20_000);
		expect(spells).toBeGreaterThanOrEqual(10);
		expect(received).toHaveLength(total);
		expect(offsetsByPartition(received)).toEqual(everyOffset(total));
	}, 30_000);
});
