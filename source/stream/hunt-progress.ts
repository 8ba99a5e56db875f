import type {PartitionStatus} from './stream-status.js';

/**
 * A hunt (a filter run in the stream worker, before packing: only matches cross) and its
 * progress per partition: scanned and total, records/s, ETA. Pure: the worker counts, the
 * views draw this.
 */

/** What the worker has scanned of one partition since the hunt started. */
/** How a hunt ended: the session reports it, the TUI shows it. */
export type HuntEnd =
	| {kind: 'done'}
	| {kind: 'cancelled'}
	| {kind: 'tooMany'}
	| {kind: 'failed'; reason: string};

export type ScannedPartition = {
	topic: string;
	partition: number;
	/** Offset of the first record scanned. */
	firstOffset: number;
	/** Offset after the last record scanned. */
	nextOffset: number;
	/** Kafka records scanned (an OTLP request counts once). */
	records: number;
	/** Rows that matched and crossed to the main thread. */
	matches: number;
};

/** One partition's progress, ready to draw. */
export type PartitionProgress = {
	topic: string;
	partition: number;
	/** Offsets scanned (from the first one read to the last). */
	scanned: number;
	/** Offsets from the first one read to the high watermark; scanned when the watermark is unknown. */
	total: number;
	records: number;
	matches: number;
	/** Records per second over the last samples; 0 before two samples. */
	rate: number;
	/** Milliseconds left at `rate`; 0 when done, undefined when unknown. */
	etaMs: number | undefined;
	done: boolean;
};

/** The whole hunt: the partitions' sums (rate and ETA over all of them), and each partition. */
export type HuntProgress = Omit<PartitionProgress, 'topic' | 'partition' | 'done'> & {
	partitions: PartitionProgress[];
};

const keyOf = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/** How far back the rate looks: long enough to smooth a fetch, short enough to follow a change. */
const RATE_WINDOW_MS = 3000;

type Sample = {at: number; nextOffset: number};

/**
 * Progress of a hunt from the worker's counts (`scanned`) and the stream's partition table
 * (`partitions`: high watermarks), sampled at `now`. Keeps a short history per partition for
 * the rate; one tracker per hunt.
 */
export function createHuntProgress(): {
	scanned(partitions: readonly ScannedPartition[], now: number): void;
	watermarks(partitions: readonly PartitionStatus[]): void;
	snapshot(now: number): HuntProgress;
} {
	const counts = new Map<string, ScannedPartition>();
	/** `unread`: the records from the start position to the watermark, before the first was read. */
	const highs = new Map<string, {topic: string; partition: number; high: number; unread?: number}>();
	const samples = new Map<string, Sample[]>();

	const rateOf = (key: string, now: number): number => {
		const list = samples.get(key);
		if (!list || list.length < 2) return 0;
		const first = list[0]!;
		const last = list.at(-1)!;
		// A partition that stopped moving has no rate now, whatever it had.
		const span = Math.max(now, last.at) - first.at;
		return span > 0 ? ((last.nextOffset - first.nextOffset) * 1000) / span : 0;
	};

	return {
		scanned(partitions, now) {
			for (const scanned of partitions) {
				const key = keyOf(scanned.topic, scanned.partition);
				counts.set(key, scanned);
				const list = samples.get(key) ?? [];
				list.push({at: now, nextOffset: scanned.nextOffset});
				while (list.length > 2 && now - list[0]!.at > RATE_WINDOW_MS) list.shift();
				samples.set(key, list);
			}
		},
		watermarks(partitions) {
			for (const status of partitions) {
				if (status.highWatermark < 0) continue;
				highs.set(keyOf(status.topic, status.partition), {
					topic: status.topic,
					partition: status.partition,
					high: status.highWatermark,
					// Known from the start offsets before any fetch came back (a throttled cluster
					// can take seconds per fetch): not "0 of 0, 100%".
					...(status.offset < 0 ? {unread: status.lag} : {}),
				});
			}
		},
		snapshot(now) {
			const rows: PartitionProgress[] = [];
			const keys = new Set([...counts.keys(), ...highs.keys()]);
			for (const key of keys) {
				const count = counts.get(key);
				const high = highs.get(key);
				const topic = count?.topic ?? high!.topic;
				const partition = count?.partition ?? high!.partition;
				const scanned = count ? count.nextOffset - count.firstOffset : 0;
				// Nothing read yet: what lies between its start position and its watermark, if told.
				const total =
					count && high
						? Math.max(scanned, high.high - count.firstOffset)
						: count
							? scanned
							: (high?.unread ?? 0);
				const done =
					count !== undefined ? high !== undefined && count.nextOffset >= high.high : high?.unread === 0;
				const rate = rateOf(key, now);
				rows.push({
					topic,
					partition,
					scanned,
					total,
					records: count?.records ?? 0,
					matches: count?.matches ?? 0,
					rate,
					etaMs: etaOf(total - scanned, rate, done),
					done,
				});
			}
			rows.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
			const sum = (pick: (row: PartitionProgress) => number) => rows.reduce((n, row) => n + pick(row), 0);
			const rate = sum((row) => row.rate);
			const left = sum((row) => row.total - row.scanned);
			return {
				partitions: rows,
				scanned: sum((row) => row.scanned),
				total: sum((row) => row.total),
				records: sum((row) => row.records),
				matches: sum((row) => row.matches),
				rate,
				etaMs: etaOf(left, rate, rows.length > 0 && rows.every((row) => row.done)),
			};
		},
	};
}

