import {describe, expect, it, vi} from 'vitest';
import {createConsumerSlot} from '../../../../source/kafka/log-stream/group/consumer-slot.js';
import {
	decimal,
	rangesOf,
	toRawRecord,
	toRawRecords,
} from '../../../../source/kafka/log-stream/kafka-records.js';
import {createPartitionReporter} from '../../../../source/kafka/log-stream/partition-reporter.js';
import {createStateReporter} from '../../../../source/kafka/log-stream/state-reporter.js';
import {createStopSignals} from '../../../../source/kafka/log-stream/stop-signals.js';
import {backoffMs, within} from '../../../../source/kafka/log-stream/stream-timing.js';
import type {ConnectionState, PartitionStatus} from '../../../../source/stream/stream-status.js';

describe('stream timing', () => {
	it('backs off from 0.5 s, doubling, up to 10 s', () => {
		expect([0, 1, 2, 3, 4, 5, 6, 7].map(backoffMs)).toEqual([
			500, 500, 1000, 2000, 4000, 8000, 10_000, 10_000,
		]);
	});

	it('within: the answer when it comes in time, undefined when not', async () => {
		expect(await within(Promise.resolve(7), 1000)).toBe(7);
		expect(await within(new Promise(() => undefined), 10)).toBeUndefined();
	});
});

describe('kafka records', () => {
	it('turns kafkajs offsets and messages into numbers and plain data', () => {
		expect(rangesOf([{partition: 1, low: '3', high: '10'}])).toEqual([{partition: 1, low: 3, high: 10}]);
		const value = Buffer.from('{"message":"hi"}');
		expect(
			toRawRecord('t', 2, {
				offset: '41',
				timestamp: '1700000000000',
				key: null,
				value,
				attributes: 0,
				headers: {},
			}),
		).toEqual({
			topic: 't',
			partition: 2,
			offset: 41,
			timestamp: 1_700_000_000_000,
			key: null,
			value,
			headers: {},
		});
	});

	it('reads decimal text exactly as Number() does', () => {
		const texts = [
			'0',
			'7',
			'41',
			'1700000000000',
			'-1',
			'999999999999999',
			'9007199254740993',
			'12345678901234567890',
			'',
			' 12',
			'1e3',
			'0x10',
			'12a',
		];
		for (const text of texts) expect(decimal(text), text).toBe(Number(text));
		for (let value = 1; value < 1e15; value = value * 7 + 3) expect(decimal(String(value))).toBe(value);
	});

	it('turns a batch into records in order, each with its own offset and timestamp', () => {
		const message = (offset: string, timestamp: string) => ({
			offset,
			timestamp,
			key: Buffer.from(offset),
			value: null,
			attributes: 0,
			headers: {h: Buffer.from('v')},
		});
		// Equal timestamps in a row, a change, and back: each record gets its own.
		const messages = [
			message('5', '1700000000001'),
			message('6', '1700000000001'),
			message('8', '1700000000002'),
			message('9', '1700000000001'),
			message('10', '-1'),
		];
		expect(toRawRecords('t', 3, messages)).toEqual(messages.map((one) => toRawRecord('t', 3, one)));
		expect(toRawRecords('t', 3, messages).map((record) => [record.offset, record.timestamp])).toEqual([
			[5, 1_700_000_000_001],
			[6, 1_700_000_000_001],
			[8, 1_700_000_000_002],
			[9, 1_700_000_000_001],
			[10, -1],
		]);
		expect(toRawRecords('t', 3, [])).toEqual([]);
	});

	it('gives a legacy message without a timestamp (magic 0) NaN, as Number() did, not an error', () => {
		// kafkajs's v0 message decoder reads no timestamp at all.
		const legacy = {
			offset: '3',
			key: null,
			value: Buffer.from('x'),
			attributes: 0,
			headers: {},
		} as unknown as Parameters<typeof toRawRecord>[2];
		expect(toRawRecord('t', 0, legacy).timestamp).toBeNaN();
		expect(toRawRecords('t', 0, [legacy, legacy]).map((record) => [record.offset, record.timestamp])).toEqual(
			[
				[3, Number.NaN],
				[3, Number.NaN],
			],
		);
	});
});

