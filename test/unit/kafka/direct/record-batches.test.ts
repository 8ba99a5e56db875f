import {describe, expect, it} from 'vitest';
import {takeUndecodable} from '../../../../source/kafka/codecs/undecodable-records.js';
import {decodeRecordSet} from '../../../../source/kafka/direct/record-batches.js';
import {readBatches} from '../../../support/kafka/compressed-batches.js';
import {
	type Aborted,
	batchBytes,
	CODEC,
	kafkajsReading,
	legacyMessageSet,
	recordSet,
	registeredDecompress,
} from '../../../support/kafka/record-set-bytes.js';

/**
 * Where our record-set decoder follows the Java consumer (CompletedFetch) rather than kafkajs,
 * each case with what kafkajs did, and bytes that are no record set.
 */

const decode = (bytes: Buffer, fetchOffset: number, aborted: Aborted[] = []) =>
	decodeRecordSet(
		't',
		3,
		bytes,
		fetchOffset,
		aborted.map((each) => ({producerId: BigInt(each.producerId), firstOffset: each.firstOffset})),
		registeredDecompress,
	);

async function records(bytes: Buffer, fetchOffset: number, aborted: Aborted[] = []) {
	const set = await decode(bytes, fetchOffset, aborted);
	if (set.kind !== 'records') throw new Error(`expected records, got ${set.kind}`);
	return set;
}

const values = (set: {records: Array<{value: Buffer | null}>}) =>
	set.records.map((record) => record.value?.toString());
const texts = (prefix: string, count: number, firstDelta = 0) =>
	Array.from({length: count}, (_, index) => ({
		offsetDelta: firstDelta + index,
		value: Buffer.from(`${prefix}${index}`),
	}));

describe('positions', () => {
	it('past the whole batch when compaction removed its last records (kafkajs: past the last record)', async () => {
		const bytes = await recordSet([{firstOffset: 10, records: texts('r', 3), lastOffsetDelta: 9}]);
		expect((await records(bytes, 10)).nextOffset).toBe(20);
		expect((await kafkajsReading(bytes, 10)).nextOffset).toBe(13);
		// kafkajs then fetched the same batch again, and stepped one offset at a time.
		expect((await kafkajsReading(bytes, 13)).nextOffset).toBe(14);
		expect((await records(bytes, 13)).nextOffset).toBe(20);
	});

	it('past an empty batch compaction kept for its producer state (kafkajs: stuck on it)', async () => {
		const bytes = await recordSet([{firstOffset: 30, records: [], lastOffsetDelta: 4, producerId: 9}]);
		const set = await records(bytes, 30);
		expect(set.records).toEqual([]);
		expect(set.nextOffset).toBe(35);
		expect((await kafkajsReading(bytes, 30)).nextOffset).toBeUndefined();
	});

	it('never backwards: a batch that ends below the fetch offset moves nothing', async () => {
		const bytes = await recordSet([{firstOffset: 0, records: texts('old', 3)}]);
		const set = await records(bytes, 10);
		expect(set.records).toEqual([]);
		expect(set.nextOffset).toBeUndefined();
	});
});

describe('transactions (READ_COMMITTED)', () => {
	it('two aborted transactions that began before the fetch offset are both skipped (kafkajs shows one)', async () => {
		const bytes = await recordSet([
			{firstOffset: 5, records: texts('p2 aborted ', 1), transactional: true, producerId: 2},
			{firstOffset: 6, records: texts('p1 aborted ', 1), transactional: true, producerId: 1},
			{firstOffset: 7, records: [], control: 'abort', producerId: 1},
			{firstOffset: 8, records: [], control: 'abort', producerId: 2},
		]);
		const aborted = [
			{producerId: 1, firstOffset: 2},
			{producerId: 2, firstOffset: 3},
		];
		expect(values(await records(bytes, 5, aborted))).toEqual([]);
		// kafkajs takes one aborted transaction per message it reads.
		expect(values(await kafkajsReading(bytes, 5, aborted))).toEqual(['p2 aborted 0']);
	});

	it('only a control batch ends an aborted transaction, not a record whose key is 0000', async () => {
		const bytes = await recordSet([
			{firstOffset: 0, records: texts('aborted ', 1), transactional: true, producerId: 1},
			{
				firstOffset: 1,
				records: [{offsetDelta: 0, key: Buffer.from([0, 0, 0, 0]), value: Buffer.from('aborted, key 0000')}],
				transactional: true,
				producerId: 1,
			},
			{firstOffset: 2, records: texts('aborted ', 1, 0), transactional: true, producerId: 1},
			{firstOffset: 3, records: [], control: 'abort', producerId: 1},
			{firstOffset: 4, records: texts('after ', 1), producerId: 1},
		]);
		const aborted = [{producerId: 1, firstOffset: 0}];
		expect(values(await records(bytes, 0, aborted))).toEqual(['after 0']);
		expect(values(await kafkajsReading(bytes, 0, aborted))).toEqual([
			'aborted, key 0000',
			'aborted 0',
			'after 0',
		]);
	});

	it('a non-transactional batch of a producer inside an aborted transaction is shown', async () => {
		const bytes = await recordSet([
			{firstOffset: 0, records: texts('aborted ', 2), transactional: true, producerId: 1},
			{firstOffset: 2, records: texts('idempotent ', 1), producerId: 1},
			{firstOffset: 3, records: [], control: 'abort', producerId: 1},
		]);
		const set = await records(bytes, 0, [{producerId: 1, firstOffset: 0}]);
		expect(values(set)).toEqual(['idempotent 0']);
		expect(set.nextOffset).toBe(4);
	});
});