/**
 * 0 only when done: nothing left of a total not known yet (no watermark, nothing read) is not
 * an end, and without a rate there is no time to tell.
 */
function etaOf(left: number, rate: number, done: boolean): number | undefined {
	if (done) return 0;
	return rate > 0 && left > 0 ? (left * 1000) / rate : undefined;
}

/** `12.3k/s`, `1.2M/s`: a rate as a header shows it. */
export function formatRate(rate: number): string {
	if (rate >= 1e6) return `${(rate / 1e6).toFixed(1)}M/s`;
	if (rate >= 1e3) return `${(rate / 1e3).toFixed(1)}k/s`;
	return `${Math.round(rate)}/s`;
}

/** `42s`, `3m05s`, `?` when unknown. */
export function formatEta(ms: number | undefined): string {
	if (ms === undefined) return '?';
	const seconds = Math.ceil(ms / 1000);
	if (seconds < 60) return `${seconds}s`;
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
	return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

const matchCount = (matches: number) =>
	`${matches.toLocaleString('en-US')} match${matches === 1 ? '' : 'es'}`;

/** A finished hunt: `scanned 500,000 records in 4.2s (119.0k/s), 3 matches`. */
export function huntSummaryLine(progress: HuntProgress, elapsedMs: number): string {
	const rate = elapsedMs > 0 ? (progress.records * 1000) / elapsedMs : 0;
	return (
		`scanned ${progress.records.toLocaleString('en-US')} records in ${(elapsedMs / 1000).toFixed(1)}s ` +
		`(${formatRate(rate)}), ${matchCount(progress.matches)}`
	);
}

/**
 * One line of a hunt's progress: `scanned 120,000 of 500,000 (24%), 45.1k/s, ETA 9s, 3 matches`;
 * no ETA until there is one to tell (a rate measured, a total known).
 */
export function huntProgressLine(progress: HuntProgress): string {
	const percent = progress.total > 0 ? Math.floor((progress.scanned * 100) / progress.total) : 0;
	const eta = progress.etaMs === undefined ? '' : `, ETA ${formatEta(progress.etaMs)}`;
	return (
		`scanned ${progress.scanned.toLocaleString('en-US')} of ${progress.total.toLocaleString('en-US')} (${percent}%), ` +
		`${formatRate(progress.rate)}${eta}, ${matchCount(progress.matches)}`
	);
}
