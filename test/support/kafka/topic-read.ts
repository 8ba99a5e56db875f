import {expect} from 'vitest';
import {outputLines, runCli} from '../cli/cli-process.js';
import {watchStream, within} from './kafka-stream-helpers.js';
import {testBootstrap} from './test-kafka.js';

/** What a read of a whole topic gave: `topic/partition/offset` and the value of every record, in order. */
export type TopicRead = {ids: string[]; values: string[]};

/** Read `topic` from its beginning with the log stream (this thread) until caught up; the values by offset. */
export async function readWithStream(topic: string): Promise<TopicRead & {errors: string[]}> {
	const watched = watchStream([topic], {kind: 'beginning'});
	await watched.stream.start();
	await within('stream caught up', watched.stream.caughtUp(), 30_000);
	await watched.stream.stop();
	return {
		ids: watched.ids(),
		values: watched.records.map((record) => record.value?.toString() ?? ''),
		errors: watched.errors,
	};
}

/**
 * Read `topic` with the built CLI from `start` (default its beginning) to its end as
 * `--output json` lines, checking it ran clean (exit 0, nothing on stderr); each line parsed.
 */
export async function readJsonLines<Line>(
	topic: string,
	start: readonly string[] = ['--from-beginning'],
): Promise<Line[]> {
	const run = await runCli([
		'--brokers',
		testBootstrap(),
		'--topic',
		topic,
		...start,
		'--exit',
		'--output',
		'json',
	]);
	expect(run.stderr).toBe('');
	expect(run.code).toBe(0);
	return outputLines(run).map((line) => JSON.parse(line) as Line);
}

/** Read `topic` with the built CLI, plain JSON lines to the end. */
export async function readWithCli(topic: string): Promise<TopicRead> {
	const lines = await readJsonLines<{topic: string; partition: number; offset: number; value: unknown}>(
		topic,
	);
	return {
		ids: lines.map((line) => `${line.topic}/${line.partition}/${line.offset}`),
		values: lines.map((line) => JSON.stringify(line.value)),
	};
}
