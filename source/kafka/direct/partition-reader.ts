/**
 * Reading partitions straight from their leaders, without a consumer group (as `kcat -C` does).
 *
 * Why this reaches into kafkajs: kafkajs 2.2.4 reads only through consumer groups (no public
 * `assign()`), and a new classic group waits `group.initial.rebalance.delay.ms` (3 s by default)
 * before its first assignment. Its internal Cluster/Broker API does plain fetches: a cluster from
 * the client's own factory (../kafkajs-cluster.ts: so SSL, SASL, socket factory, logger and
 * retries are exactly the client's); the fetch itself is kafkajs' request with our decoding of
 * the records (fetch-records.ts).
 */
import type {Kafka} from 'kafkajs';
import {kafkajsClusterFactory} from '../kafkajs-cluster.js';
import {fetchRecords, type KafkajsBroker, type PartitionFetch} from './fetch-records.js';
import {createPartitionLimits} from './partition-limits.js';

type KafkajsCluster = {
	connect(): Promise<void>;
	disconnect(): Promise<void>;
	addMultipleTargetTopics(topics: string[]): Promise<void>;
	refreshMetadata(): Promise<void>;
	findTopicPartitionMetadata(topic: string): Array<{partitionId: number}>;
	findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]>;
	findBroker(query: {nodeId: string}): Promise<KafkajsBroker>;
	removeBroker(address: {host: string; port: number}): void;
};
type ClusterOptions = {
	metadataMaxAge: number;
	allowAutoTopicCreation: boolean;
	maxInFlightRequests: null;
	instrumentationEmitter: null;
	isolationLevel: number;
};

/** kafkajs' `ISOLATION_LEVEL.READ_COMMITTED`, its consumer's default: aborted records are skipped. */
const READ_COMMITTED = 1;
/** Whole-response limit; each partition has its own, smaller one. */
const MAX_BYTES_PER_FETCH = 10 * 1024 * 1024;

/** Where to read one partition from. */
export type FetchPosition = {topic: string; partition: number; offset: number};

/** What one partition's fetch brought: records to show (aborted ones and control records are gone). */
export type FetchedPartition = PartitionFetch;

/** A fetch that failed, for the partitions of one leader. */
export type FetchFailure = {
	error: unknown;
	/** Set for OFFSET_OUT_OF_RANGE: retention (or a new topic) moved the log under this partition. */
	outOfRange?: {topic: string; partition: number};
};

export type PartitionReader = {
	/** Connect and load the metadata of `topics` (never creates a topic). */
	connect(topics: string[]): Promise<void>;
	/** Ask the cluster again for leaders and partitions (after a leader change, or to find new partitions). */
	refreshMetadata(): Promise<void>;
	/** Load the metadata of `topics` too (a topic that matched a pattern after start). */
	addTopics(topics: string[]): Promise<void>;
	/** The partitions of `topic` in the latest metadata. */
	partitions(topic: string): number[];
	/**
	 * One fetch from every leader at once. A leader's failure is returned, not thrown, so the
	 * partitions of the other leaders still arrive.
	 */
	fetch(
		positions: readonly FetchPosition[],
		limits: {maxWaitTimeInMs: number; maxBytesPerPartition: number},
	): Promise<{fetched: FetchedPartition[]; failures: FetchFailure[]}>;
	disconnect(): Promise<void>;
};

/** A reader over `kafka`'s connection settings; nothing connects until `connect`. */
export function createPartitionReader(kafka: Kafka): PartitionReader {
	const createCluster = kafkajsClusterFactory<ClusterOptions, KafkajsCluster>(kafka);
	if (!createCluster) throw new Error('this kafkajs version has no cluster factory');
	const cluster = createCluster({
		// New partitions are found by our own refreshes, not by metadata age.
		metadataMaxAge: 300_000,
		allowAutoTopicCreation: false,
		maxInFlightRequests: null,
		instrumentationEmitter: null,
		isolationLevel: READ_COMMITTED,
	});

	const partitionLimits = createPartitionLimits(MAX_BYTES_PER_FETCH);

	const fetchFromLeader = async (
		nodeId: string,
		positions: FetchPosition[],
		limits: {maxWaitTimeInMs: number; maxBytesPerPartition: number},
	) => {
		const byTopic = new Map<string, Array<{partition: number; fetchOffset: string; maxBytes: number}>>();
		for (const {topic, partition, offset} of positions) {
			const list = byTopic.get(topic) ?? [];
			list.push({
				partition,
				fetchOffset: String(offset),
				maxBytes: partitionLimits.limit(topic, partition, limits.maxBytesPerPartition),
			});
			byTopic.set(topic, list);
		}
		const broker = await cluster.findBroker({nodeId});
		return fetchRecords(broker, {
			replicaId: -1,
			isolationLevel: READ_COMMITTED,
			maxWaitTime: limits.maxWaitTimeInMs,
			minBytes: 1,
			maxBytes: MAX_BYTES_PER_FETCH,
			topics: [...byTopic].map(([topic, partitions]) => ({topic, partitions})),
		});
	};

	return {
		async connect(topics) {
			await cluster.connect();
			await cluster.addMultipleTargetTopics(topics);
		},
		refreshMetadata: () => cluster.refreshMetadata(),
		addTopics: (topics) => cluster.addMultipleTargetTopics(topics),
		partitions(topic) {
			try {
				return cluster
					.findTopicPartitionMetadata(topic)
					.map((entry) => entry.partitionId)
					.sort((a, b) => a - b);
			} catch {
				return [];
			}
		},
		async fetch(positions, limits) {
			const byLeader = new Map<string, FetchPosition[]>();
			const failures: FetchFailure[] = [];
			const topics = new Set(positions.map((position) => position.topic));
			for (const topic of topics) {
				const mine = positions.filter((position) => position.topic === topic);
				let leaders: Record<string, number[]>;
				try {
					leaders = cluster.findLeaderForPartitions(
						topic,
						mine.map((position) => position.partition),
					);
				} catch (error) {
					failures.push({error});
					continue;
				}
				for (const [nodeId, partitions] of Object.entries(leaders)) {
					const list = byLeader.get(nodeId) ?? [];
					list.push(...mine.filter((position) => partitions.includes(position.partition)));
					byLeader.set(nodeId, list);
				}
			}
			const settled = await Promise.allSettled(
				[...byLeader].map(([nodeId, list]) => fetchFromLeader(nodeId, list, limits)),
			);
			const fetched: FetchedPartition[] = [];
			for (const outcome of settled) {
				if (outcome.status === 'fulfilled') {
					for (const partition of outcome.value.fetched) partitionLimits.learn(partition);
					fetched.push(...outcome.value.fetched);
					// Bytes that are no record set: said, and read again after the usual pause.
					for (const error of outcome.value.corrupt) failures.push({error});
					continue;
				}
				const error = outcome.reason as {
					name?: string;
					topic?: string;
					partition?: number;
					host?: string;
					port?: number;
				};
				if (error?.name === 'KafkaJSConnectionClosedError' && error.host && error.port) {
					// As kafkajs' consumer: forget the closed connection, the next fetch reconnects.
					cluster.removeBroker({host: error.host, port: error.port});
				}
				const outOfRange =
					error?.name === 'KafkaJSOffsetOutOfRange' &&
					error.topic !== undefined &&
					error.partition !== undefined
						? {topic: error.topic, partition: error.partition}
						: undefined;
				failures.push(outOfRange ? {error, outOfRange} : {error});
			}
			return {fetched, failures};
		},
		disconnect: () => cluster.disconnect(),
	};
}
