/**
 * One Fetch to one leader, through kafkajs for everything but the record bytes: its broker
 * (connection, SASL, TLS, negotiated versions) builds the request as its own `fetch()` does and
 * sends it on its connection pool, as its private `SEND_REQUEST` does; our response decoder
 * (fetch-response.ts) keeps each partition's record set as bytes, and record-batches.ts turns
 * them into RawRecords. kafkajs' `parse` throws the partition errors (KafkaJSOffsetOutOfRange
 * with topic and partition, the rest by error code), so failures are what they were.
 *
 * Brokers that answer only Fetch v0-v3 (Kafka before 0.11) and magic 0/1 message sets are
 * read by kafkajs' own decoder and `Batch`, as before.
 */
import {createRequire} from 'node:module';
import kafkajs, {type KafkaMessage} from 'kafkajs';
import type {RawRecord} from '../../record/log-record.js';
import {UndecodableBatchError} from '../codecs/index.js';
import {toRawRecords} from '../log-stream/kafka-records.js';
import {decodeFetchResponse, type FetchResponseData, FIRST_VERSION, LAST_VERSION} from './fetch-response.js';
import {type AbortedTransaction, type DecodedRecordSet, decodeRecordSet} from './record-batches.js';

const require = createRequire(import.meta.url);
const apiKeys = require('kafkajs/src/protocol/requests/apiKeys.js') as {Fetch: number};
const {requests} = require('kafkajs/src/protocol/requests/index.js') as {requests: {Fetch: unknown}};
const {parse: parsePartitionErrors} = require('kafkajs/src/protocol/requests/fetch/v0/response.js') as {
	parse(data: FetchResponseData): Promise<FetchResponseData>;
};
const Decoder = require('kafkajs/src/protocol/decoder.js') as new (bytes: Buffer) => unknown;
const decodeMessages = require('kafkajs/src/protocol/requests/fetch/v4/decodeMessages.js') as (
	decoder: unknown,
) => Promise<KafkaMessage[]>;
const shuffle = require('kafkajs/src/utils/shuffle.js') as <T>(list: T[]) => T[];

/** The parts of kafkajs' internal `Batch` (src/consumer/batch.js) we use. */
type KafkajsBatch = {
	readonly messages: KafkaMessage[];
	isEmpty(): boolean;
	isEmptyDueToFiltering(): boolean;
	lastOffset(): string;
};
type BatchConstructor = new (topic: string, fetchedOffset: string, partitionData: unknown) => KafkajsBatch;
const Batch = require('kafkajs/src/consumer/batch.js') as BatchConstructor;

const codecs = kafkajs.CompressionCodecs as unknown as Record<
	number,
	(() => {decompress(bytes: Buffer): Promise<Buffer>}) | undefined
>;
const decompress = (codec: number, compressed: Buffer) => {
	const make = codecs[codec];
	if (!make) throw new Error(`no codec ${codec} registered`);
	return make().decompress(compressed);
};

export type FetchArgs = {
	replicaId: number;
	isolationLevel: number;
	maxWaitTime: number;
	minBytes: number;
	maxBytes: number;
	topics: Array<{
		topic: string;
		partitions: Array<{partition: number; fetchOffset: string; maxBytes: number}>;
	}>;
};

type ProtocolRequest = {request: {apiVersion: number}; response: unknown; requestTimeout?: number};
type KafkajsPartition = {
	partition: number;
	highWatermark: string;
	abortedTransactions?: unknown;
	messages: KafkaMessage[];
};

/** The parts of kafkajs' internal Broker (src/broker/index.js) used here. */
export type KafkajsBroker = {
	fetch(request: FetchArgs): Promise<{responses: Array<{topicName: string; partitions: KafkajsPartition[]}>}>;
	lookupRequest(apiKey: number, definition: unknown): (args: FetchArgs & {rackId: string}) => ProtocolRequest;
	connectionPool: {send(request: ProtocolRequest): Promise<unknown>};
	disconnect(): Promise<void>;
};

/** One partition's fetch: records to show and the next position (undefined: nothing moves). */
export type PartitionFetch = {
	topic: string;
	partition: number;
	records: RawRecord[];
	nextOffset: number | undefined;
	highWatermark: number;
	/**
	 * Nothing came though the partition has records past the fetch offset, in a response with
	 * room left: its next batch is bigger than the partition's limit. The least the next fetch
	 * should allow: the batch's size when its cut-off header came, else twice the limit.
	 */
	firstBatchBytes?: number;
};

/** kafkajs' reading of one partition: its `Batch` rules for offsets, as the direct path had them. */
function viaKafkajsBatch(topic: string, fetchOffset: number, data: KafkajsPartition): PartitionFetch {
	const batch = new Batch(topic, String(fetchOffset), data);
	// An empty answer moves nothing; a batch of only markers, aborted or compacted records moves past them.
	const moves = !batch.isEmpty() || batch.isEmptyDueToFiltering();
	return {
		topic,
		partition: data.partition,
		records: toRawRecords(topic, data.partition, batch.messages),
		nextOffset: moves ? Number(batch.lastOffset()) + 1 : undefined,
		highWatermark: Number(data.highWatermark),
	};
}

