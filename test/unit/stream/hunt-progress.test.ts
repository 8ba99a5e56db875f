import {describe, expect, it} from 'vitest';
import {createHuntReport} from '../../../source/plain/hunt-report.js';
import {
	createHuntProgress,
	formatEta,
	formatRate,
	huntProgressLine,
	huntSummaryLine,
	type ScannedPartition,
} from '../../../source/stream/hunt-progress.js';
import type {PartitionStatus} from '../../../source/stream/stream-status.js';

const scanned = (
	partition: number,
	firstOffset: number,
	nextOffset: number,
	matches = 0,
): ScannedPartition => ({
	topic: 'logs',
	partition,
	firstOffset,
	nextOffset,
	records: nextOffset - firstOffset,
	matches,
});

const status = (partition: number, highWatermark: number): PartitionStatus => ({
	topic: 'logs',
	partition,
	offset: -1,
	highWatermark,
	lag: 0,
	rate: 0,
	assigned: true,
});

describe('hunt progress', () => {
	it('gives scanned and total per partition from the first offset read to the high watermark', () => {
		const progress = createHuntProgress();
		progress.watermarks([status(0, 1000), status(1, 500)]);
		progress.scanned([scanned(0, 200, 400, 1), scanned(1, 0, 500, 2)], 0);
		const snapshot = progress.snapshot(0);
		expect(
			snapshot.partitions.map(({partition, scanned, total, done}) => ({partition, scanned, total, done})),
		).toEqual([
			{partition: 0, scanned: 200, total: 800, done: false},
			{partition: 1, scanned: 500, total: 500, done: true},
		]);
		expect(snapshot).toMatchObject({scanned: 700, total: 1300, matches: 3, records: 700});
	});

	it('measures the rate over the last samples and the ETA from what is left', () => {
		const progress = createHuntProgress();
		progress.watermarks([status(0, 10_000)]);
		progress.scanned([scanned(0, 0, 1000)], 0);
		expect(progress.snapshot(0).partitions[0]).toMatchObject({rate: 0, etaMs: undefined});
		progress.scanned([scanned(0, 0, 3000)], 1000);
		const row = progress.snapshot(1000).partitions[0]!;
		expect(row.rate).toBe(2000);
		// 7000 left at 2000/s.
		expect(row.etaMs).toBe(3500);
		// A partition that stops moving loses its rate as time passes.
		expect(progress.snapshot(3000).partitions[0]!.rate).toBeCloseTo(2000 / 3);
		// Old samples leave the window: the rate follows a change of pace.
		progress.scanned([scanned(0, 0, 3100)], 5000);
		progress.scanned([scanned(0, 0, 3200)], 6000);
		expect(progress.snapshot(6000).partitions[0]!.rate).toBe(100);
	});

	it('is done with ETA 0 once every partition reached its watermark', () => {
		const progress = createHuntProgress();
		progress.watermarks([status(0, 100), status(1, 100)]);
		progress.scanned([scanned(0, 0, 100), scanned(1, 50, 100)], 0);
		expect(progress.snapshot(10).etaMs).toBe(0);
	});

	it('ignores unknown watermarks and counts a partition not read yet as nothing to go', () => {
		const progress = createHuntProgress();
		progress.watermarks([status(0, -1), status(1, 40)]);
		const snapshot = progress.snapshot(0);
		expect(snapshot.partitions.map((row) => row.partition)).toEqual([1]);
		expect(snapshot).toMatchObject({scanned: 0, total: 0});
	});

	it('counts a partition not read yet by what lies between its start and its watermark', () => {
		// A throttled cluster (a client quota) can take seconds for the first fetch of each
		// partition: "0/0 100%" there said it was done before it began.
		const progress = createHuntProgress();
		progress.watermarks([
			{...status(0, 1000), lag: 600},
			{...status(1, 500), lag: 0},
		]);
		const before = progress.snapshot(0);
		expect(before.partitions.map(({total, scanned, done}) => ({total, scanned, done}))).toEqual([
			{total: 600, scanned: 0, done: false},
			{total: 0, scanned: 0, done: true},
		]);
		expect(huntProgressLine(before)).toBe('scanned 0 of 600 (0%), 0/s, 0 matches');
		// Once read, the first offset read says where it began.
		progress.scanned([scanned(0, 400, 700)], 10);
		expect(progress.snapshot(10).partitions[0]).toMatchObject({scanned: 300, total: 600});
	});

	it('has no ETA (not 0) while nothing is done and the total or the rate is unknown', () => {
		const progress = createHuntProgress();
		expect(progress.snapshot(0).etaMs).toBeUndefined();
		// Read, fast, but no watermark yet: nothing "left" of an unknown total is no end.
		progress.scanned([scanned(0, 0, 1000)], 0);
		progress.scanned([scanned(0, 0, 3000)], 1000);
		const unknownTotal = progress.snapshot(1000);
		expect(unknownTotal.rate).toBe(2000);
		expect(unknownTotal.etaMs).toBeUndefined();
		expect(unknownTotal.partitions[0]!.etaMs).toBeUndefined();
		expect(huntProgressLine(unknownTotal)).toBe('scanned 3,000 of 3,000 (100%), 2.0k/s, 0 matches');
	});

	it('writes rates, ETAs and lines as people read them', () => {
		expect([formatRate(12), formatRate(12_345), formatRate(2_500_000)]).toEqual([
			'12/s',
			'12.3k/s',
			'2.5M/s',
		]);
		expect([formatEta(undefined), formatEta(4200), formatEta(185_000), formatEta(7_380_000)]).toEqual([
			'?',
			'5s',
			'3m05s',
			'2h03m',
		]);
		const progress = {
			partitions: [],
			scanned: 120_000,
			total: 500_000,
			records: 120_000,
			matches: 1,
			rate: 45_100,
			etaMs: 8400,
		};
		expect(huntProgressLine(progress)).toBe('scanned 120,000 of 500,000 (24%), 45.1k/s, ETA 9s, 1 match');
		expect(huntSummaryLine({...progress, matches: 3}, 4000)).toBe(
			'scanned 120,000 records in 4.0s (30.0k/s), 3 matches',
		);
	});
});

describe('plain output’s hunt report', () => {
	it('ends with a summary line and a newline, after progress lines only while running', () => {
		let clock = 0;
		const lines: Array<string | undefined> = [];
		const report = createHuntReport(
			(line) => lines.push(line),
			() => clock,
		);
		report.partitions([status(0, 1000)]);
		report.scanned([scanned(0, 0, 1000, 2)]);
		clock = 2000;
		report.end();
		expect(lines).toEqual(['scanned 1,000 records in 2.0s (500/s), 2 matches', undefined]);
	});
});
