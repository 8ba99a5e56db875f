/**
 * Timestamps as log bodies write them → ms since the epoch.
 *
 * Numbers (and numeric strings) are read by magnitude, because loggers disagree
 * on the unit: below 1e11 they are seconds (pino's `time` is ms, but Go's zap
 * and Python write float seconds), below 1e14 ms, below 1e17 µs, else ns.
 * Strings are ISO 8601 / RFC 3339 (or anything `Date.parse` reads).
 */

/** A plain number as a string: `1700000000`, `1700000000.123`. */
const NUMERIC = /^\d+(?:\.\d+)?$/;

/** Seconds/ms/µs/ns since the epoch, by magnitude → ms; undefined when not a usable time. */
export function epochToMs(value: number): number | undefined {
	if (!Number.isFinite(value) || value <= 0) {
		return undefined;
	}

	if (value < 1e11) {
		return Math.round(value * 1000);
	}

	if (value < 1e14) {
		return Math.round(value);
	}

	if (value < 1e17) {
		return Math.round(value / 1000);
	}

	return Math.round(value / 1e6);
}

/**
 * The time a body field holds, in ms since the epoch, or undefined when it holds
 * none (wrong type, unparsable, zero): the caller then uses Kafka's timestamp.
 */
export function parseBodyTime(value: unknown): number | undefined {
	if (typeof value === 'number') {
		return epochToMs(value);
	}

	if (typeof value !== 'string' || value.length === 0 || value.length > 64) {
		return undefined;
	}

	if (NUMERIC.test(value)) {
		return epochToMs(Number(value));
	}

	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}
