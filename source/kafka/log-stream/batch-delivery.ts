import type {EachBatchPayload} from 'kafkajs';
import type {RawRecord} from '../../record/log-record.js';
import {takeUndecodable} from '../codecs/undecodable-records.js';
import {describeKafkaError} from '../error-reason.js';
import type {WindowEnd} from './end-offsets.js';
import {toRawRecords} from './kafka-records.js';
import type {PartitionTracker} from './partition-tracker.js';

/**
 * One partition's records (may be none) up to `batchLastOffset`, and its high watermark. The
 * direct path decodes RawRecords itself (direct/record-batches.ts); the group path's kafkajs
 * messages are turned into them once, in `eachBatch`.
 */
export type PartitionBatch = [
	topic: string,
	partition: number,
	records: RawRecord[],
	batchLastOffset: number,
	highWatermark: number,
];

/**
 * Batches to the receiver, from the group or read directly: positions, records, caught-up,
 * and the receiver's backpressure (a returned promise holds the next fetch; the group is kept
 * alive with heartbeats meanwhile).
 */
export type BatchDelivery = {
	/**
	 * One partition's batch: positions, records, caught-up. Returns what holds the next fetch
	 * (the receiver's backpressure), if anything.
	 */
	deliver(...batch: PartitionBatch): Promise<void> | undefined;
	/**
	 * Wait for `held` (the receiver catching up, which may take minutes behind a stopped pipe
	 * reader), heartbeating so the group keeps us; never throws. Resolves true once `held`
	 * settled or the stream stops, false when a heartbeat says the group rebalances or forgot
	 * us: kafkajs rejoins only once `eachBatch` returned (a rebalance would wait for us, then
	 * drop us).
	 */
	holdFetching(held: Promise<void>, heartbeat?: () => Promise<void>): Promise<boolean>;
	/** kafkajs' `eachBatch` for a consumer that is ours while `isMine()`. */
	eachBatch(isMine: () => boolean): (payload: EachBatchPayload) => Promise<void>;
	/** When the last batch of `topic` came, if one did. */
	lastBatchAt(topic: string): number | undefined;
	/** The user re-seeked the partition: until its first batch from there, markers do not move it. */
	seekPending(topic: string, partition: number): void;
	isSeekPending(topic: string, partition: number): boolean;
};

export type BatchDeliveryDeps = {
	tracker: PartitionTracker;
	onRecords: (records: RawRecord[], behind: boolean) => void | Promise<void>;
	/** Also hand an undecodable batch over as one error record (the TUI). */
	undecodableAsRecords: boolean;
	reportOnce(message: string): void;
	/** Records arrived: data flows. */
	flowing(): void;
	/** Records of `[.., nextOffset)` were handed over (for commits), when committing. */
	handed?: (topic: string, partition: number, nextOffset: number) => void;
	/** After every batch: caught up yet? the partition table changed. */
	afterBatch(): void;
	/** True while the partition's position is looked up: its batches are not ours yet. */
	holds(topic: string, partition: number): boolean;
	paused(): boolean;
	stopping(): boolean;
	/** Resolves when the stream stops: a hold ends then, whatever the receiver does. */
	stoppingSignal: Promise<void>;
	/** A receiver holds the next fetch until the returned release (the watchdog stays quiet). */
	hold(): () => void;
	/** Heartbeat period while a batch handler holds the next fetch (well inside the 10 s session). */
	heartbeatMs?: number;
	/** `--until`: records at or past the window's end are not handed over (end-offsets.ts). */
	windowEnd?: WindowEnd;
};

const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/** kafkajs error types of a heartbeat that mean the group wants us to join again. */
const REJOIN_ERRORS = new Set([
	'REBALANCE_IN_PROGRESS',
	'ILLEGAL_GENERATION',
	'UNKNOWN_MEMBER_ID',
	'NOT_COORDINATOR_FOR_GROUP',
]);
const asksToRejoin = (error: unknown) =>
	REJOIN_ERRORS.has((error as {type?: unknown} | null)?.type as string);

