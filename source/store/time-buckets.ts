import type {Level} from '../record/log-record.js';

/**
 * The timeline's counts: how many records of the buffer fall in each time bucket, by level
 * class, at every zoom at once. Counted as records enter the ring and taken off as they are
 * evicted, so a frame reads a few hundred buckets and never scans the buffer. Pure: no React.
 */

/** Bucket widths the timeline zooms through, finest first: 1 s, 10 s, 1 min, 10 min. */
export const BUCKET_SIZES_MS = [1000, 10_000, 60_000, 600_000] as const;
const COARSEST = BUCKET_SIZES_MS.length - 1;

/** The stack of one bar: error (error and fatal), warn, and every other level. */
export type BucketCount = {readonly error: number; readonly warn: number; readonly other: number};

/** First and last bucket number (`floor(time / size)`) that hold records, at one zoom. */
export type BucketRange = {first: number; last: number};

/** What the timeline reads: the count of a bucket and the span of the buffer, at a zoom. */
export type TimelineReader = {
	/** The counts of bucket `bucket` at zoom `zoom` (an index of `BUCKET_SIZES_MS`); undefined: empty. */
	bucket(zoom: number, bucket: number): BucketCount | undefined;
	/** The buckets between the oldest and newest record time; undefined when nothing is counted. */
	range(zoom: number): BucketRange | undefined;
	/** Records counted (those with a usable time). */
	readonly records: number;
};

/** A bucket's counts by level class: [error, warn, other] (an array: indexed by class, no key look-up). */
type Counts = [number, number, number];

/** The index of a level's class in `Counts`. */
function classOf(level: Level): number {
	if (level === 'error' || level === 'fatal') return 0;
	return level === 'warn' ? 1 : 2;
}

/** A bucket touched last, kept at hand: records arrive and leave in runs of one bucket. */
type Recent = {key: number; counts: Counts | undefined};

/** One zoom's buckets. Arrivals and evictions each keep their own recent bucket (newest, oldest). */
class ZoomBuckets {
	readonly #size: number;
	readonly #counts = new Map<number, Counts>();
	readonly #added: Recent = {key: Number.NaN, counts: undefined};
	readonly #removed: Recent = {key: Number.NaN, counts: undefined};

	constructor(size: number) {
		this.#size = size;
	}

	get map(): ReadonlyMap<number, Counts> {
		return this.#counts;
	}

	keyOf(time: number): number {
		return Math.floor(time / this.#size);
	}

	#countsAt(key: number, recent: Recent): Counts | undefined {
		if (key === recent.key) return recent.counts;
		const found = this.#counts.get(key);
		if (found !== undefined) {
			recent.key = key;
			recent.counts = found;
		}
		return found;
	}

	add(key: number, levelClass: number): void {
		let counts = this.#countsAt(key, this.#added);
		if (counts === undefined) {
			counts = [0, 0, 0];
			this.#counts.set(key, counts);
			this.#added.key = key;
			this.#added.counts = counts;
		}
		counts[levelClass]!++;
	}

	/** Take one record off; true when that emptied its bucket. */
	remove(key: number, levelClass: number): boolean {
		const counts = this.#countsAt(key, this.#removed);
		if (counts === undefined || counts[levelClass] === 0) return false;
		counts[levelClass]!--;
		if (counts[0] + counts[1] + counts[2] > 0) return false;
		this.#counts.delete(key);
		for (const recent of [this.#added, this.#removed]) {
			if (recent.key !== key) continue;
			recent.key = Number.NaN;
			recent.counts = undefined;
		}
		return true;
	}

	clear(): void {
		this.#counts.clear();
		for (const recent of [this.#added, this.#removed]) {
			recent.key = Number.NaN;
			recent.counts = undefined;
		}
	}
}

/**
 * The counts per bucket at every zoom. The span (oldest and newest bucket) is kept at the
 * coarsest zoom and worked out again only when a bucket at its edge empties, and then only
 * when read: eviction stays O(1) per record.
 */
export class TimeBuckets implements TimelineReader {
	readonly #zooms = BUCKET_SIZES_MS.map((size) => new ZoomBuckets(size));
	#records = 0;
	#first = Number.POSITIVE_INFINITY;
	#last = Number.NEGATIVE_INFINITY;
	#spanStale = false;

	get records(): number {
		return this.#records;
	}

	/** Count a record that entered the buffer. A time that is not a number is not counted. */
	add(time: number, level: Level): void {
		if (!Number.isFinite(time)) return;
		const levelClass = classOf(level);
		for (const zoom of this.#zooms) zoom.add(zoom.keyOf(time), levelClass);
		this.#records++;
		if (this.#spanStale) return;
		const coarse = this.#zooms[COARSEST]!.keyOf(time);
		if (coarse < this.#first) this.#first = coarse;
		if (coarse > this.#last) this.#last = coarse;
	}

	/** Take off a record that left the buffer (the same time and level it was added with). */
	remove(time: number, level: Level): void {
		if (!Number.isFinite(time)) return;
		const levelClass = classOf(level);
		let emptied = false;
		for (let index = 0; index <= COARSEST; index++) {
			const zoom = this.#zooms[index]!;
			emptied = zoom.remove(zoom.keyOf(time), levelClass);
		}
		this.#records--;
		if (!emptied) return;
		const coarse = this.#zooms[COARSEST]!.keyOf(time);
		if (coarse === this.#first || coarse === this.#last) this.#spanStale = true;
	}

	clear(): void {
		for (const zoom of this.#zooms) zoom.clear();
		this.#records = 0;
		this.#first = Number.POSITIVE_INFINITY;
		this.#last = Number.NEGATIVE_INFINITY;
		this.#spanStale = false;
	}

	bucket(zoom: number, bucket: number): BucketCount | undefined {
		const counts = this.#zooms[zoom]?.map.get(bucket);
		return counts === undefined ? undefined : {error: counts[0], warn: counts[1], other: counts[2]};
	}

	range(zoom: number): BucketRange | undefined {
		const buckets = this.#zooms[zoom];
		if (buckets === undefined || this.#records === 0) return undefined;
		if (this.#spanStale) this.#refreshSpan();
		const size = BUCKET_SIZES_MS[zoom]!;
		const perCoarse = BUCKET_SIZES_MS[COARSEST]! / size;
		// The edge buckets hold records, so a finer bucket inside each holds some: find it.
		const firstEnd = (this.#first + 1) * perCoarse - 1;
		let first = this.#first * perCoarse;
		while (first < firstEnd && !buckets.map.has(first)) first++;
		const lastStart = this.#last * perCoarse;
		let last = (this.#last + 1) * perCoarse - 1;
		while (last > lastStart && !buckets.map.has(last)) last--;
		return {first, last};
	}

	#refreshSpan(): void {
		this.#first = Number.POSITIVE_INFINITY;
		this.#last = Number.NEGATIVE_INFINITY;
		for (const key of this.#zooms[COARSEST]!.map.keys()) {
			if (key < this.#first) this.#first = key;
			if (key > this.#last) this.#last = key;
		}
		this.#spanStale = false;
	}
}
