import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {LogRecord, RawRecord} from '../../../source/record/log-record.js';
import {parseRecordRows} from '../../../source/record/parse-record.js';
import {createLogStore} from '../../../source/store/log-store.js';
import {type DisposableLogStore, isMark} from '../../../source/store/log-store-types.js';
import {otlpProtoRequest, SeverityNumber} from '../../support/records/otlp-requests.js';

/**
 * Exactly once per (partition, offset, index in the request): the rows of an OTLP request share
 * their Kafka record's offset, so the store tells them apart by `logIndex`, whether a batch comes
 * again (a re-read, a rebalance, the direct reader handing over to the group), arrives cut between
 * two of its rows, or is read again on purpose after a re-seek.
 */

const T0 = Date.now();
let request: Buffer;

beforeAll(async () => {
	request = await otlpProtoRequest(
		['a', 'b', 'c'].map((body, index) => ({
			service: 'checkout',
			severityNumber: SeverityNumber.INFO,
			body,
			time: T0 - 1000 + index,
		})),
	);
});

function raw(offset: number, partition = 0): RawRecord {
	return {topic: 'otel', partition, offset, timestamp: T0, key: null, value: request, headers: undefined};
}

function plainRaw(offset: number): RawRecord {
	return {
		topic: 'otel',
		partition: 0,
		offset,
		timestamp: T0,
		key: null,
		value: Buffer.from(JSON.stringify({service: 'api', message: `plain ${offset}`})),
		headers: undefined,
	};
}

/** Rows as the stream worker hands them over (parsed, seq 0). */
function rows(...records: RawRecord[]): LogRecord[] {
	const out: LogRecord[] = [];
	for (const record of records) parseRecordRows(record, out);
	return out;
}

const stores: DisposableLogStore[] = [];
function makeStore(): DisposableLogStore {
	const store = createLogStore({now: () => T0});
	stores.push(store);
	return store;
}

afterEach(() => {
	for (const store of stores.splice(0)) store.dispose();
});

function shown(store: DisposableLogStore): string[] {
	return store
		.slice(0, store.viewLength)
		.map((line) =>
			isMark(line) ? `[${line.label}]` : `${line.offset}/${line.logIndex ?? '-'} ${line.message}`,
		);
}

describe('the store: OTLP rows exactly once', () => {
	it('takes each log record of a request once, however often the request comes again', () => {
		const store = makeStore();
		expect(store.append([raw(5)])).toBe(3);
		expect(store.append([raw(5)])).toBe(0);
		expect(store.appendParsed(rows(raw(5)))).toBe(0);
		expect(store.appendParsed(rows(raw(4), raw(5), raw(6)))).toBe(3);
		expect(shown(store)).toEqual(['5/0 a', '5/1 b', '5/2 c', '6/0 a', '6/1 b', '6/2 c']);
		expect(store.duplicates).toBe(12);
		expect(store.total).toBe(6);
	});

	it('takes a request cut between two batches whole, and the overlap once', () => {
		const store = makeStore();
		const request5 = rows(raw(5));
		expect(store.appendParsed(request5.slice(0, 2))).toBe(2);
		// The next batch starts again at the same offset (a hand-over, a rebalance): rows 0-2.
		expect(store.appendParsed(rows(raw(5), plainRaw(6)))).toBe(2);
		expect(shown(store)).toEqual(['5/0 a', '5/1 b', '5/2 c', '6/- plain 6']);
		expect(store.appendParsed(rows(plainRaw(6), raw(7)))).toBe(3);
		expect(store.duplicates).toBe(3);
	});

	it('shows the rows again after a re-seek, but counts them once', () => {
		const store = makeStore();
		store.append([raw(5), raw(6)]);
		store.resetPosition('otel', 0);
		expect(store.append([raw(5)])).toBe(3);
		expect(store.size).toBe(9);
		expect(store.total).toBe(6);
		expect(store.services().find((service) => service.service === 'checkout')?.count).toBe(6);
	});

	it('keeps partitions apart: the same offset and index in two partitions are two rows', () => {
		const store = makeStore();
		expect(store.append([raw(5, 0), raw(5, 1)])).toBe(6);
		expect(store.append([raw(5, 1)])).toBe(0);
	});
});
