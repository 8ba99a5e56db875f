/**
 * Timestamps as log bodies write them → ms since the epoch.
 *
 * Numbers (and numeric strings) are read by magnitude, because loggers disagree
 * on the unit: below 1e11 they are seconds (pino's `time` is ms, but Go's zap
 * and Python write float seconds), below 1e14 ms, below 1e17 µs, else ns.
 * Strings are ISO 8601 / RFC 3339, the formats of `time-formats.ts`, or anything `Date.parse`
 * reads that names its zone. A number is an epoch only when it is within ten years of the record's
 * Kafka time: `"ts": 42` is a counter, not 1970.
 */
import type {SplitTime} from './shapes/field-path.js';
import {daysFromCivil, digits, parseTextTime, type TimeContext} from './time-formats.js';

function digit(text: string, index: number): number {
	const value = text.charCodeAt(index) - 0x30;
	return value >= 0 && value <= 9 ? value : Number.NaN;
}

/**
 * The common RFC 3339 form, `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` (also with a
 * space for the `T`), read by hand: `Date.parse` was the largest single cost of
 * parsing a record. Returns undefined for anything else (the caller then asks
 * `Date.parse`), including local times without an offset.
 */
export function parseRfc3339(text: string): number | undefined {
	const length = text.length;
	if (
		length < 20 ||
		text.charCodeAt(4) !== 0x2d ||
		text.charCodeAt(7) !== 0x2d ||
		text.charCodeAt(13) !== 0x3a
	) {
		return undefined;
	}

	const separator = text.charCodeAt(10);
	if ((separator !== 0x54 && separator !== 0x20 && separator !== 0x74) || text.charCodeAt(16) !== 0x3a) {
		return undefined;
	}

	const year = digits(text, 0, 4);
	const month = digits(text, 5, 2);
	const day = digits(text, 8, 2);
	const hour = digits(text, 11, 2);
	const minute = digits(text, 14, 2);
	const second = digits(text, 17, 2);
	if (
		!(
			year >= 0 &&
			month >= 1 &&
			month <= 12 &&
			day >= 1 &&
			day <= 31 &&
			hour <= 23 &&
			minute <= 59 &&
			second <= 60
		)
	) {
		return undefined; // NaN fails every comparison too
	}

	let index = 19;
	let millis = 0;
	if (text.charCodeAt(index) === 0x2e) {
		index++;
		let scale = 100;
		const fractionStart = index;
		while (index < length && digit(text, index) >= 0) {
			millis += digit(text, index) * scale;
			scale /= 10;
			index++;
		}

		if (index === fractionStart) {
			return undefined;
		}

		millis = Math.floor(millis);
	}

	let offsetMinutes = 0;
	const zone = text.charCodeAt(index);
	if ((zone === 0x5a || zone === 0x7a) && index + 1 === length) {
		offsetMinutes = 0;
	} else if (
		(zone === 0x2b || zone === 0x2d) &&
		index + 6 === length &&
		text.charCodeAt(index + 3) === 0x3a
	) {
		const offsetHours = digits(text, index + 1, 2);
		const offsetRest = digits(text, index + 4, 2);
		if (!(offsetHours <= 23 && offsetRest <= 59)) {
			return undefined;
		}

		offsetMinutes = (zone === 0x2d ? -1 : 1) * (offsetHours * 60 + offsetRest);
	} else {
		return undefined;
	}

	const days = daysFromCivil(year, month, day);
	return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + millis;
}

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
 * How far from the Kafka time an epoch number may be and still be taken as the record's time.
 * Wide enough for logs replayed years later; counters (`42`, `1000000`) land in the 1970s.
 */
export const PLAUSIBLE_EPOCH_MS = 3653 * 86_400_000;

const UTC_CONTEXT: TimeContext = {kafkaTime: 0, zone: undefined};

/** An epoch in ms when it is near the reference (the Kafka time; any time after 1971 without one). */
function plausible(ms: number | undefined, kafkaTime: number): number | undefined {
	if (ms === undefined) return undefined;
	if (kafkaTime <= 0) return ms > 365 * 86_400_000 ? ms : undefined;
	return Math.abs(ms - kafkaTime) <= PLAUSIBLE_EPOCH_MS ? ms : undefined;
}

/** `{epochSecond, nanoOfSecond}` (log4j2), `{seconds, nanos}` (protobuf Timestamp, split fields). */
function objectTime(value: object, kafkaTime: number): number | undefined {
	const object = value as Partial<SplitTime> & {epochSecond?: unknown; nanoOfSecond?: unknown};
	const seconds = object.epochSecond ?? object.seconds;
	const nanos = object.nanoOfSecond ?? object.nanos ?? 0;
	const secondsNumber = typeof seconds === 'string' ? Number(seconds) : seconds;
	const nanosNumber = typeof nanos === 'string' ? Number(nanos) : nanos;
	if (typeof secondsNumber !== 'number' || typeof nanosNumber !== 'number') return undefined;
	const ms = secondsNumber * 1000 + Math.floor(nanosNumber / 1e6);
	return Number.isFinite(ms) && ms > 0 ? plausible(ms, kafkaTime) : undefined;
}

/** A zone written at the end of a text time (`Z`, `GMT`, `+02:00`, `EST`): Date.parse then needs no local zone. */
const NAMED_ZONE = /(?:[zZ]|[+-]\d\d:?\d\d|\b[A-Z]{2,5})\)?$/;

/**
 * The time a body field holds, in ms since the epoch, or undefined when it holds none (wrong
 * type, unparsable, zero, an implausible number): the caller then uses Kafka's timestamp.
 */
export function parseBodyTime(value: unknown, context: TimeContext = UTC_CONTEXT): number | undefined {
	if (typeof value === 'number') {
		return plausible(epochToMs(value), context.kafkaTime);
	}

	if (typeof value === 'object' && value !== null) {
		return Array.isArray(value) ? undefined : objectTime(value, context.kafkaTime);
	}

	if (typeof value !== 'string' || value.length === 0 || value.length > 64) {
		return undefined;
	}

	if (NUMERIC.test(value)) {
		return plausible(epochToMs(Number(value)), context.kafkaTime);
	}

	const ms = parseRfc3339(value) ?? parseTextTime(value, context);
	if (ms !== undefined) return ms;
	// Date.parse reads a time without a zone in this machine's zone: only times that name theirs.
	if (!NAMED_ZONE.test(value)) return undefined;
	const parsed = Date.parse(value);
	return Number.isNaN(parsed) ? undefined : parsed;
}
