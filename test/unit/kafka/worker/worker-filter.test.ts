/**
 * The filter the stream worker runs before packing (a hunt, plain --grep): it keeps exactly
 * the rows the filter line keeps (the store's compiler, loaded by URL as the worker loads it),
 * counts what it scanned, and its raw-bytes check never drops a record the filter keeps.
 */
import {describe, expect, it} from 'vitest';
import {createAcknowledgements} from '../../../../source/kafka/worker/skipped-batches.js';
import {type BatchFilter, loadBatchFilter} from '../../../../source/kafka/worker/worker-filter.js';
import type {LogRecord, RawRecord} from '../../../../source/record/log-record.js';
import {createRowParser} from '../../../../source/record/parse-record.js';
import {compileFilter, EMPTY_FILTER} from '../../../../source/store/filter/record-filter.js';
import {splitFilterTerms} from '../../../../source/view/view-state/filter-actions.js';
import {hostileRawRecords} from '../../../support/records/hostile-corpus.js';
import {otlpJsonRequest, otlpProtoRequest, SeverityNumber} from '../../../support/records/otlp-requests.js';
import {sixServiceLogs} from '../../../support/records/six-service-logs.js';

const MODULE = new URL('../../../../source/session/hunt-record-test.ts', import.meta.url).href;
const NOW = Date.parse('2025-03-01T12:00:00.300Z');

const raw = (
	value: string | Buffer,
	offset: number,
	partition = 0,
	key: string | null = null,
): RawRecord => ({
	topic: 'logs',
	partition,
	offset,
	timestamp: NOW,
	key: key === null ? null : Buffer.from(key),
	value: typeof value === 'string' ? Buffer.from(value) : value,
	headers: {},
});

/** A corpus of every kind the parser reads: six log shapes, hostile bytes, OTLP requests. */
async function corpus(): Promise<RawRecord[]> {
	const logs = sixServiceLogs(300).map((log, index) =>
		raw(
			log.shape === 'original'
				? log.value.replace('"userId"', `"request_id":"req-${index % 25}","userId"`)
				: log.value,
			index,
			index % 3,
			log.key,
		),
	);
	const otlpLogs = [
		{
			service: 'otel-a',
			severityNumber: SeverityNumber.ERROR,
			body: 'payment failed',
			attributes: {request_id: 'req-7', status: 500},
		},
		{
			service: 'otel-b',
			severityNumber: SeverityNumber.INFO,
			body: 'ok',
			attributes: {request_id: 'req-8', status: 200},
		},
	];
	return [
		...logs,
		...hostileRawRecords('logs', 1, 1000),
		raw(await otlpJsonRequest(otlpLogs), 2000, 2),
		raw(await otlpProtoRequest(otlpLogs), 2001, 2),
	];
}

/** What the worker does with one batch: parse what may match, keep what matches. */
async function runFilter(line: string, records: RawRecord[]) {
	const spec = {...EMPTY_FILTER, terms: splitFilterTerms(line)};
	const filter = await loadBatchFilter({module: MODULE, options: {spec, now: NOW}});
	const parse = createRowParser();
	const kept: LogRecord[] = [];
	const values: Array<Uint8Array | null> = [];
	const partitions = [...new Set(records.map((record) => record.partition))];
	for (const batch of partitions.map((partition) =>
		records.filter((record) => record.partition === partition),
	)) {
		const parsed: LogRecord[] = [];
		const batchValues: Array<Uint8Array | null> = [];
		const may = filter.mayMatch(batch);
		for (const [index, record] of batch.entries()) {
			if (may?.[index] === 0) continue;
			const before = parsed.length;
			parse(record, parsed);
			for (let row = before; row < parsed.length; row++) batchValues.push(record.value);
		}
		filter.keep(batch, parsed, batchValues, false);
		kept.push(...parsed);
		values.push(...batchValues);
	}
	// The same filter line in the store's own hands, over every row of every record.
	const all: LogRecord[] = [];
	for (const record of records) parse(record, all);
	const expected = all.filter(compileFilter(spec, NOW).test);
	return {kept, values, expected, scanned: filter.takeScanned()};
}

/** Where each row is, in partition order (a batch is one partition; the corpus interleaves them). */
const where = (records: readonly LogRecord[]) =>
	records.map((record) => `${record.partition}:${record.offset}:${record.logIndex ?? '-'}`).sort();

