import {describe, expect, it} from 'vitest';
import {takeUndecodable} from '../../../../source/kafka/codecs/undecodable-records.js';
import {type DecodedRecordSet, decodeRecordSet} from '../../../../source/kafka/direct/record-batches.js';
import {CODECS, fixtureLines, PRODUCERS, readBatches} from '../../../support/kafka/compressed-batches.js';
import {
	type Aborted,
	CODEC,
	kafkajsReading,
	recordSet,
	registeredDecompress,
	type TestBatch,
} from '../../../support/kafka/record-set-bytes.js';

/**
 * The same record-set bytes through kafkajs (decodeMessages + Batch + toRawRecords, what the
 * direct path did before) and through ours: the same records (offset, timestamp, key, value,
 * headers) and the same next position, for every case where kafkajs is right. The cases where
 * ours follows the Java consumer instead are in record-batches.test.ts.
 */

async function ours(bytes: Buffer, fetchOffset: number, aborted: Aborted[] = []) {
	const set = await decodeRecordSet(
		't',
		0,
		bytes,
		fetchOffset,
		aborted.map((each) => ({producerId: BigInt(each.producerId), firstOffset: each.firstOffset})),
		registeredDecompress,
	);
	if (set.kind !== 'records') throw new Error(`expected records, got ${set.kind}`);
	return set;
}

async function expectSame(bytes: Buffer, fetchOffset: number, aborted: Aborted[] = []) {
	const theirs = await kafkajsReading(bytes, fetchOffset, aborted);
	const mine = await ours(bytes, fetchOffset, aborted);
	expect(mine.records).toEqual(theirs.records);
	expect(mine.nextOffset).toBe(theirs.nextOffset);
	return mine;
}

const json = (text: string) => Buffer.from(JSON.stringify({message: text}));
const plainRecords = (count: number, prefix: string) =>
	Array.from({length: count}, (_, index) => ({
		offsetDelta: index,
		timestampDelta: index * 7,
		key: Buffer.from(`k${index}`),
		value: json(`${prefix} ${index}`),
	}));

describe('record sets written by real producers (kcat and the Java producer, stored by Kafka 4.4)', () => {
	for (const producer of PRODUCERS) {
		for (const codec of CODECS) {
			it(`${producer} ${codec}: every record, as kafkajs reads them`, async () => {
				const bytes = readBatches(producer, codec);
				const set = await expectSame(bytes, 0);
				expect(set.records.map((record) => record.value?.toString())).toEqual(fixtureLines(producer, codec));
				expect(set.nextOffset).toBe(20);
			});

			it(`${producer} ${codec}: a fetch offset inside the compressed batch drops the records before it`, async () => {
				const set = await expectSame(readBatches(producer, codec), 7);
				expect(set.records[0]?.offset).toBe(7);
			});
		}
	}

	it('batches of all codecs one after another, cut anywhere in the last one', async () => {
		const parts = CODECS.map((codec) => readBatches('kcat', codec));
		// Each fixture starts at offset 0: give each its own range, as one partition would hold them.
		const shifted = parts.map((part, index) => {
			const copy = Buffer.from(part);
			for (let at = 0; at + 12 <= copy.length; at += 12 + copy.readInt32BE(at + 8)) {
				copy.writeBigInt64BE(copy.readBigInt64BE(at) + BigInt(index * 20), at);
			}
			return copy;
		});
		const whole = Buffer.concat(shifted);
		const all = await expectSame(whole, 0);
		expect(all.records).toHaveLength(80);
		const lastStart = whole.length - shifted.at(-1)!.length;
		for (let cut = lastStart; cut < whole.length; cut += 7) {
			const set = await expectSame(whole.subarray(0, cut), 0);
			expect(set.records).toHaveLength(60);
			expect(set.nextOffset).toBe(60);
		}
	});
});

