/**
 * The soak test's verdict from its samples (scripts/soak.ts): RSS flat, rate steady, UI
 * responsive. Pure, so the thresholds can be read and tested on their own.
 */

/** One sample of the soak, taken every `--sample-seconds`. */
export type SoakSample = {
	/** Minutes since producing started. */
	minute: number;
	rssMb: number;
	heapMb: number;
	/** Records the store counted per second since the previous sample. */
	recordsPerSecond: number;
	/** Records in the store's ring. */
	buffered: number;
	/** Key presses whose effect showed in this window, and those that never did. */
	keys: number;
	keysMissed: number;
	keyP50: number;
	keyP99: number;
	/** Every key-to-frame time of the window, ms. */
	keyTimes: number[];
	/** The stream's connection state at the sample. */
	state: string;
};

export type SoakVerdict = {
	pass: boolean;
	/** RSS growth over the judged window, MB per minute (least-squares slope). */
	rssSlopeMbPerMinute: number;
	minRate: number;
	maxRate: number;
	keyP99: number;
	keysMissed: number;
	/** One human line per criterion. */
	lines: string[];
};

/** RSS may grow at most this much per minute over the judged window (10 MB per 10 minutes). */
export const MAX_RSS_SLOPE_MB_PER_MINUTE = 1;
/** Every sample after the first minute must consume within this fraction of the target rate. */
export const RATE_TOLERANCE = 0.1;
/** Key-to-frame p99 over the whole run must stay under this, in ms. */
export const MAX_KEY_P99_MS = 250;

/** Least-squares slope of y over x; 0 for fewer than two points. */
export function slope(points: ReadonlyArray<readonly [number, number]>): number {
	if (points.length < 2) return 0;
	const n = points.length;
	const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
	const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
	let num = 0;
	let den = 0;
	for (const [x, y] of points) {
		num += (x - meanX) * (y - meanY);
		den += (x - meanX) ** 2;
	}
	return den === 0 ? 0 : num / den;
}

function nearestRank(values: readonly number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}

/**
 * Judge a soak run. RSS: slope over the last 10 minutes (or the second half of a shorter run,
 * so start-up growth while the ring fills is not judged). Rate: every sample after the first
 * minute within {@link RATE_TOLERANCE} of `targetRate`. Latency: p99 of every key under
 * {@link MAX_KEY_P99_MS} and no missed key.
 */
export function soakVerdict(samples: readonly SoakSample[], targetRate: number): SoakVerdict {
	const lastMinute = samples.at(-1)?.minute ?? 0;
	const windowStart = Math.max(lastMinute - 10, lastMinute / 2);
	const judged = samples.filter((sample) => sample.minute >= windowStart);
	const rssSlopeMbPerMinute = slope(judged.map((sample) => [sample.minute, sample.rssMb] as const));
	const steady = samples.filter((sample) => sample.minute > 1);
	const rates = steady.map((sample) => sample.recordsPerSecond);
	const minRate = rates.length > 0 ? Math.min(...rates) : Number.NaN;
	const maxRate = rates.length > 0 ? Math.max(...rates) : Number.NaN;
	const keyTimes = samples.flatMap((sample) => sample.keyTimes);
	const keyP99 = nearestRank(keyTimes, 99);
	const keysMissed = samples.reduce((sum, sample) => sum + sample.keysMissed, 0);

	const rssFlat = judged.length >= 3 && rssSlopeMbPerMinute <= MAX_RSS_SLOPE_MB_PER_MINUTE;
	const rateSteady =
		rates.length > 0 && rates.every((rate) => Math.abs(rate - targetRate) <= targetRate * RATE_TOLERANCE);
	const responsive = keyTimes.length > 0 && keysMissed === 0 && keyP99 < MAX_KEY_P99_MS;
	const mark = (ok: boolean) => (ok ? 'ok  ' : 'FAIL');
	const lines = [
		`${mark(rssFlat)} RSS slope ${rssSlopeMbPerMinute.toFixed(2)} MB/min over minutes ${windowStart.toFixed(1)}-${lastMinute.toFixed(1)} (${judged.length} samples; limit ${MAX_RSS_SLOPE_MB_PER_MINUTE})`,
		`${mark(rateSteady)} rate ${minRate.toFixed(0)}-${maxRate.toFixed(0)} records/s after minute 1 (target ${targetRate} ±${RATE_TOLERANCE * 100}%)`,
		`${mark(responsive)} key-to-frame p50 ${nearestRank(keyTimes, 50).toFixed(0)} ms, p99 ${keyP99.toFixed(0)} ms over ${keyTimes.length} keys, ${keysMissed} missed (limit p99 ${MAX_KEY_P99_MS} ms)`,
	];
	return {
		pass: rssFlat && rateSteady && responsive,
		rssSlopeMbPerMinute,
		minRate,
		maxRate,
		keyP99,
		keysMissed,
		lines,
	};
}
