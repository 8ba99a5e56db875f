import {createRequire} from 'node:module';
import {describe, expect, it} from 'vitest';
import {
	decodeFetchResponse,
	FIRST_VERSION,
	LAST_VERSION,
} from '../../../../source/kafka/direct/fetch-response.js';
import {recordSet} from '../../../support/kafka/record-set-bytes.js';

/** Fetch responses of every version we read, against kafkajs' own response decoders. */

const require = createRequire(import.meta.url);
type KafkajsResponse = {
	decode(bytes: Buffer): Promise<{
		throttleTime: number;
		clientSideThrottleTime?: number;
		responses: Array<{
			topicName: string;
			partitions: Array<{
				partition: number;
				errorCode: number;
				highWatermark: string;
				abortedTransactions: Array<{producerId: string; firstOffset: string}>;
				messages: Array<{offset: string}>;
			}>;
		}>;
	}>;
};
const {parse} = require('kafkajs/src/protocol/requests/fetch/v0/response.js');

type Partition = {
	partition: number;
	errorCode: number;
	highWatermark: bigint;
	aborted: Array<[bigint, bigint]> | null;
	records: Buffer | null;
};

/** A Fetch response body (after the correlation id) as a broker of `version` writes it. */
function responseBytes(version: number, topics: Array<[string, Partition[]]>): Buffer {
	const parts: Buffer[] = [];
	const int16 = (value: number) => parts.push(Buffer.from([(value >> 8) & 0xff, value & 0xff]));
	const int32 = (value: number) => {
		const bytes = Buffer.alloc(4);
		bytes.writeInt32BE(value);
		parts.push(bytes);
	};
	const int64 = (value: bigint) => {
		const bytes = Buffer.alloc(8);
		bytes.writeBigInt64BE(value);
		parts.push(bytes);
	};
	int32(25); // throttle time
	if (version >= 7) {
		int16(0);
		int32(1234);
	}
	int32(topics.length);
	for (const [name, partitions] of topics) {
		int16(Buffer.byteLength(name));
		parts.push(Buffer.from(name));
		int32(partitions.length);
		for (const partition of partitions) {
			int32(partition.partition);
			int16(partition.errorCode);
			int64(partition.highWatermark);
			int64(partition.highWatermark - 1n); // last stable offset
			if (version >= 5) int64(0n);
			if (partition.aborted === null) int32(-1);
			else {
				int32(partition.aborted.length);
				for (const [producerId, firstOffset] of partition.aborted) {
					int64(producerId);
					int64(firstOffset);
				}
			}
			if (version >= 11) int32(-1);
			int32(partition.records?.length ?? -1);
			if (partition.records) parts.push(partition.records);
		}
	}
	return Buffer.concat(parts);
}

describe('decodeFetchResponse', () => {
	for (let version = FIRST_VERSION; version <= LAST_VERSION; version++) {
		it(`v${version}: the envelope kafkajs reads, each record set as the bytes sent`, async () => {
			const set = await recordSet([
				{
					firstOffset: 40,
					records: [
						{offsetDelta: 0, value: Buffer.from('a')},
						{offsetDelta: 1, value: null},
					],
				},
			]);
			const bytes = responseBytes(version, [
				[
					'orders',
					[
						{partition: 2, errorCode: 0, highWatermark: 42n, aborted: [[7n, 40n]], records: set},
						{partition: 0, errorCode: 0, highWatermark: 2n ** 40n, aborted: null, records: null},
					],
				],
				[
					'payments',
					[{partition: 1, errorCode: 0, highWatermark: 0n, aborted: [], records: Buffer.alloc(0)}],
				],
			]);
			const ours = decodeFetchResponse(version, bytes);
			const theirs = await (
				require(`kafkajs/src/protocol/requests/fetch/v${version}/response.js`) as KafkajsResponse
			).decode(bytes);
			expect(ours.throttleTime).toBe(theirs.throttleTime);
			expect(ours.clientSideThrottleTime).toBe(theirs.clientSideThrottleTime);
			expect(ours.responses.map((topic) => topic.topicName)).toEqual(
				theirs.responses.map((topic) => topic.topicName),
			);
			const flat = ours.responses.flatMap((topic) => topic.partitions);
			const theirFlat = theirs.responses.flatMap((topic) => topic.partitions);
			expect(
				flat.map(({partition, errorCode, highWatermark}) => ({partition, errorCode, highWatermark})),
			).toEqual(
				theirFlat.map(({partition, errorCode, highWatermark}) => ({
					partition,
					errorCode,
					highWatermark: Number(highWatermark),
				})),
			);
			expect(flat.map((partition) => partition.abortedTransactions)).toEqual([
				[{producerId: 7n, firstOffset: 40}],
				undefined,
				[],
			]);
			expect(flat[0]!.recordSet).toEqual(set);
			expect(theirFlat[0]!.messages.map((message) => message.offset)).toEqual(['40', '41']);
			expect(flat.slice(1).map((partition) => partition.recordSet)).toEqual([undefined, undefined]);
		});
	}

	it('a record set cut short by the end of the response is what there is', () => {
		const bytes = responseBytes(11, [
			['t', [{partition: 0, errorCode: 0, highWatermark: 5n, aborted: null, records: Buffer.from('abcdef')}]],
		]);
		const ours = decodeFetchResponse(11, bytes.subarray(0, bytes.length - 2));
		expect(ours.responses[0]!.partitions[0]!.recordSet).toEqual(Buffer.from('abcd'));
	});

	it("partition errors are kafkajs' own: out of range names the topic and partition", async () => {
		const outOfRange = decodeFetchResponse(
			4,
			responseBytes(4, [
				['t', [{partition: 3, errorCode: 1, highWatermark: 0n, aborted: null, records: null}]],
			]),
		);
		await expect(parse(outOfRange)).rejects.toMatchObject({
			name: 'KafkaJSOffsetOutOfRange',
			topic: 't',
			partition: 3,
		});
		const notLeader = decodeFetchResponse(
			9,
			responseBytes(9, [
				['t', [{partition: 0, errorCode: 6, highWatermark: 0n, aborted: null, records: null}]],
			]),
		);
		await expect(parse(notLeader)).rejects.toMatchObject({
			name: 'KafkaJSProtocolError',
			type: 'NOT_LEADER_FOR_PARTITION',
			retriable: true,
		});
	});
});
