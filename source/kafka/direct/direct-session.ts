import type {Kafka} from 'kafkajs';
import type {PartitionBatch} from '../log-stream/batch-delivery.js';
import type {PartitionTracker} from '../log-stream/partition-tracker.js';
import type {PartitionRange} from '../log-stream/topics/start-offsets.js';
import {type DirectReading, startDirectReading} from './direct-reading.js';
import {createPartitionReader, type FetchFailure, type PartitionReader} from './partition-reader.js';

/** How often `--without-group` asks for metadata again, to find new partitions and leaders. */
const METADATA_REFRESH_MS = 5000;

/** What reading without a group needs from the log stream. */
export type DirectSessionOptions = {
	kafka: Kafka;
	topics: string[];
	tracker: PartitionTracker;
	/**
	 * `true` (`--without-group`): read for the whole session, retry failures, follow new
	 * partitions. `false`: only the start window while our group forms; any failure ends it
	 * quietly and the group reads from our positions.
	 */
	wholeSession: boolean;
	maxWaitTimeInMs: number;
	maxBytesPerPartition: number;
	paused(): boolean;
	/** A topic not to read for now (deleted, or created again and not started afresh yet). */
	skip(topic: string): boolean;
	/** One partition's records (may be none) up to `batchLastOffset`; as a group batch is delivered. */
	deliver(...batch: PartitionBatch): void | Promise<void>;
	/** A partition's offset range now, through the admin client. */
	topicOffsets(topic: string): Promise<PartitionRange[]>;
	/** A round went through: data flows. */
	onFlowing(): void;
	/** A round failed (`attempt` counts failures in a row); the session retries after a pause. */
	onFailure(error: unknown, attempt: number): void;
	/** The partition table changed (a new partition, a high watermark). */
	onPartitions(): void;
};

export type DirectSession = {
	/** Connect and start reading every partition the tracker has a position for, from there. */
	start(): Promise<void>;
	/** Stop reading at once (a fetch in flight is discarded); disconnecting follows in the background. */
	stop(): Promise<void>;
	/** The positions moved (seek). */
	restart(): void;
	/** Paused state changed. */
	wake(): void;
	/** `topic` was started afresh (created again): read the partitions the tracker has positions for. */
	follow(topic: string): void;
	/** Resolves after the first fetch round, or at once when not reading. */
	firstRound(): Promise<void>;
	readonly active: boolean;
};