export function createBatchDelivery(deps: BatchDeliveryDeps): BatchDelivery {
	const {tracker, heartbeatMs = 1000} = deps;
	const lastBatchAt = new Map<string, number>();
	/** Partitions the user re-seeked whose first batch from the new position has not arrived. */
	const seekPending = new Set<string>();
	/**
	 * The receiver's hold on the last batch handed over by either path, until it settles: the
	 * group's first batch after the hand-over must wait for a batch the direct reader handed over.
	 */
	let pendingHold: Promise<void> | undefined;
	const keepPendingHold = (held: Promise<void>) => {
		const settled: Promise<void> = held.then(
			() => undefined,
			() => undefined,
		);
		pendingHold = settled;
		void settled.then(() => {
			if (pendingHold === settled) pendingHold = undefined;
		});
	};

	/**
	 * The holds waiting now, ended together when the stream stops: one reaction to the stopping
	 * signal, not one per hold. A promise that never settles keeps every reaction to it, and a
	 * hold's would keep its kafkajs batch (through the heartbeat): 200k records of 500k
	 * followed were still on the worker's heap after the catch-up.
	 */
	const holds = new Set<(taken: boolean) => void>();
	void deps.stoppingSignal.then(() => {
		for (const end of holds) end(true);
	});

	const delivery: BatchDelivery = {
		deliver(topic, partition, batchRecords, batchLastOffset, highWatermark) {
			const inWindow = deps.windowEnd ? deps.windowEnd.cut(topic, partition, batchRecords) : batchRecords;
			// Past the window's end nothing more is to come: the partition is not behind.
			const readTo = Math.min(highWatermark, deps.windowEnd?.end(topic, partition) ?? highWatermark);
			const sorted = takeUndecodable(inWindow, deps.undecodableAsRecords);
			for (const problem of sorted.problems) deps.reportOnce(problem);
			const records = sorted.records;
			tracker.recordBatch(topic, partition, {
				records: records.length,
				lastRecordOffset: records.at(-1)?.offset,
				batchLastOffset,
				highWatermark,
			});
			lastBatchAt.set(topic, Date.now());
			let held: Promise<void> | undefined;
			if (records.length > 0) {
				// Records prove that data flows, even while kafkajs still logs errors about a broker
				// that went away (then a FETCH alone does not count, see there), as after a node of a
				// cluster dies. The last fetch is fresh: kafkajs emits FETCH before it hands out batches.
				deps.flowing();
				try {
					// A receiver returns nothing (void) or a promise.
					held = deps.onRecords(records, readTo > batchLastOffset + 1) as Promise<void> | undefined;
					if (held) keepPendingHold(held);
					deps.handed?.(topic, partition, Number(batchLastOffset) + 1);
				} catch (error) {
					deps.reportOnce(`could not handle records: ${describeKafkaError(error)}`);
				}
			}
			deps.afterBatch();
			return held;
		},

		async holdFetching(held, heartbeat) {
			// stop() must not wait for a receiver that is gone: stopping ends the hold.
			if (deps.stopping()) return true;
			let end!: (taken: boolean) => void;
			const ended = new Promise<boolean>((resolve) => {
				end = resolve;
			});
			holds.add(end);
			const beating = setInterval(() => {
				if (deps.stopping()) return;
				void heartbeat?.().catch((error: unknown) => {
					if (asksToRejoin(error)) end(false);
				});
			}, heartbeatMs);
			const release = deps.hold();
			void held.then(
				() => end(true),
				() => end(true),
			);
			try {
				return await ended;
			} finally {
				holds.delete(end);
				clearInterval(beating);
				release();
			}
		},

		eachBatch: (isMine) => async (payload) => {
			const {batch, resolveOffset, isRunning, isStale, heartbeat} = payload;
			const dropped = () => !isMine() || deps.stopping() || !isRunning() || isStale() || deps.paused();
			// Batches of an older consumer, after stop, with a seek pending, or while paused are
			// dropped without resolving, so kafkajs fetches them again from our position.
			if (dropped()) return;
			// A hold the group broke off (a rebalance): this batch is not taken; kafkajs rejoins, and
			// the next join seeks to our position, so it comes again, once.
			if (pendingHold) {
				if (!(await delivery.holdFetching(pendingHold, heartbeat)) || dropped()) return;
			}
			if (deps.holds(batch.topic, batch.partition)) return;
			seekPending.delete(partitionKey(batch.topic, batch.partition));
			const batchLastOffset = batch.lastOffset();
			const held = delivery.deliver(
				batch.topic,
				batch.partition,
				toRawRecords(batch.topic, batch.partition, batch.messages),
				Number(batchLastOffset),
				Number(batch.highWatermark),
			);
			// With autoCommit off this only moves kafkajs' in-memory fetch position; passing the
			// batch's last offset also steps over a trailing transaction marker.
			resolveOffset(batchLastOffset);
			if (held) await delivery.holdFetching(held, heartbeat);
		},

		lastBatchAt: (topic) => lastBatchAt.get(topic),
		seekPending(topic, partition) {
			seekPending.add(partitionKey(topic, partition));
		},
		isSeekPending: (topic, partition) => seekPending.has(partitionKey(topic, partition)),
	};
	return delivery;
}