describe('the worker filter', () => {
	it.each([
		'request_id=req-7',
		'request_id=req-7|req-12',
		'refused',
		'/query #1\\d/',
		'level>=error api',
		'!cache has:userId',
		'attributes.request_id=req-7',
		'attributes.status>=500',
		'userId=30 "request handled"',
	])('keeps exactly the rows the filter line keeps: %s', async (line) => {
		const records = await corpus();
		const {kept, expected} = await runFilter(line, records);
		expect(expected.length).toBeGreaterThan(0);
		expect(where(kept)).toEqual(where(expected));
	});

	it('keeps each kept row’s value beside it and counts every record scanned per partition', async () => {
		const records = await corpus();
		const {kept, values, scanned} = await runFilter('request_id=req-7', records);
		for (const [index, record] of kept.entries()) {
			const source = records.find(
				(each) => each.partition === record.partition && each.offset === record.offset,
			);
			expect(values[index]).toBe(source!.value);
		}
		const byPartition = Object.fromEntries(scanned.map((each) => [each.partition, each]));
		for (const partition of [0, 1, 2]) {
			const mine = records.filter((record) => record.partition === partition);
			expect(byPartition[partition]).toMatchObject({
				records: mine.length,
				firstOffset: mine[0]!.offset,
				nextOffset: mine.at(-1)!.offset + 1,
				matches: kept.filter((record) => record.partition === partition).length,
			});
		}
	});

	it('skips the parse of a JSON record without the id, never of OTLP or non-JSON values', async () => {
		const mayMatch = (batchFilter: BatchFilter, record: RawRecord) =>
			batchFilter.mayMatch([record])?.[0] !== 0;
		const filter = await loadBatchFilter({
			module: MODULE,
			options: {spec: {...EMPTY_FILTER, terms: ['request_id=req-7']}, now: NOW},
		});
		expect(mayMatch(filter, raw('{"request_id":"req-8","message":"x"}', 0))).toBe(false);
		expect(mayMatch(filter, raw('{"request_id":"req-7","message":"x"}', 1))).toBe(true);
		expect(mayMatch(filter, raw('{"resourceLogs":[]}', 2))).toBe(true);
		expect(mayMatch(filter, raw('request_id=req-8 logfmt', 3))).toBe(true);
		expect(mayMatch(filter, raw(Buffer.from([0x0a, 0x01]), 4))).toBe(true);
		// A text term may match the key or a service from a header: nothing is skipped.
		const text = await loadBatchFilter({
			module: MODULE,
			options: {spec: {...EMPTY_FILTER, terms: ['req-7']}, now: NOW},
		});
		expect(mayMatch(text, raw('{"message":"x"}', 5))).toBe(true);
	});

	it('asks to send the counts at a partition’s end and with matches, else at most every 200 ms', async () => {
		let clock = 0;
		const {createBatchFilter} = await import('../../../../source/kafka/worker/worker-filter.js');
		const filter = createBatchFilter(
			(record) => record.message === 'hit',
			() => clock,
		);
		const row = (message: string, offset: number) => ({message, offset, partition: 0}) as LogRecord;
		const batch = [raw('a', 0), raw('b', 1)];
		expect(filter.keep(batch, [row('miss', 0), row('miss', 1)], undefined, true)).toBe(false);
		expect(filter.keep(batch, [row('hit', 0)], undefined, true)).toBe(true);
		expect(filter.keep(batch, [row('miss', 0)], undefined, false)).toBe(true);
		clock = 250;
		expect(filter.keep(batch, [row('miss', 0)], undefined, true)).toBe(true);
		filter.takeScanned();
		expect(filter.keep(batch, [row('miss', 0)], undefined, true)).toBe(false);
	});
});

describe('acknowledgements of batches the filter left empty', () => {
	it('counts an empty batch as shown right after the batch sent before it, in order', () => {
		let acknowledged = 0;
		const acks = createAcknowledgements(() => acknowledged++);
		acks.skipped();
		expect(acknowledged).toBe(1);
		acks.posted();
		acks.skipped();
		acks.skipped();
		acks.posted();
		acks.skipped();
		expect(acknowledged).toBe(1);
		acks.shown();
		expect(acknowledged).toBe(4);
		acks.shown();
		expect(acknowledged).toBe(6);
		acks.skipped();
		expect(acknowledged).toBe(7);
	});
});
