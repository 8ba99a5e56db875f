import {describe, expect, it} from 'vitest';
import {
	type FetchArgs,
	fetchRecords,
	type KafkajsBroker,
} from '../../../../source/kafka/direct/fetch-records.js';
import {isFatalKafkaError} from '../../../../source/kafka/error-reason.js';
import {legacyMessageSet, recordSet} from '../../../support/kafka/record-set-bytes.js';

/**
 * fetchRecords over a broker that answers with given bytes: kafkajs' own request for the
 * negotiated version, our response decoding, kafkajs' parse, and what each partition becomes.
 * (Real brokers: test/integration/direct-fetch-decoder.test.ts and the direct-path tests.)
 */

/** A response body of version 11 with one topic. */
function response(
	topic: string,
	partitions: Array<{partition: number; errorCode?: number; records: Buffer; lastStable?: bigint}>,
): Buffer {
	const head = Buffer.alloc(14);
	head.writeInt32BE(0, 0); // throttle
	head.writeInt16BE(0, 4);
	head.writeInt32BE(0, 6); // session
	head.writeInt32BE(1, 10);
	const name = Buffer.alloc(2 + topic.length);
	name.writeInt16BE(topic.length);
	name.write(topic, 2);
	const count = Buffer.alloc(4);
	count.writeInt32BE(partitions.length);
	const bodies = partitions.map(({partition, errorCode = 0, records, lastStable = 100n}) => {
		const body = Buffer.alloc(4 + 2 + 8 + 8 + 8 + 4 + 4 + 4);
		body.writeInt32BE(partition, 0);
		body.writeInt16BE(errorCode, 4);
		body.writeBigInt64BE(100n, 6);
		body.writeBigInt64BE(lastStable, 14);
		body.writeBigInt64BE(0n, 22);
		body.writeInt32BE(-1, 30); // no aborted transactions
		body.writeInt32BE(-1, 34); // preferred read replica
		body.writeInt32BE(records.length, 38);
		return Buffer.concat([body, records]);
	});
	return Buffer.concat([head, name, count, ...bodies]);
}

function brokerAnswering(payload: Buffer | Error, version = 11) {
	const sent: Array<{apiVersion: number}> = [];
	let disconnects = 0;
	const broker: KafkajsBroker = {
		fetch: () => Promise.reject(new Error('kafkajs fetch is not used from v4')),
		lookupRequest: (_apiKey, definition) => (args) =>
			(
				definition as {
					protocol(v: {
						version: number;
					}): (a: unknown) => ReturnType<ReturnType<KafkajsBroker['lookupRequest']>>;
				}
			).protocol({
				version,
			})(args),
		connectionPool: {
			async send(request) {
				sent.push(request.request);
				if (payload instanceof Error) throw payload;
				const response = request.response as {
					decode(b: Buffer): Promise<unknown>;
					parse(d: unknown): Promise<unknown>;
				};
				return response.parse(await response.decode(payload));
			},
		},
		async disconnect() {
			disconnects++;
		},
	};
	return {broker, sent, disconnects: () => disconnects};
}

const args = (offsets: Record<number, number>): FetchArgs => ({
	replicaId: -1,
	isolationLevel: 1,
	maxWaitTime: 100,
	minBytes: 1,
	maxBytes: 1024 * 1024,
	topics: [
		{
			topic: 't',
			partitions: Object.entries(offsets).map(([partition, offset]) => ({
				partition: Number(partition),
				fetchOffset: String(offset),
				maxBytes: 65536,
			})),
		},
	],
});

