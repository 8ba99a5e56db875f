/**
 * The batch check (one search per run of values in one buffer) gives every value the answer
 * the per-value check gives it: batches laid out as kafkajs lays them out (values back to
 * back in one buffer with record bytes between them), with the needle inside values, across
 * two values, in the bytes between them, at a value's very start and end, in values of their
 * own buffers, in tombstones, non-JSON and OTLP values.
 */
import {describe, expect, it} from 'vitest';
import {seededRandom} from '../../../../source/shared/seeded-random.js';
import {rawBatchCheck} from '../../../../source/store/filter/raw-batch-check.js';
import {rawValueCheck} from '../../../../source/store/filter/raw-value-check.js';

const NEEDLES = [['fd126975'], ['"svc-a"', '"svc-b"']];
const PIECES = [
	'fd126975',
	'fd1269',
	'75',
	'"svc-a"',
	'"svc-b"',
	'"svc-',
	'"resourceLogs"',
	'x',
	'{',
	'}',
	' ',
];

/** A batch of `count` records from `random`: values laid in shared buffers, some on their own. */
function randomBatch(random: () => number, count: number): Array<{value: Buffer | null}> {
	const pick = () => PIECES[Math.floor(random() * PIECES.length)]!;
	const text = (pieces: number) => Array.from({length: pieces}, pick).join('');
	const layout: Array<{gap: string; value: string | null; own: boolean}> = [];
	for (let index = 0; index < count; index++) {
		const roll = random();
		const value = roll < 0.05 ? null : `${roll < 0.1 ? 'x' : '{'}${text(Math.floor(random() * 6))}`;
		// Record bytes between values (length, key, headers) may hold the needle or part of it.
		layout.push({gap: text(Math.floor(random() * 3)), value, own: random() < 0.1});
	}
	const shared = Buffer.from(
		layout.map((entry) => entry.gap + (entry.own ? '' : (entry.value ?? ''))).join(''),
	);
	let at = 0;
	return layout.map((entry) => {
		at += Buffer.byteLength(entry.gap);
		if (entry.value === null) return {value: null};
		if (entry.own) return {value: Buffer.from(entry.value)};
		const length = Buffer.byteLength(entry.value);
		const value = shared.subarray(at, at + length);
		at += length;
		return {value};
	});
}

describe('rawBatchCheck', () => {
	it('answers for every value what rawValueCheck answers for it alone (2000 random batches)', () => {
		const batchCheck = rawBatchCheck(NEEDLES)!;
		const oneCheck = rawValueCheck(NEEDLES)!;
		const random = seededRandom(15);
		let skipped = 0;
		let kept = 0;
		for (let round = 0; round < 2000; round++) {
			const batch = randomBatch(random, 1 + Math.floor(random() * 40));
			const may = batchCheck(batch);
			const expected = batch.map((record) => (oneCheck(record.value) ? 1 : 0));
			expect([...may]).toEqual(expected);
			for (const entry of expected) entry === 1 ? kept++ : skipped++;
		}
		// Both answers were given many times: the corpus is not one-sided.
		expect(Math.min(kept, skipped)).toBeGreaterThan(5000);
	});

	it('finds a needle at a value’s start and end, never one that crosses into the next value', () => {
		const check = rawBatchCheck([['abc']])!;
		const shared = Buffer.from('{abc{xab{xabc{x');
		const batch = [0, 4, 8, 13].map((start, index, starts) => ({
			value: shared.subarray(start, starts[index + 1] ?? shared.length),
		}));
		expect(batch.map((record) => record.value.toString())).toEqual(['{abc', '{xab', '{xabc', '{x']);
		expect([...check(batch)]).toEqual([1, 0, 1, 0]);
		expect([...check([{value: Buffer.from('{ab')}, {value: Buffer.from('c}')}])]).toEqual([0, 1]);
	});

	it('checks nothing without needles', () => {
		expect(rawBatchCheck([])).toBeUndefined();
	});
});