/** Reading from the partition leaders without a consumer group, wired to the stream's tracker. */
export function createDirectSession(options: DirectSessionOptions): DirectSession {
	let reader: PartitionReader | undefined;
	let reading: DirectReading | undefined;
	let stopped = false;
	let failures = 0;
	let refreshTimer: NodeJS.Timeout | undefined;
	const readable = new Map<string, number[]>();

	const positions = () =>
		[...readable].flatMap(([topic, partitions]) =>
			options.skip(topic)
				? []
				: partitions.flatMap((partition) => {
						const offset = options.tracker.position(topic, partition);
						return offset === undefined ? [] : [{topic, partition, offset}];
					}),
		);

	/** Retention (or a new topic) moved the log: go on from its start, as the group path does. */
	const resetOutOfRange = async (topic: string, partition: number) => {
		const range = (await options.topicOffsets(topic)).find((entry) => entry.partition === partition);
		if (!range) return;
		const position = options.tracker.position(topic, partition) ?? range.low;
		if (position < range.low || position > range.high)
			options.tracker.setPosition(topic, partition, range.low);
		options.tracker.setHighWatermark(topic, partition, range.high);
	};

	/** New partitions of a followed topic are read from their beginning. */
	const followNewPartitions = async () => {
		if (!reader || stopped) return;
		await reader.refreshMetadata();
		for (const topic of options.topics) {
			const known = readable.get(topic) ?? [];
			const added = reader.partitions(topic).filter((partition) => !known.includes(partition));
			if (added.length === 0) continue;
			const ranges = await options.topicOffsets(topic);
			for (const partition of added) {
				const range = ranges.find((entry) => entry.partition === partition);
				if (!range || stopped) continue;
				options.tracker.setPosition(topic, partition, range.low);
				options.tracker.setHighWatermark(topic, partition, range.high);
				known.push(partition);
			}
			readable.set(
				topic,
				known.sort((a, b) => a - b),
			);
			options.tracker.setAssigned(topic, known);
			options.onPartitions();
		}
	};

	const onRound = async (failed: FetchFailure[]) => {
		if (failed.length === 0) {
			failures = 0;
			options.onFlowing();
			return;
		}
		if (!options.wholeSession) {
			// The group will read from our positions; it has its own recovery.
			void session.stop();
			return;
		}
		// A log that moved under us is no trouble to show: we go on from its new start.
		const trouble = failed.filter((failure) => !failure.outOfRange);
		if (trouble.length > 0) {
			failures += 1;
			options.onFailure(trouble[0]!.error, failures);
		}
		try {
			for (const {outOfRange} of failed) {
				if (outOfRange) await resetOutOfRange(outOfRange.topic, outOfRange.partition);
			}
			// A leader moved or a broker went away: ask again who leads what.
			if (trouble.length > 0) await reader?.refreshMetadata();
		} catch {
			// The next round fails again and says why.
		}
		if (trouble.length > 0) {
			await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 250 * 2 ** (failures - 1))));
		}
	};

	/** Read the partitions of `topic` the tracker has a position for. */
	const readFromTracker = (topic: string) => {
		const list = options.tracker
			.snapshot()
			.filter(
				(entry) => entry.topic === topic && options.tracker.position(topic, entry.partition) !== undefined,
			)
			.map((entry) => entry.partition);
		if (list.length === 0) readable.delete(topic);
		else readable.set(topic, list);
		options.tracker.setAssigned(topic, list);
	};

	const session: DirectSession = {
		async start() {
			if (reading || stopped) return;
			readable.clear();
			for (const topic of options.topics) readFromTracker(topic);
			reader ??= createPartitionReader(options.kafka);
			const connecting = reader;
			await connecting.connect(options.topics);
			if (stopped) {
				// stop() came while connecting: its disconnect may have run before this connection.
				await connecting.disconnect().catch(() => undefined);
				return;
			}
			reading = startDirectReading({
				reader,
				positions,
				deliver: (fetched) => {
					if (fetched.nextOffset === undefined) {
						options.tracker.setHighWatermark(fetched.topic, fetched.partition, fetched.highWatermark);
						return;
					}
					return options.deliver(
						fetched.topic,
						fetched.partition,
						fetched.records,
						fetched.nextOffset - 1,
						fetched.highWatermark,
					);
				},
				onRound,
				paused: options.paused,
				maxWaitTimeInMs: options.maxWaitTimeInMs,
				maxBytesPerPartition: options.maxBytesPerPartition,
			});
			if (options.wholeSession) {
				refreshTimer = setInterval(
					() => void followNewPartitions().catch(() => undefined),
					METADATA_REFRESH_MS,
				);
			}
		},
		async stop() {
			if (stopped) return;
			stopped = true;
			reading?.stop();
			clearInterval(refreshTimer);
			const last = reader;
			reader = undefined;
			await last?.disconnect().catch(() => undefined);
		},
		restart: () => reading?.restart(),
		wake: () => reading?.wake(),
		follow(topic) {
			readFromTracker(topic);
			options.onPartitions();
			// Its leaders (and partition count) may have changed with it; a new one is not known yet.
			const current = reader;
			void current
				?.addTopics([topic])
				.then(() => current.refreshMetadata())
				.catch(() => undefined);
		},
		firstRound: () => reading?.firstRound ?? Promise.resolve(),
		get active() {
			return reading !== undefined && !stopped;
		},
	};
	return session;
}