describe('record sets made with kafkajs encoders', () => {
	it('uncompressed batches, null keys and values, headers with repeated keys', async () => {
		const bytes = await recordSet([
			{firstOffset: 0, records: plainRecords(5, 'a')},
			{
				firstOffset: 5,
				records: [
					{offsetDelta: 0, key: null, value: json('no key')},
					{offsetDelta: 1, key: Buffer.from('tombstone'), value: null},
					{offsetDelta: 2, key: null, value: null},
					{
						offsetDelta: 3,
						value: json('headers'),
						headers: {
							trace: [Buffer.from('t1'), Buffer.from('t2'), Buffer.from('t3')],
							service: Buffer.from('api'),
							empty: Buffer.alloc(0),
						},
					},
				],
			},
			{firstOffset: 9, records: plainRecords(3, 'c'), codec: CODEC.gzip},
		]);
		const set = await expectSame(bytes, 0);
		expect(set.records).toHaveLength(12);
		expect(set.records[8]!.headers).toEqual({
			trace: [Buffer.from('t1'), Buffer.from('t2'), Buffer.from('t3')],
			service: Buffer.from('api'),
			empty: Buffer.alloc(0),
		});
	});

	it('every codec through the registered codecs, with a fetch offset in each batch', async () => {
		const batches: TestBatch[] = Object.values(CODEC).map((codec, index) => ({
			firstOffset: index * 10,
			records: plainRecords(10, `codec ${codec}`),
			codec,
		}));
		const bytes = await recordSet(batches);
		for (const fetchOffset of [0, 3, 10, 27, 49]) await expectSame(bytes, fetchOffset);
	});

	it('timestamps: create time with negative and large deltas, and log append time', async () => {
		const bytes = await recordSet([
			{
				firstOffset: 100,
				firstTimestamp: 1_700_000_000_000,
				records: [
					{offsetDelta: 0, timestampDelta: -5000, value: json('earlier')},
					{offsetDelta: 1, timestampDelta: 2 ** 40, value: json('much later')},
					{offsetDelta: 2, timestampDelta: 0, value: json('same')},
				],
			},
			{
				firstOffset: 103,
				logAppendTime: true,
				maxTimestamp: 1_700_000_123_456,
				records: plainRecords(3, 'lat'),
			},
			{firstOffset: 106, firstTimestamp: -1, records: plainRecords(1, 'no time')},
		]);
		const set = await expectSame(bytes, 100);
		expect(set.records.map((record) => record.timestamp).slice(3, 6)).toEqual([
			1_700_000_123_456, 1_700_000_123_456, 1_700_000_123_456,
		]);
	});

	it('control batches give no records and still move the position', async () => {
		const bytes = await recordSet([
			{firstOffset: 0, records: plainRecords(3, 'txn'), transactional: true, producerId: 7},
			{firstOffset: 3, records: [], control: 'commit', producerId: 7},
		]);
		const set = await expectSame(bytes, 0);
		expect(set.records.map((record) => record.offset)).toEqual([0, 1, 2]);
		expect(set.nextOffset).toBe(4);
		// Only the marker is left to read: nothing to show, but the position moves past it.
		const marker = await expectSame(bytes, 3);
		expect(marker.records).toEqual([]);
		expect(marker.nextOffset).toBe(4);
	});

	it('aborted and committed transactions of two producers, interleaved', async () => {
		const bytes = await recordSet([
			{firstOffset: 0, records: plainRecords(2, 'plain'), producerId: -1},
			{firstOffset: 2, records: plainRecords(2, 'p1 aborted'), transactional: true, producerId: 1},
			{firstOffset: 4, records: plainRecords(2, 'p2 committed'), transactional: true, producerId: 2},
			{
				firstOffset: 6,
				records: plainRecords(2, 'p1 aborted too'),
				transactional: true,
				producerId: 1,
				codec: CODEC.lz4,
			},
			{firstOffset: 8, records: [], control: 'abort', producerId: 1},
			{firstOffset: 9, records: plainRecords(1, 'p2 committed too'), transactional: true, producerId: 2},
			{firstOffset: 10, records: [], control: 'commit', producerId: 2},
			{firstOffset: 11, records: plainRecords(2, 'p1 committed'), transactional: true, producerId: 1},
			{
				firstOffset: 13,
				records: plainRecords(2, 'p2 aborted'),
				transactional: true,
				producerId: 2,
				codec: CODEC.zstd,
			},
			{firstOffset: 15, records: [], control: 'commit', producerId: 1},
			{firstOffset: 16, records: [], control: 'abort', producerId: 2},
			{firstOffset: 17, records: plainRecords(1, 'plain again')},
		]);
		const aborted = [
			{producerId: 2, firstOffset: 13},
			{producerId: 1, firstOffset: 2},
		];
		// kafkajs keeps the broker's order; the broker sends them by first offset.
		const sorted = [...aborted].sort((a, b) => a.firstOffset - b.firstOffset);
		const set = await expectSame(bytes, 0, sorted);
		expect(set.records.map((record) => record.value?.toString())).toEqual(
			[
				'plain 0',
				'plain 1',
				'p2 committed 0',
				'p2 committed 1',
				'p2 committed too 0',
				'p1 committed 0',
				'p1 committed 1',
				'plain again 0',
			].map((text) => JSON.stringify({message: text})),
		);
		expect(set.nextOffset).toBe(18);
		// Ours does not need them sorted.
		expect((await ours(bytes, 0, aborted)).records).toEqual(set.records);
		// From inside the aborted transactions and between their records. The broker lists the
		// aborted transactions that end (their marker) at or after the fetch offset.
		const markers = new Map([
			[1, 8],
			[2, 16],
		]);
		for (const fetchOffset of [3, 5, 7, 8, 9, 12, 14, 16]) {
			const listed = sorted.filter((each) => markers.get(each.producerId)! >= fetchOffset);
			await expectSame(bytes, fetchOffset, listed);
		}
	});

	it('a batch only of aborted records moves the position past it', async () => {
		const bytes = await recordSet([
			{firstOffset: 20, records: plainRecords(4, 'gone'), transactional: true, producerId: 3},
			{firstOffset: 24, records: [], control: 'abort', producerId: 3},
		]);
		const set = await expectSame(bytes, 20, [{producerId: 3, firstOffset: 20}]);
		expect(set.records).toEqual([]);
		expect(set.nextOffset).toBe(25);
	});

	it('nothing whole: no records and no position', async () => {
		const bytes = await recordSet([{firstOffset: 0, records: plainRecords(50, 'long')}]);
		for (const cut of [17, 48, 49, 60, 61, 100, bytes.length - 1])
			await expectSame(bytes.subarray(0, cut), 0);
		expect((await ours(Buffer.alloc(0), 0)).nextOffset).toBeUndefined();
		expect((await ours(bytes.subarray(0, 10), 0)).nextOffset).toBeUndefined();
	});

	it('a compressed batch that cannot be decompressed: the same marker records, one line', async () => {
		const good = readBatches('kcat', 'lz4');
		const bad = Buffer.from(good);
		// Its LZ4 frame's magic number: the codec refuses it (damage further in can decode to
		// garbage records, which kafkajs shows and ours refuses: record-batches.test.ts).
		bad.fill(0x5a, 61, 65);
		const next = Buffer.from(readBatches('java', 'zstd'));
		next.writeBigInt64BE(20n, 0);
		const bytes = Buffer.concat([bad, next]);
		const theirs = await kafkajsReading(bytes, 0);
		const mine = await ours(bytes, 0);
		expect(mine.records).toEqual(theirs.records);
		expect(mine.nextOffset).toBe(40);
		const sorted = takeUndecodable(mine.records, true);
		expect(sorted.problems).toHaveLength(1);
		expect(sorted.problems[0]).toMatch(
			/^undecodable batch skipped: partition 0, offsets 0-19 of topic 't' \(20 records, lz4\)/,
		);
		expect(sorted.records.map((record) => record.offset)).toEqual([
			19,
			...Array.from({length: 20}, (_, i) => 20 + i),
		]);
	});
});

