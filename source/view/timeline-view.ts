import {BUCKET_SIZES_MS, type BucketCount, type TimelineReader} from '../store/time-buckets.js';
import {cursorBucket, type TimelineSpan, type TimelineState} from './view-state.js';

/**
 * What the timeline panel draws, worked out from the store's bucket counts: one column per
 * bucket, the newest at the right edge while following, the chosen bucket, each bar's stack in
 * cells and where the time labels go. Pure: the panel component only turns this into rows.
 */

/** A bar's cells, bottom up: errors first so that a single error is never hidden under the rest. */
export type BarStack = {error: number; warn: number; other: number};

export type TimelineModel = {
	/** Bucket width, ms. */
	size: number;
	/** Bucket number of the leftmost column. */
	start: number;
	/** Each column's counts (undefined: no record in that bucket). */
	counts: readonly (BucketCount | undefined)[];
	/** Each column's bar in cells, `barRows` high at most. */
	bars: readonly BarStack[];
	/** The chosen bucket's column and counts; -1 when nothing is buffered. */
	cursorColumn: number;
	cursorCount: BucketCount | undefined;
	/** The chosen bucket's start time, ms (NaN when nothing is buffered). */
	cursorTime: number;
	following: boolean;
	/** The fullest bucket on screen: the bars' scale. */
	peak: number;
	/** Time labels: the column each starts at and its text. */
	labels: readonly {column: number; text: string}[];
};

/** Label steps, ms: the smallest that leaves room between labels is used. */
const LABEL_STEPS_MS = [
	1000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000,
	7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000,
];

/** A bucket width in words: `10 s`, `1 min`. */
export function bucketSizeLabel(size: number): string {
	return size < 60_000 ? `${size / 1000} s` : `${size / 60_000} min`;
}

export function totalOf(count: BucketCount | undefined): number {
	return count === undefined ? 0 : count.error + count.warn + count.other;
}

/** The span the store holds at `zoom`, with its bucket width; undefined when nothing is buffered. */
export function timelineSpan(reader: TimelineReader, zoom: number): TimelineSpan | undefined {
	const range = reader.range(zoom);
	return range === undefined ? undefined : {...range, size: BUCKET_SIZES_MS[zoom]!};
}

/**
 * A bar of `rows` cells at most for `count`, scaled to `peak`. Each level class present gets a
 * cell when the bar has room, so a rare error still shows beside thousands of info lines.
 */
export function stackBar(count: BucketCount | undefined, peak: number, rows: number): BarStack {
	const total = totalOf(count);
	if (count === undefined || total === 0 || peak <= 0 || rows <= 0) return {error: 0, warn: 0, other: 0};
	const height = Math.min(rows, Math.max(1, Math.round((total / peak) * rows)));
	const cells = [count.error, count.warn, count.other].map((part) =>
		part > 0 ? Math.max(1, Math.round((part / total) * height)) : 0,
	);
	const present = cells.filter((cell) => cell > 0).length;
	const target = Math.min(rows, Math.max(height, present));
	const largest = () => cells.indexOf(Math.max(...cells));
	let sum = cells.reduce((total, cell) => total + cell, 0);
	// Rounding leaves the parts a cell or two off the bar's height: even it out on the largest.
	for (; sum < target; sum++) cells[largest()]!++;
	for (; sum > target && cells[largest()]! > 1; sum--) cells[largest()]!--;
	// A panel too low for a cell of each: errors first, then warnings.
	for (let part = 2; sum > rows && part >= 0; part--) {
		const cut = Math.min(cells[part]!, sum - rows);
		cells[part]! -= cut;
		sum -= cut;
	}
	return {error: cells[0]!, warn: cells[1]!, other: cells[2]!};
}

/** Local offset from UTC at `ms`, so labels fall on round local times. */
function localOffset(ms: number): number {
	return -new Date(ms).getTimezoneOffset() * 60_000;
}

/** `HH:MM:SS` (or `HH:MM` for minute buckets) of a local time. */
function clock(ms: number, withSeconds: boolean): string {
	const local = new Date(ms);
	const two = (value: number) => String(value).padStart(2, '0');
	const text = `${two(local.getHours())}:${two(local.getMinutes())}`;
	return withSeconds ? `${text}:${two(local.getSeconds())}` : text;
}

/** `HH:MM:SS` of a bucket's start, as the title and labels show it. */
export function bucketClock(ms: number): string {
	return clock(ms, true);
}

function axisLabels(start: number, width: number, size: number): {column: number; text: string}[] {
	const withSeconds = size < 60_000;
	const room = (withSeconds ? 8 : 5) + 2;
	const step = LABEL_STEPS_MS.find((candidate) => candidate % size === 0 && candidate / size >= room);
	if (step === undefined) return [];
	const labels: {column: number; text: string}[] = [];
	for (let column = 0; column < width; column++) {
		const time = (start + column) * size;
		if ((((time + localOffset(time)) % step) + step) % step !== 0) continue;
		const text = clock(time, withSeconds);
		if (column + text.length <= width) labels.push({column, text});
	}
	return labels;
}

/** The model of a panel `width` columns wide whose bars take `barRows` rows. */
export function timelineModel(
	reader: TimelineReader,
	state: TimelineState,
	width: number,
	barRows: number,
): TimelineModel {
	const size = BUCKET_SIZES_MS[state.zoom] ?? BUCKET_SIZES_MS[1];
	const span = timelineSpan(reader, state.zoom);
	const columns = Math.max(1, width);
	if (span === undefined) {
		return {
			size,
			start: 0,
			counts: [],
			bars: [],
			cursorColumn: -1,
			cursorCount: undefined,
			cursorTime: Number.NaN,
			following: state.cursor === undefined,
			peak: 0,
			labels: [],
		};
	}
	const cursor = cursorBucket(state.cursor, span);
	// Near the newest bucket the window ends there (and moves with the stream); further back it
	// is a fixed page of `columns` buckets, so a chosen bucket stays put while records arrive.
	const start =
		span.last - cursor < columns ? span.last - columns + 1 : Math.floor(cursor / columns) * columns;
	const counts: (BucketCount | undefined)[] = [];
	let peak = 0;
	for (let column = 0; column < columns; column++) {
		const count = reader.bucket(state.zoom, start + column);
		counts.push(count);
		peak = Math.max(peak, totalOf(count));
	}
	return {
		size,
		start,
		counts,
		bars: counts.map((count) => stackBar(count, peak, barRows)),
		cursorColumn: cursor - start,
		cursorCount: counts[cursor - start],
		cursorTime: cursor * size,
		following: state.cursor === undefined,
		peak,
		labels: axisLabels(start, columns, size),
	};
}