describe('fetchRecords', () => {
	it("sends kafkajs' request of the negotiated version and decodes each partition from its fetch offset", async () => {
		const v2 = await recordSet([
			{firstOffset: 10, records: [0, 1, 2].map((i) => ({offsetDelta: i, value: Buffer.from(`v${i}`)}))},
		]);
		const {broker, sent} = brokerAnswering(
			response('t', [
				{partition: 0, records: v2},
				{partition: 1, records: legacyMessageSet(5, ['old a', 'old b'])},
				{partition: 2, records: Buffer.alloc(30, 0xff)},
			]),
		);
		const result = await fetchRecords(broker, args({0: 11, 1: 6, 2: 0}));
		expect(sent).toEqual([expect.objectContaining({apiKey: 1, apiVersion: 11})]);
		const byPartition = new Map(result.fetched.map((part) => [part.partition, part]));
		expect(byPartition.get(0)).toMatchObject({nextOffset: 13, highWatermark: 100});
		expect(byPartition.get(0)!.records.map((record) => [record.offset, record.value?.toString()])).toEqual([
			[11, 'v1'],
			[12, 'v2'],
		]);
		// Magic 1: kafkajs' decoder and Batch read it.
		expect(byPartition.get(1)!.records.map((record) => [record.offset, record.value?.toString()])).toEqual([
			[6, 'old b'],
		]);
		expect(byPartition.get(1)!.nextOffset).toBe(7);
		// Not a record set: a failure of that partition alone, which stops the stream with one line.
		expect(byPartition.has(2)).toBe(false);
		expect(result.corrupt).toEqual([
			expect.objectContaining({
				name: 'UndecodableBatchError',
				message: expect.stringMatching(
					/^partition 2 of topic 't' at offset 0 holds bytes that are no record batch \(/,
				),
			}),
		]);
		expect(isFatalKafkaError(result.corrupt[0])).toBe(true);
	});

	it("throws kafkajs' partition errors: out of range with its topic and partition", async () => {
		const {broker} = brokerAnswering(response('t', [{partition: 4, errorCode: 1, records: Buffer.alloc(0)}]));
		await expect(fetchRecords(broker, args({4: 0}))).rejects.toMatchObject({
			name: 'KafkaJSOffsetOutOfRange',
			topic: 't',
			partition: 4,
		});
	});

	it('drops the broker on a closed connection, as kafkajs does, and rethrows', async () => {
		const closed = Object.assign(new Error('Closed connection'), {name: 'KafkaJSConnectionClosedError'});
		const {broker, disconnects} = brokerAnswering(closed);
		await expect(fetchRecords(broker, args({0: 0}))).rejects.toBe(closed);
		expect(disconnects()).toBe(1);
		const other = brokerAnswering(new Error('timeout'));
		await expect(fetchRecords(other.broker, args({0: 0}))).rejects.toThrow('timeout');
		expect(other.disconnects()).toBe(0);
	});

	it('below Fetch v4 kafkajs reads the whole response', async () => {
		const {broker} = brokerAnswering(Buffer.alloc(0), 3);
		broker.fetch = async () => ({
			responses: [
				{
					topicName: 't',
					partitions: [
						{
							partition: 0,
							highWatermark: '9',
							messages: [
								{offset: '8', timestamp: '5', key: null, value: Buffer.from('x'), headers: {}, attributes: 0},
							],
						},
					],
				},
			],
		});
		const result = await fetchRecords(broker, args({0: 8}));
		expect(result.fetched).toEqual([
			{
				topic: 't',
				partition: 0,
				records: [
					{
						topic: 't',
						partition: 0,
						offset: 8,
						timestamp: 5,
						key: null,
						value: Buffer.from('x'),
						headers: {},
					},
				],
				nextOffset: 9,
				highWatermark: 9,
			},
		]);
	});
	it('says how much a partition needs when its next batch did not fit its limit', async () => {
		const batch = await recordSet([
			{firstOffset: 40, records: [0, 1].map((i) => ({offsetDelta: i, value: Buffer.alloc(300, 0x61)}))},
		]);
		const {broker} = brokerAnswering(
			response('t', [
				// Records below the high watermark, none sent (a newer broker leaves it empty).
				{partition: 0, records: Buffer.alloc(0)},
				// An older broker sends the batch cut off: its header tells its size.
				{partition: 1, records: batch.subarray(0, 100)},
				// At the end: nothing to read, nothing to grow.
				{partition: 2, records: Buffer.alloc(0)},
				// An open transaction holds READ_COMMITTED reads at the last stable offset.
				{partition: 3, records: Buffer.alloc(0), lastStable: 50n},
			]),
		);
		const result = await fetchRecords(broker, args({0: 10, 1: 40, 2: 100, 3: 50}));
		const byPartition = new Map(result.fetched.map((part) => [part.partition, part]));
		expect(byPartition.get(0)).toMatchObject({
			records: [],
			nextOffset: undefined,
			firstBatchBytes: 2 * 65536,
		});
		expect(byPartition.get(1)).toMatchObject({
			records: [],
			nextOffset: undefined,
			firstBatchBytes: batch.length,
		});
		expect(byPartition.get(2)!.firstBatchBytes).toBeUndefined();
		expect(byPartition.get(3)!.firstBatchBytes).toBeUndefined();
	});

	it('asks nothing more of a partition left empty by a response that was full', async () => {
		const big = await recordSet([
			{firstOffset: 0, records: [0].map((i) => ({offsetDelta: i, value: Buffer.alloc(700_000, 0x62)}))},
		]);
		const {broker} = brokerAnswering(
			response('t', [
				{partition: 0, records: big},
				{partition: 1, records: Buffer.alloc(0)},
			]),
		);
		const result = await fetchRecords(broker, args({0: 0, 1: 0}));
		const byPartition = new Map(result.fetched.map((part) => [part.partition, part]));
		expect(byPartition.get(0)!.records).toHaveLength(1);
		expect(byPartition.get(1)!.firstBatchBytes).toBeUndefined();
	});
});