describe('createStateReporter', () => {
	it('tells a new state once, announces the current one, and each problem line once', () => {
		const states: ConnectionState[] = [];
		const errors: string[] = [];
		const reporter = createStateReporter({onStatus: (s) => states.push(s), onError: (e) => errors.push(e)});
		reporter.announce();
		reporter.set({kind: 'live'});
		reporter.set({kind: 'live'});
		reporter.set({kind: 'reconnecting', reason: 'x', attempt: 1});
		reporter.reportOnce('topic gone');
		reporter.reportOnce('topic gone');
		expect(states).toEqual([
			{kind: 'connecting'},
			{kind: 'live'},
			{kind: 'reconnecting', reason: 'x', attempt: 1},
		]);
		expect(reporter.state).toEqual({kind: 'reconnecting', reason: 'x', attempt: 1});
		expect(errors).toEqual(['topic gone']);
	});
});

describe('createPartitionReporter', () => {
	it('sends the table at most once per period, the latest one', () => {
		vi.useFakeTimers();
		try {
			let now = 1000;
			let table: PartitionStatus[] = [];
			const sent: number[] = [];
			const reporter = createPartitionReporter({
				snapshot: () => table,
				onPartitions: (partitions) => sent.push(partitions.length),
				everyMs: 250,
				now: () => now,
			});
			reporter.schedule();
			vi.advanceTimersByTime(0);
			expect(sent).toEqual([0]);
			table = [{} as PartitionStatus];
			now = 1100;
			reporter.schedule();
			reporter.schedule();
			vi.advanceTimersByTime(149);
			expect(sent).toEqual([0]);
			now = 1250;
			vi.advanceTimersByTime(1);
			expect(sent).toEqual([0, 1]);
			reporter.emitNow();
			expect(sent).toEqual([0, 1, 1]);
			reporter.schedule();
			reporter.dispose();
			vi.advanceTimersByTime(1000);
			expect(sent).toEqual([0, 1, 1]);
		} finally {
			vi.useRealTimers();
		}
	});

	it('sends nothing without a receiver', () => {
		const snapshot = vi.fn(() => []);
		const reporter = createPartitionReporter({snapshot});
		reporter.schedule();
		reporter.emitNow();
		expect(snapshot).not.toHaveBeenCalled();
	});
});

describe('createConsumerSlot', () => {
	it('gives every consumer and every drop a new generation', () => {
		const slot = createConsumerSlot<string>();
		const first = slot.take((generation) => `consumer ${generation}`);
		expect(first).toEqual({consumer: 'consumer 1', generation: 1});
		expect(slot.isCurrent(1)).toBe(true);
		expect(slot.drop()).toBe('consumer 1');
		expect(slot.consumer).toBeUndefined();
		expect(slot.isCurrent(1)).toBe(false);
		expect(slot.generation).toBe(2);
		expect(slot.drop()).toBeUndefined();
		expect(slot.take((generation) => `consumer ${generation}`).generation).toBe(4);
	});
});

describe('createStopSignals', () => {
	it('begins once, then resolves stopping and stopped in order', async () => {
		const stops = createStopSignals();
		const seen: string[] = [];
		void stops.whenStopping.then(() => seen.push('stopping'));
		void stops.whenStopped.then(() => seen.push('stopped'));
		expect(stops.stopping).toBe(false);
		expect(stops.begin()).toBe(true);
		expect(stops.begin()).toBe(false);
		expect(stops.stopping).toBe(true);
		await stops.whenStopping;
		expect(seen).toEqual(['stopping']);
		stops.stopped();
		await stops.whenStopped;
		expect(seen).toEqual(['stopping', 'stopped']);
	});
});
