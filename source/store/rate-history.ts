/** Seconds of per-second history kept for sparklines. */
export const HISTORY_SECONDS = 120;

const EMPTY_HISTORY: readonly number[] = Object.freeze(new Array<number>(HISTORY_SECONDS).fill(0));

/** Seconds the records/s rate is averaged over. */
export const RATE_WINDOW_SECONDS = 5;

/**
 * Per-second event counts for the last `HISTORY_SECONDS` seconds, in a fixed
 * circular array: constant memory however long the run, so one per service is
 * cheap even with thousands of services.
 *
 * Time comes in as milliseconds from the caller's clock (injectable for tests).
 * A clock that goes backwards counts into the newest second rather than
 * rewriting history.
 */
export class RateHistory {
	readonly #buckets = new Uint32Array(HISTORY_SECONDS);
	/** The second (epoch seconds) the newest bucket is for; -Infinity before the first event. */
	#newestSecond = Number.NEGATIVE_INFINITY;
	/** When the first event was counted, ms; the rate of a young history is averaged over its age. */
	#startedAt = Number.NaN;
	/** `history()`'s answer until a count or a new second changes it. */
	#cachedHistory: readonly number[] | undefined;

	/** Count `count` events at time `nowMs`. */
	add(count: number, nowMs: number): void {
		if (Number.isNaN(this.#startedAt)) {
			this.#startedAt = nowMs;
		}

		this.#advance(Math.floor(nowMs / 1000));
		const index = this.#indexOf(this.#newestSecond);
		this.#buckets[index] = (this.#buckets[index] ?? 0) + count;
		this.#cachedHistory = undefined;
	}

	/**
	 * Events per second over the last `RATE_WINDOW_SECONDS` seconds plus the
	 * current partial second, so the rate moves smoothly instead of in 1 s steps.
	 */
	rate(nowMs: number): number {
		if (Number.isNaN(this.#startedAt)) {
			return 0;
		}

		this.#advance(Math.floor(nowMs / 1000));
		let sum = 0;
		for (let back = 0; back <= RATE_WINDOW_SECONDS; back++) {
			sum += this.#buckets[this.#indexOf(this.#newestSecond - back)] ?? 0;
		}

		const partial = (nowMs % 1000) / 1000;
		// A history younger than the window is averaged over its age (at least 1 s),
		// so the first second of a stream does not read as a fifth of its real rate.
		const span = Math.max(1, Math.min(RATE_WINDOW_SECONDS + partial, (nowMs - this.#startedAt) / 1000));
		return sum / span;
	}

	/**
	 * Per-second counts, oldest first; the last entry is the current (partial)
	 * second. The array is shared until the next count or the next second (with
	 * thousands of services, most histories do not change between two frames).
	 */
	history(nowMs: number): readonly number[] {
		if (Number.isNaN(this.#startedAt)) {
			return EMPTY_HISTORY;
		}

		this.#advance(Math.floor(nowMs / 1000));
		if (this.#cachedHistory !== undefined) {
			return this.#cachedHistory;
		}

		const result = new Array<number>(HISTORY_SECONDS);
		for (let position = 0; position < HISTORY_SECONDS; position++) {
			const second = this.#newestSecond - (HISTORY_SECONDS - 1 - position);
			result[position] = this.#buckets[this.#indexOf(second)] ?? 0;
		}

		this.#cachedHistory = Object.freeze(result);
		return this.#cachedHistory;
	}

	/** Move the newest bucket forward to `second`, zeroing the seconds skipped over. */
	#advance(second: number): void {
		if (second <= this.#newestSecond) {
			return;
		}

		const skipped = Math.min(second - this.#newestSecond, HISTORY_SECONDS);
		for (let step = skipped - 1; step >= 0; step--) {
			this.#buckets[this.#indexOf(second - step)] = 0;
		}

		this.#newestSecond = second;
		this.#cachedHistory = undefined;
	}

	#indexOf(second: number): number {
		return ((second % HISTORY_SECONDS) + HISTORY_SECONDS) % HISTORY_SECONDS;
	}
}
