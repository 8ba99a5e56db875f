import {createLogStream, type LogStream, type LogStreamOptions} from '../../../source/kafka.js';
import type {RawRecord} from '../../../source/record/log-record.js';
import type {StartPosition} from '../../../source/stream/start-position.js';
import type {ConnectionState, PartitionStatus} from '../../../source/stream/stream-status.js';

/** A way to make a log stream: in this thread (`createLogStream`) or in a worker (`createWorkerLogStream`). */
export type LogStreamFactory = (options: LogStreamOptions) => LogStream;

import {testBootstrap, uniqueName} from './test-kafka.js';

/** A log stream under test and everything it reported. */
export type WatchedStream = {
	stream: LogStream;
	groupId: string;
	records: RawRecord[];
	states: ConnectionState[];
	partitions: PartitionStatus[];
	errors: string[];
	/** `topic/partition/offset` of every record, for exactly-once checks. */
	ids(): string[];
};

/** Streams made by {@link watchStream}, so a test file can stop any a failed test left running. */
export const openStreams = new Set<LogStream>();

/** Make (not start) a stream that records what it reports. */
export function watchStream(
	topics: string[],
	start: StartPosition,
	extra: Partial<LogStreamOptions> = {},
	create: LogStreamFactory = createLogStream,
): WatchedStream {
	const watched: WatchedStream = {
		stream: undefined as unknown as LogStream,
		groupId: extra.groupId ?? uniqueName('klog-tui-test'),
		records: [],
		states: [],
		partitions: [],
		errors: [],
		ids: () => watched.records.map((record) => `${record.topic}/${record.partition}/${record.offset}`),
	};
	watched.stream = create({
		brokers: testBootstrap().split(','),
		topics,
		start,
		...extra,
		groupId: watched.groupId,
		onRecords: (records) => {
			watched.records.push(...records);
		},
		onStatus: (state) => {
			watched.states.push(state);
		},
		onPartitions: (partitions) => {
			watched.partitions = partitions;
		},
		onError: (message) => {
			watched.errors.push(message);
		},
	});
	openStreams.add(watched.stream);
	return watched;
}

/** Stop every stream still open (afterEach). */
export async function stopOpenStreams(): Promise<void> {
	await Promise.all([...openStreams].map((stream) => stream.stop()));
	openStreams.clear();
}

/** Poll `check` until it returns true, or fail after `timeoutMs` with `what`. */
export async function waitUntil(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/** Reject if `promise` does not settle within `timeoutMs`. */
export async function within<T>(what: string, promise: Promise<T>, timeoutMs = 15_000): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	try {
		return await Promise.race([
			promise,
			new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
			}),
		]);
	} finally {
		clearTimeout(timer);
	}
}

/** `count` JSON log records for one partition, values numbered from `from`. */
export function logValues(count: number, partition?: number, from = 0) {
	return Array.from({length: count}, (_, index) => ({
		value: JSON.stringify({
			message: `line ${from + index}`,
			service: 'api',
			timestamp: new Date().toISOString(),
		}),
		...(partition === undefined ? {} : {partition}),
	}));
}