describe('headers', () => {
	it('keys named like Object.prototype members are plain headers (kafkajs mixed in the prototype)', async () => {
		const bytes = await recordSet([
			{
				firstOffset: 0,
				records: [
					{
						offsetDelta: 0,
						value: Buffer.from('v'),
						headers: {
							toString: Buffer.from('a'),
							['__proto__']: Buffer.from('b'),
							constructor: Buffer.from('c'),
						},
					},
				],
			},
		]);
		const [record] = (await records(bytes, 0)).records;
		expect(Object.keys(record!.headers!)).toEqual(['toString', '__proto__', 'constructor']);
		expect(Object.getPrototypeOf(record!.headers)).toBe(Object.prototype);
		expect(Object.getOwnPropertyDescriptor(record!.headers, '__proto__')?.value).toEqual(Buffer.from('b'));
		expect(record!.headers!.toString).toEqual(Buffer.from('a'));
	});
});

describe('damaged batches: one line each, and the position moves past them', () => {
	it('compressed bytes that decompress to garbage records (kafkajs showed the garbage)', async () => {
		const bad = Buffer.from(readBatches('kcat', 'lz4'));
		bad.fill(0x5a, 61 + 20, 61 + 36);
		const set = await records(bad, 0);
		const sorted = takeUndecodable(set.records, true);
		expect(sorted.problems).toEqual([
			expect.stringMatching(
				/^undecodable batch skipped: partition 3, offsets 0-19 of topic 't' \(20 records, lz4\): /,
			),
		]);
		expect(sorted.records.map((record) => record.offset)).toEqual([19]);
		expect(set.nextOffset).toBe(20);
		expect((await kafkajsReading(bad, 0)).records[0]!.value!.toString()).toMatch(/^Z{10}/);
	});

	it('an uncompressed batch whose records do not parse (kafkajs failed the whole fetch)', async () => {
		const good = await batchBytes({firstOffset: 0, records: texts('before ', 2)});
		const bad = await batchBytes({firstOffset: 2, records: texts('x', 4)});
		bad.writeInt32BE(9, 57); // more records than the batch holds
		const after = await batchBytes({firstOffset: 6, records: texts('after ', 2)});
		const set = await records(Buffer.concat([good, bad, after]), 0);
		const sorted = takeUndecodable(set.records, false);
		expect(sorted.problems).toEqual([
			expect.stringMatching(
				/^undecodable batch skipped: partition 3, offsets 2-5 of topic 't' \(4 records, none\): /,
			),
		]);
		expect(values(sorted)).toEqual(['before 0', 'before 1', 'after 0', 'after 1']);
		expect(set.nextOffset).toBe(8);
	});

	it('a codec that throws: the batch is marked, never a crash', async () => {
		const bytes = await recordSet([{firstOffset: 40, records: texts('z', 3), codec: CODEC.gzip}]);
		const set = await decodeRecordSet('t', 3, bytes, 40, [], () => {
			throw new Error('no codec here');
		});
		if (set.kind !== 'records') throw new Error(set.kind);
		expect(takeUndecodable(set.records, false).problems).toEqual([
			"undecodable batch skipped: partition 3, offsets 40-42 of topic 't' (3 records, gzip): no codec here",
		]);
		expect(set.nextOffset).toBe(43);
	});

	it('a first batch with impossible offsets or length is corrupt: nothing moves; after good batches they come first', async () => {
		const good = await batchBytes({firstOffset: 0, records: texts('ok ', 2)});
		const backwards = await batchBytes({firstOffset: 1, records: texts('again ', 2)});
		expect(await decode(Buffer.concat([good, backwards]), 0)).toMatchObject({kind: 'records', nextOffset: 2});
		const short = Buffer.from(good);
		short.writeInt32BE(20, 8);
		expect(await decode(short, 0)).toMatchObject({kind: 'corrupt'});
		const huge = Buffer.from(good);
		huge.writeInt32BE(0x7fffffff, 0);
		expect(await decode(huge, 0)).toMatchObject({kind: 'corrupt'});
	});
});

describe('old message formats (magic 0 and 1)', () => {
	it('a set that starts with them is left to kafkajs; after v2 batches they wait for the next fetch', async () => {
		expect(await decode(legacyMessageSet(0, ['a', 'b']), 0)).toEqual({kind: 'legacy'});
		const v2 = await batchBytes({firstOffset: 0, records: texts('new ', 2)});
		const set = await records(Buffer.concat([v2, legacyMessageSet(2, ['old'])]), 0);
		expect(values(set)).toEqual(['new 0', 'new 1']);
		expect(set.nextOffset).toBe(2);
	});
});
