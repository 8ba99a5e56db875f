/**
 * The envelope of a Fetch response (versions 4 to 11, what kafkajs 2.2.4 asks; Kafka 4 brokers
 * answer v4 and up), read as kafkajs' fetch/v4..v11/response.js read it, except that each
 * partition's record set stays a view of the response's bytes: record-batches.ts decodes it.
 */
import type {AbortedTransaction} from './record-batches.js';

export type FetchPartitionData = {
	partition: number;
	errorCode: number;
	highWatermark: number;
	/** READ_COMMITTED reads end here (an open transaction's records wait); -1 when unknown. */
	lastStableOffset: number;
	/** The partition's record set as the broker sent it, undefined when empty. */
	recordSet: Buffer | undefined;
	/** Null from the broker (not READ_COMMITTED, or none) is undefined. */
	abortedTransactions: AbortedTransaction[] | undefined;
};

/** In kafkajs' shape, so its own `parse` (the partition errors it throws) takes it as it is. */
export type FetchResponseData = {
	throttleTime: number;
	/** v8+: the broker wants us to wait this long (kafkajs' connection does). */
	clientSideThrottleTime?: number;
	responses: Array<{topicName: string; partitions: FetchPartitionData[]}>;
};

/** Lowest and highest Fetch versions read here; below, kafkajs reads the whole response. */
export const FIRST_VERSION = 4;
export const LAST_VERSION = 11;

const TWO_32 = 2 ** 32;

/** Reads the response from its start; Buffer's own checks throw on a response cut short. */
function reader(bytes: Buffer) {
	let at = 0;
	const step = (size: number) => {
		const from = at;
		at += size;
		return from;
	};
	return {
		int16: () => bytes.readInt16BE(step(2)),
		int32: () => bytes.readInt32BE(step(4)),
		int64: () => {
			const from = step(8);
			return bytes.readInt32BE(from) * TWO_32 + bytes.readUInt32BE(from + 4);
		},
		bigint64: () => bytes.readBigInt64BE(step(8)),
		string(): string {
			const length = bytes.readInt16BE(step(2));
			if (length < 0) return '';
			const from = step(length);
			return bytes.toString('utf8', from, from + length);
		},
		/** A record set: a view, cut to the bytes there are (decoding ignores a cut-off batch). */
		recordSet(): Buffer | undefined {
			const size = bytes.readInt32BE(step(4));
			if (size <= 0) return undefined;
			const from = step(Math.min(size, bytes.length - at));
			return bytes.subarray(from, at);
		},
	};
}

/** Decode a Fetch response of `version` (FIRST_VERSION..LAST_VERSION). */
export function decodeFetchResponse(version: number, payload: Buffer): FetchResponseData {
	const read = reader(payload);
	const throttle = read.int32();
	if (version >= 7) {
		read.int16(); // error code: kafkajs reads and ignores it (sessions are not used)
		read.int32(); // session id
	}
	const responses: FetchResponseData['responses'] = [];
	for (let topics = read.int32(); topics > 0; topics--) {
		const topicName = read.string();
		const partitions: FetchPartitionData[] = [];
		for (let count = read.int32(); count > 0; count--) {
			const partition = read.int32();
			const errorCode = read.int16();
			const highWatermark = read.int64();
			const lastStableOffset = read.int64();
			if (version >= 5) read.int64(); // log start offset
			const abortedCount = read.int32();
			let abortedTransactions: AbortedTransaction[] | undefined;
			if (abortedCount >= 0) {
				abortedTransactions = [];
				for (let index = 0; index < abortedCount; index++) {
					const producerId = read.bigint64();
					abortedTransactions.push({producerId, firstOffset: read.int64()});
				}
			}
			if (version >= 11) read.int32(); // preferred read replica
			partitions.push({
				partition,
				errorCode,
				highWatermark,
				lastStableOffset,
				abortedTransactions,
				recordSet: read.recordSet(),
			});
		}
		responses.push({topicName, partitions});
	}
	// As kafkajs: from v8 the broker no longer waits, it asks the client to.
	return version >= 8
		? {throttleTime: 0, clientSideThrottleTime: throttle, responses}
		: {throttleTime: throttle, responses};
}
