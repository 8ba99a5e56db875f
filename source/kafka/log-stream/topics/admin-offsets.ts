import type {Admin, Kafka, RetryOptions} from 'kafkajs';
import type {StartPosition} from '../../../stream/start-position.js';
import {windowEnds} from '../end-offsets.js';
import {rangesOf} from '../kafka-records.js';
import {within} from '../stream-timing.js';
import {type PartitionRange, startOffsets} from './start-offsets.js';

/**
 * Per topic: its partitions' offsets now, where `start` reads each one from, and with `until`
 * where each one stops (end-offsets.ts).
 */
export type TopicStarts = Map<
	string,
	{ranges: PartitionRange[]; offsets: Map<number, number>; ends?: Map<number, number>}
>;

/** What the stream asks the cluster outside the consumer: offsets, topics, the group at the end. */
export type AdminOffsets = {
	/** The admin client, connected (a new one after `drop`). */
	client(): Promise<Admin>;
	/**
	 * Forget the client: a new one next time. kafkajs keeps asking for every topic an admin
	 * client ever looked at, and once one of them is deleted all its metadata requests fail.
	 */
	drop(): void;
	/** A topic's partition offsets; a failure drops the client. */
	ranges(topic: string): Promise<PartitionRange[]>;
	/** A topic's partition offsets, the client kept whatever happens. */
	rangesKeepingClient(topic: string): Promise<PartitionRange[]>;
	/** Whether the topic exists; undefined when the cluster cannot tell (the client is dropped). */
	exists(topic: string): Promise<boolean | undefined>;
	/** Offsets of `start` for every partition of every topic. */
	startOffsets(start: StartPosition): Promise<TopicStarts>;
	/** On the way out (bounded waits): delete `groupId` when given and connected, then disconnect. */
	close(groupId?: string): Promise<void>;
};

export type AdminOffsetsOptions = {
	kafka: Kafka;
	topics: readonly string[];
	retry?: RetryOptions;
	/** `--until` (ms): `startOffsets` also says where each partition stops. */
	until?: number;
};

export function createAdminOffsets({
	kafka,
	topics,
	retry = {retries: 2, initialRetryTime: 250, maxRetryTime: 2000},
	until,
}: AdminOffsetsOptions): AdminOffsets {
	let admin: Admin | undefined;
	let connected = false;

	const client = async (): Promise<Admin> => {
		admin ??= kafka.admin({retry});
		if (!connected) {
			await admin.connect();
			connected = true;
		}
		return admin;
	};
	const drop = () => {
		const old = admin;
		admin = undefined;
		if (old && connected) void old.disconnect().catch(() => undefined);
		connected = false;
	};

	return {
		client,
		drop,
		async ranges(topic) {
			try {
				return rangesOf(await (await client()).fetchTopicOffsets(topic));
			} catch (error) {
				drop();
				throw error;
			}
		},
		rangesKeepingClient: async (topic) => rangesOf(await (await client()).fetchTopicOffsets(topic)),
		async exists(topic) {
			try {
				return (await (await client()).listTopics()).includes(topic);
			} catch {
				drop();
				return undefined;
			}
		},
		async startOffsets(start) {
			const connectedClient = await client();
			const result: TopicStarts = new Map();
			for (const topic of topics) {
				const ranges = rangesOf(await connectedClient.fetchTopicOffsets(topic));
				let since: Map<number, number> | undefined;
				if (start.kind === 'since') {
					since = await offsetsAt(connectedClient, topic, start.time);
				}
				const offsets = startOffsets(start, ranges, since);
				if (until === undefined) result.set(topic, {ranges, offsets});
				else
					result.set(topic, {
						ranges,
						offsets,
						ends: windowEnds(ranges, await offsetsAt(connectedClient, topic, until)),
					});
			}
			return result;
		},
		async close(groupId) {
			if (groupId !== undefined && connected && admin)
				await within(
					admin.deleteGroups([groupId]).catch(() => undefined),
					3000,
				);
			if (admin)
				await within(
					admin.disconnect().catch(() => undefined),
					2000,
				);
			connected = false;
		},
	};
}

/** Partition → the first offset at or after `time` (negative: none that late). */
async function offsetsAt(client: Admin, topic: string, time: number): Promise<Map<number, number>> {
	const byTime = await client.fetchTopicOffsetsByTimestamp(topic, time);
	return new Map(byTime.map((entry) => [entry.partition, Number(entry.offset)]));
}
