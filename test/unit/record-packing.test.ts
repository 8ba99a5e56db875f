import {describe, expect, it} from 'vitest';
import type {RawRecord} from '../../source/core/log-record.js';
import {packRecords, unpackRecords} from '../../source/kafka/record-packing.js';

/** A record of partition 4 of `logs`, with what a test sets. */
function record(fields: Partial<RawRecord>): RawRecord {
	return {
		topic: 'logs',
		partition: 4,
		offset: 0,
		timestamp: 1_700_000_000_000,
		key: null,
		value: null,
		headers: undefined,
		...fields,
	};
}

/** Buffers compared by their bytes: unpacked ones are views into the packed memory. */
function comparable(records: RawRecord[]) {
	const bytes = (value: unknown) => (Buffer.isBuffer(value) ? [...value] : value);
	return records.map((entry) => ({
		...entry,
		key: bytes(entry.key),
		value: bytes(entry.value),
		headers: entry.headers
			? Object.fromEntries(
					Object.entries(entry.headers).map(([name, value]) => [
						name,
						Array.isArray(value) ? value.map(bytes) : bytes(value),
					]),
				)
			: undefined,
	}));
}

describe('packRecords / unpackRecords', () => {
	it('round-trips offsets, times, keys, values, tombstones and every header shape', () => {
		const records = [
			record({offset: 7, key: Buffer.from('api'), value: Buffer.from('{"message":"hi"}')}),
			record({offset: 8, value: null, headers: {}}),
			record({offset: 9, key: Buffer.alloc(0), value: Buffer.alloc(0)}),
			record({
				offset: 2 ** 40,
				timestamp: -1,
				value: Buffer.from([0xff, 0x00, 0x1b, 0x9b]),
				headers: {
					trace: Buffer.from('abc'),
					text: 'plain ünïcode',
					twice: [Buffer.from('a'), 'b'],
					gone: undefined,
					'ключ 🔑': Buffer.from([0xc3, 0x28]),
				},
			}),
		];
		const unpacked = unpackRecords(packRecords('logs', 4, records));
		expect(comparable(unpacked)).toEqual(comparable(records));
		expect(Buffer.isBuffer(unpacked[0]!.key)).toBe(true);
		expect(unpacked[3]!.headers!.text).toBe('plain ünïcode');
	});

	it('keeps a header named __proto__ as a header', () => {
		const headers = JSON.parse('{"__proto__": "x"}') as Record<string, string>;
		const [unpacked] = unpackRecords(packRecords('t', 0, [record({headers})]));
		expect(Object.keys(unpacked!.headers!)).toEqual(['__proto__']);
		expect(Object.getOwnPropertyDescriptor(unpacked!.headers!, '__proto__')?.value).toBe('x');
	});

	it('packs an empty batch and a batch of a thousand in one buffer each', () => {
		expect(unpackRecords(packRecords('t', 1, []))).toEqual([]);
		const many = Array.from({length: 1000}, (_, index) =>
			record({offset: index, value: Buffer.from(`{"message":"line ${index}"}`)}),
		);
		const buffer = packRecords('topic-with-a-long-name', 11, many);
		const unpacked = unpackRecords(buffer);
		expect(unpacked).toHaveLength(1000);
		expect(unpacked.every((entry, index) => entry.offset === index && entry.partition === 11)).toBe(true);
		expect(unpacked.every((entry) => entry.topic === 'topic-with-a-long-name')).toBe(true);
		expect(unpacked[999]!.value!.toString()).toBe('{"message":"line 999"}');
		expect(unpacked[0]!.value!.buffer).toBe(buffer);
	});
});
