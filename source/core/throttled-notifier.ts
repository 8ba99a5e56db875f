/** Default upper bound on listener runs per second. */
export const DEFAULT_MAX_HZ = 20;

export type ThrottledNotifierOptions = {
	/** Listener runs per second at most, default 20. */
	maxHz?: number;
};

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

		if (failed) {
			throw failure;
		}
	}
}