describe('bytes that are no record set', () => {
	/** A small deterministic PRNG, so a failure names its case. */
	const random = (seed: number) => () => {
		seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
		return seed / 2 ** 31;
	};

	const isSane = (set: DecodedRecordSet, fetchOffset: number) => {
		if (set.kind !== 'records') return true;
		const offsets = set.records.map((record) => record.offset);
		const rising = offsets.every((offset, index) => index === 0 || offset > offsets[index - 1]!);
		return (
			rising &&
			offsets.every((offset) => offset >= fetchOffset) &&
			(set.nextOffset === undefined || set.nextOffset > fetchOffset)
		);
	};

	it('flipped and truncated bytes never throw out of the decoder', async () => {
		const base = await recordSet([
			{firstOffset: 0, records: plainRecords(6, 'x')},
			{firstOffset: 6, records: plainRecords(6, 'y'), codec: CODEC.gzip},
			{firstOffset: 12, records: plainRecords(3, 'z'), transactional: true, producerId: 4},
			{firstOffset: 15, records: [], control: 'abort', producerId: 4},
			{
				firstOffset: 16,
				records: [{offsetDelta: 0, value: json('h'), headers: {a: [Buffer.from('1'), Buffer.from('2')]}}],
			},
		]);
		const next = random(42);
		for (let round = 0; round < 1500; round++) {
			const bytes = Buffer.from(base.subarray(0, 1 + Math.floor(next() * base.length)));
			const flips = Math.floor(next() * 4);
			for (let flip = 0; flip < flips; flip++)
				bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
			const fetchOffset = Math.floor(next() * 18);
			const set = await decodeRecordSet(
				't',
				0,
				bytes,
				fetchOffset,
				[{producerId: 4n, firstOffset: 12}],
				registeredDecompress,
			);
			expect(isSane(set, fetchOffset), `round ${round}`).toBe(true);
		}
	});
});
