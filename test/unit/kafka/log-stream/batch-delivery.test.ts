import type {EachBatchPayload, KafkaMessage} from 'kafkajs';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {createBatchDelivery} from '../../../../source/kafka/log-stream/batch-delivery.js';
import {createPartitionTracker} from '../../../../source/kafka/log-stream/partition-tracker.js';
import {createStopSignals} from '../../../../source/kafka/log-stream/stop-signals.js';
import type {RawRecord} from '../../../../source/record/log-record.js';

const HEARTBEAT_MS = 1000;

/** A delivery whose receiver holds every batch until the test lets it go. */
function makeDelivery() {
	const stops = createStopSignals();
	const delivered: RawRecord[][] = [];
	let releaseReceiver!: () => void;
	let receiverHold: Promise<void> | undefined;
	const holdReceiver = () => {
		receiverHold = new Promise<void>((resolve) => {
			releaseReceiver = () => {
				receiverHold = undefined;
				resolve();
			};
		});
	};
	const delivery = createBatchDelivery({
		tracker: createPartitionTracker(),
		onRecords: (records) => {
			delivered.push(records);
			return receiverHold;
		},
		undecodableAsRecords: false,
		reportOnce: () => undefined,
		flowing: () => undefined,
		afterBatch: () => undefined,
		holds: () => false,
		paused: () => false,
		stopping: () => stops.stopping,
		stoppingSignal: stops.whenStopping,
		hold: () => () => undefined,
		heartbeatMs: HEARTBEAT_MS,
	});
	return {delivery, delivered, stops, holdReceiver, release: () => releaseReceiver()};
}

const message = (offset: number): KafkaMessage => ({
	offset: String(offset),
	key: null,
	value: Buffer.from(`{"message":"m${offset}"}`),
	timestamp: '0',
	attributes: 0,
	headers: {},
});

/** kafkajs' eachBatch payload for offsets `from..to` of partition 0, with a heartbeat that does what `beat` says. */
function payload(from: number, to: number, beat: () => Promise<void>, resolved: number[]): EachBatchPayload {
	const messages = Array.from({length: to - from + 1}, (_, index) => message(from + index));
	return {
		batch: {
			topic: 't',
			partition: 0,
			messages,
			highWatermark: '100',
			lastOffset: () => String(to),
		},
		resolveOffset: (offset: string) => resolved.push(Number(offset)),
		heartbeat: beat,
		isRunning: () => true,
		isStale: () => false,
	} as unknown as EachBatchPayload;
}

const rebalancing = (): Promise<void> =>
	Promise.reject(Object.assign(new Error('rebalancing'), {type: 'REBALANCE_IN_PROGRESS'}));

beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

describe('holdFetching', () => {
	it('heartbeats while the receiver holds, and ends with true when it lets go', async () => {
		const {delivery} = makeDelivery();
		let release!: () => void;
		const held = new Promise<void>((resolve) => {
			release = resolve;
		});
		const heartbeat = vi.fn(() => Promise.resolve());
		let result: boolean | undefined;
		void delivery.holdFetching(held, heartbeat).then((value) => {
			result = value;
		});
		// A reader stopped for minutes: the group hears from us all along.
		await vi.advanceTimersByTimeAsync(120_000);
		expect(heartbeat).toHaveBeenCalledTimes(120);
		expect(result).toBeUndefined();
		release();
		await vi.advanceTimersByTimeAsync(0);
		expect(result).toBe(true);
		await vi.advanceTimersByTimeAsync(10_000);
		expect(heartbeat).toHaveBeenCalledTimes(120);
	});

	it('ends with false when a heartbeat says the group rebalances or forgot us, not on other errors', async () => {
		for (const type of [
			'REBALANCE_IN_PROGRESS',
			'ILLEGAL_GENERATION',
			'UNKNOWN_MEMBER_ID',
			'NOT_COORDINATOR_FOR_GROUP',
		]) {
			const {delivery} = makeDelivery();
			let beats = 0;
			const heartbeat = () => {
				beats += 1;
				// A broker that does not answer in time first: the hold goes on.
				const error = Object.assign(new Error(type), {type: beats === 1 ? 'REQUEST_TIMED_OUT' : type});
				return Promise.reject(error);
			};
			let result: boolean | undefined;
			void delivery.holdFetching(new Promise<void>(() => undefined), heartbeat).then((value) => {
				result = value;
			});
			await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
			expect(result, type).toBeUndefined();
			await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
			expect(result, type).toBe(false);
		}
	});

	it('ends every hold with true when the stream stops, and at once when it already did', async () => {
		const {delivery, stops} = makeDelivery();
		const never = new Promise<void>(() => undefined);
		const results: boolean[] = [];
		for (let index = 0; index < 3; index++)
			void delivery.holdFetching(never).then((value) => results.push(value));
		await vi.advanceTimersByTimeAsync(5000);
		expect(results).toEqual([]);
		stops.begin();
		await vi.advanceTimersByTimeAsync(0);
		expect(results).toEqual([true, true, true]);
		expect(await delivery.holdFetching(never)).toBe(true);
	});
});

describe('eachBatch while the receiver holds', () => {
	it('lets kafkajs rejoin on a rebalance, then takes the next batch once, when the hold ends', async () => {
		const {delivery, delivered, holdReceiver, release} = makeDelivery();
		const eachBatch = delivery.eachBatch(() => true);
		const resolved: number[] = [];
		let beat = rebalancing;
		holdReceiver();
		// The first batch is taken and held; a rebalance ends the hold, so eachBatch returns.
		let first = false;
		void eachBatch(payload(0, 9, () => beat(), resolved)).then(() => {
			first = true;
		});
		await vi.advanceTimersByTimeAsync(0);
		expect(delivered).toHaveLength(1);
		expect(resolved).toEqual([9]);
		expect(first).toBe(false);
		await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
		expect(first).toBe(true);
		// While the receiver still holds, the group's next batch after the rejoin waits; another
		// rebalance drops it untaken and unresolved (kafkajs fetches it again from our position).
		let second = false;
		void eachBatch(payload(10, 19, () => beat(), resolved)).then(() => {
			second = true;
		});
		await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
		expect(second).toBe(true);
		expect(delivered).toHaveLength(1);
		expect(resolved).toEqual([9]);
		// In the new generation the heartbeats succeed: the batch waits for the receiver, then goes once.
		beat = () => Promise.resolve();
		let third = false;
		void eachBatch(payload(10, 19, () => beat(), resolved)).then(() => {
			third = true;
		});
		await vi.advanceTimersByTimeAsync(10 * HEARTBEAT_MS);
		expect(delivered).toHaveLength(1);
		release();
		await vi.advanceTimersByTimeAsync(0);
		expect(third).toBe(true);
		expect(delivered.map((records) => records.map((record) => record.offset))).toEqual([
			[0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
			[10, 11, 12, 13, 14, 15, 16, 17, 18, 19],
		]);
		expect(resolved).toEqual([9, 19]);
	});
});
