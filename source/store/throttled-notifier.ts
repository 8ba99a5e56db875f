/** Default upper bound on listener runs per second. */
export const DEFAULT_MAX_HZ = 20;

export type ThrottledNotifierOptions = {
	/** Listener runs per second at most, default 20. */
	maxHz?: number;
	/**
	 * Longest share of the time the listeners may take, e.g. 0.3: after a run that took
	 * `t` ms the next waits at least `t * (1 / share - 1)` ms (at most `MAX_COOLDOWN_MS`).
	 * For listeners that draw: a frame that grows slow under load makes frames rarer instead
	 * of starving everything else on the thread. Default: no limit but `maxHz`.
	 */
	busyShare?: number;
	/** Clock for `busyShare`, ms (injectable for tests); default `performance.now`. */
	clock?: () => number;
};

/**
 * The share of the time the stores' listeners (which draw the screen) may take by default:
 * the rest is for records and keys.
 */
export const DEFAULT_BUSY_SHARE = 0.25;

/** Slowest rate `busyShare` may slow the listeners to: two runs a second. */
export const MAX_COOLDOWN_MS = 500;

/**
 * Coalesces change notifications: after `notify()`, listeners run soon (on a
 * 0 ms timer, never inside the caller's stack) and then at most `maxHz` times
 * a second while changes keep coming. A change during the quiet period is
 * never lost: a trailing run follows when the period ends.
 *
 * It needs no clock: a cooldown timer after each run is the throttle, so fake
 * timers drive it fully in tests. Every timer is unref'd, so a pending
 * notification never keeps the process alive.
 */
export class ThrottledNotifier {
	readonly #intervalMs: number;
	/** Cooldown per ms of listener time, 0 when not limited. */
	readonly #cooldownPerBusyMs: number;
	readonly #clock: () => number;
	readonly #listeners = new Set<() => void>();
	#timer: ReturnType<typeof setTimeout> | undefined;
	/** A change arrived while a run was scheduled or cooling down. */
	#dirty = false;
	#disposed = false;

	constructor(options: ThrottledNotifierOptions = {}) {
		const maxHz = options.maxHz ?? DEFAULT_MAX_HZ;
		if (!(maxHz > 0)) {
			throw new RangeError(`maxHz must be positive, got ${maxHz}`);
		}

		this.#intervalMs = 1000 / maxHz;
		const share = options.busyShare;
		if (share !== undefined && !(share > 0 && share <= 1)) {
			throw new RangeError(`busyShare must be in (0, 1], got ${share}`);
		}

		this.#cooldownPerBusyMs = share === undefined ? 0 : 1 / share - 1;
		this.#clock = options.clock ?? (() => performance.now());
	}

	/** Add a listener; returns the function that removes it. */
	subscribe(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	}

	/** Something changed: listeners will run, throttled. */
	notify(): void {
		if (this.#disposed) {
			return;
		}

		this.#dirty = true;
		if (this.#timer === undefined) {
			this.#schedule(0);
		}
	}

	/** Stop all timers; later `notify()` calls do nothing. */
	dispose(): void {
		this.#disposed = true;
		this.#dirty = false;
		if (this.#timer !== undefined) {
			clearTimeout(this.#timer);
			this.#timer = undefined;
		}
	}

	#schedule(delayMs: number): void {
		const timer = setTimeout(() => {
			this.#timer = undefined;
			this.#tick();
		}, delayMs);
		timer.unref?.();
		this.#timer = timer;
	}

	/** Run listeners if anything changed, then cool down for one interval. */
	#tick(): void {
		if (!this.#dirty) {
			return;
		}

		this.#dirty = false;
		// The cooldown starts before the listeners run, so a listener that changes
		// the store schedules a trailing run instead of an immediate one.
		this.#schedule(this.#intervalMs);
		const started = this.#cooldownPerBusyMs > 0 ? this.#clock() : 0;
		let failure: unknown;
		let failed = false;
		for (const listener of [...this.#listeners]) {
			try {
				listener();
			} catch (error) {
				// Every listener still runs; the first failure is rethrown afterwards.
				if (!failed) {
					failed = true;
					failure = error;
				}
			}
		}

		if (this.#cooldownPerBusyMs > 0) {
			const cooldown = Math.min(MAX_COOLDOWN_MS, (this.#clock() - started) * this.#cooldownPerBusyMs);
			if (cooldown > this.#intervalMs && this.#timer !== undefined && !this.#disposed) {
				clearTimeout(this.#timer);
				this.#schedule(cooldown);
			}
		}

		if (failed) {
			throw failure;
		}
	}
}
