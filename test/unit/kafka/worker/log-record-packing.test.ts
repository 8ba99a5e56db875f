import {describe, expect, it} from 'vitest';
import {packLogRecords, unpackLogRecords} from '../../../../source/kafka/worker/log-record-packing.js';
import type {LogRecord} from '../../../../source/record/log-record.js';
import {parseRecord} from '../../../../source/record/parse-record.js';
import {hostileRawRecords} from '../../../support/records/hostile-corpus.js';

/** A parsed record of topic `logs`, with what a test sets. */
function record(fields: Partial<LogRecord>): LogRecord {
	return {
		seq: 0,
		topic: 'logs',
		partition: 4,
		offset: 0,
		time: 1_700_000_000_123,
		kafkaTime: 1_700_000_000_000,
		service: 'api',
		level: 'info',
		message: 'hello',
		key: null,
		headers: Object.create(null) as Record<string, string>,
		value: null,
		json: false,
		size: 0,
		...fields,
	};
}

/** What a record holds, as a plain object (headers without their null prototype). */
function comparable(records: LogRecord[]) {
	return records.map((entry) => ({...entry, headers: {...entry.headers}}));
}

describe('packLogRecords / unpackLogRecords', () => {
	it('round-trips every field: levels, keys, values, tombstones, headers, big offsets and odd times', () => {
		// A null-prototype object, as the parser makes them, holding a header named __proto__.
		const withHeaders = Object.assign(
			Object.create(null) as Record<string, string>,
			JSON.parse('{"trace": "abc", "ключ 🔑": "значение", "__proto__": "stays a header"}') as Record<
				string,
				string
			>,
		);
		const records = [
			record({offset: 7, key: 'api', value: '{"message":"hi"}', json: true, size: 16, level: 'warn'}),
			record({offset: 8, value: null, message: '(tombstone)', level: 'unknown'}),
			record({offset: 9, key: '', value: '', message: '(empty)', level: 'fatal'}),
			record({
				offset: 2 ** 40,
				time: -1,
				kafkaTime: Number.NaN,
				service: '日本語サービス',
				message: 'emoji 🚀 and \\e[2J shown escaped',
				headers: withHeaders,
				value: 'x'.repeat(20_000),
				size: 1_048_576,
				level: 'trace',
			}),
		];
		const unpacked = unpackLogRecords(packLogRecords('logs', records));
		expect(comparable(unpacked)).toEqual(comparable(records));
		expect(Object.keys(unpacked[3]!.headers)).toEqual(['trace', 'ключ 🔑', '__proto__']);
	});

	it('carries what parseRecord makes of every hostile record unchanged', () => {
		const parsed = hostileRawRecords('logs').map((raw) => parseRecord(raw, 0));
		expect(comparable(unpackLogRecords(packLogRecords('logs', parsed)))).toEqual(comparable(parsed));
	});

	it('packs an empty batch; records of a batch share their topic and service strings', () => {
		expect(unpackLogRecords(packLogRecords('t', []))).toEqual([]);
		const many = Array.from({length: 1000}, (_, index) =>
			record({offset: index, service: index % 2 === 0 ? 'api' : 'auth', message: `line ${index}`}),
		);
		const unpacked = unpackLogRecords(packLogRecords('topic-with-a-long-name', many));
		expect(unpacked).toHaveLength(1000);
		expect(
			unpacked.every((entry, index) => entry.offset === index && entry.topic === 'topic-with-a-long-name'),
		).toBe(true);
		expect(unpacked[998]!.message).toBe('line 998');
		expect(new Set(unpacked.map((entry) => entry.service))).toEqual(new Set(['api', 'auth']));
	});

	it('packs a batch larger than its reused buffer, and a small one after it, each exactly', () => {
		// 2 MB of values with non-ASCII text: the buffer grows in the middle of the batch.
		const large = Array.from({length: 100}, (_, index) =>
			record({offset: index, key: `k${index}`, value: `é${String(index).repeat(10_000)}`, size: 20_000}),
		);
		const packed = packLogRecords('logs', large);
		expect(comparable(unpackLogRecords(packed))).toEqual(comparable(large));
		const small = [record({offset: 1, message: 'after', value: 'v'})];
		const smallPacked = packLogRecords('logs', small);
		// Exact copies: nothing of the large batch travels with the small one.
		expect(smallPacked.byteLength).toBeLessThan(200);
		expect(comparable(unpackLogRecords(smallPacked))).toEqual(comparable(small));
		expect(comparable(unpackLogRecords(packed))).toEqual(comparable(large));
	});
});