/** A magic 0/1 record set, by kafkajs' decoder, as its fetch response reads one. */
async function legacyRecords(
	topic: string,
	partition: number,
	fetchOffset: number,
	recordSet: Buffer,
	highWatermark: number,
	aborted: readonly AbortedTransaction[] | undefined,
): Promise<PartitionFetch> {
	const framed = Buffer.alloc(recordSet.length + 4);
	framed.writeInt32BE(recordSet.length, 0);
	recordSet.copy(framed, 4);
	const messages = await decodeMessages(new Decoder(framed));
	return viaKafkajsBatch(topic, fetchOffset, {
		partition,
		highWatermark: String(highWatermark),
		abortedTransactions: (aborted ?? []).map((each) => ({
			producerId: String(each.producerId),
			firstOffset: String(each.firstOffset),
		})),
		messages,
	});
}

/** What one leader's fetch gave: partitions, and partitions whose bytes are no record set (fatal). */
export type LeaderFetch = {fetched: PartitionFetch[]; corrupt: Error[]};

/** As kafkajs' broker.fetch: partitions shuffled for fairness (KIP-74), a topic's consecutive ones joined. */
function shuffled(topics: FetchArgs['topics']): FetchArgs['topics'] {
	const flat = topics.flatMap(({topic, partitions}) => partitions.map((partition) => ({topic, partition})));
	const joined: FetchArgs['topics'] = [];
	for (const {topic, partition} of shuffle(flat)) {
		const last = joined.at(-1);
		if (last?.topic === topic) last.partitions.push(partition);
		else joined.push({topic, partitions: [partition]});
	}
	return joined;
}

/** Fetch from `broker` and decode every partition (the request's fetch offsets as numbers in `offsets`). */
export async function fetchRecords(broker: KafkajsBroker, args: FetchArgs): Promise<LeaderFetch> {
	/** What was asked of each partition: its fetch offset as a number, and its byte limit. */
	const asked = new Map<string, {offset: number; limit: number}>();
	for (const {topic, partitions} of args.topics) {
		for (const {partition, fetchOffset, maxBytes} of partitions)
			asked.set(`${topic}\u0000${partition}`, {offset: Number(fetchOffset), limit: maxBytes});
	}
	const askedOf = (topic: string, partition: number) => asked.get(`${topic}\u0000${partition}`);
	const fetchOffset = (topic: string, partition: number) => askedOf(topic, partition)?.offset ?? 0;
	const request = broker.lookupRequest(
		apiKeys.Fetch,
		requests.Fetch,
	)({...args, topics: shuffled(args.topics), rackId: ''});
	const version = request.request.apiVersion;
	if (version < FIRST_VERSION || version > LAST_VERSION) {
		const {responses} = await broker.fetch(args);
		const fetched = responses.flatMap(({topicName, partitions}) =>
			partitions.map((data) => viaKafkajsBatch(topicName, fetchOffset(topicName, data.partition), data)),
		);
		return {fetched, corrupt: []};
	}
	let data: FetchResponseData;
	try {
		data = (await broker.connectionPool.send({
			...request,
			response: {
				decode: async (payload: Buffer) => decodeFetchResponse(version, payload),
				parse: parsePartitionErrors,
			},
		})) as FetchResponseData;
	} catch (error) {
		// As kafkajs' broker: a closed connection is dropped, the next request reconnects.
		if ((error as {name?: string} | null)?.name === 'KafkaJSConnectionClosedError') await broker.disconnect();
		throw error;
	}
	const result: LeaderFetch = {fetched: [], corrupt: []};
	let responseBytes = 0;
	for (const {partitions} of data.responses) {
		for (const {recordSet} of partitions) responseBytes += recordSet?.length ?? 0;
	}
	// A partition left empty by a full response says nothing about its batches.
	const roomLeft = responseBytes < args.maxBytes / 2;
	for (const {topicName: topic, partitions} of data.responses) {
		for (const {partition, highWatermark, lastStableOffset, recordSet, abortedTransactions} of partitions) {
			const offset = fetchOffset(topic, partition);
			const set: DecodedRecordSet = recordSet
				? await decodeRecordSet(topic, partition, recordSet, offset, abortedTransactions, decompress)
				: {kind: 'records', records: [], nextOffset: undefined};
			if (set.kind === 'records') {
				const tooBig =
					set.nextOffset === undefined &&
					roomLeft &&
					offset < (lastStableOffset >= 0 ? Math.min(highWatermark, lastStableOffset) : highWatermark)
						? (set.firstBatchBytes ?? 2 * (askedOf(topic, partition)?.limit ?? 0))
						: undefined;
				result.fetched.push({
					topic,
					partition,
					records: set.records,
					nextOffset: set.nextOffset,
					highWatermark,
					...(tooBig ? {firstBatchBytes: tooBig} : {}),
				});
			} else if (set.kind === 'legacy' && recordSet) {
				result.fetched.push(
					await legacyRecords(topic, partition, offset, recordSet, highWatermark, abortedTransactions),
				);
			} else if (set.kind === 'corrupt') {
				// As a compressed batch whose header cannot be found: it would fail every fetch again,
				// so the stream stops with this one line (error-reason.ts: isFatalKafkaError).
				result.corrupt.push(
					new UndecodableBatchError(
						`partition ${partition} of topic '${topic}' at offset ${offset} holds bytes that are no record batch (${set.reason}); klog-tui cannot tell its offsets to skip them`,
					),
				);
			}
		}
	}
	return result;
}
