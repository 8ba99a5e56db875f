/**
 * Record times for display: `HH:MM:SS.mmm` in local time (the default), in UTC,
 * or a full ISO 8601 string. Cheap per record: no `Intl`, and the local
 * offset is looked up once per quarter hour of record time (every time zone's
 * offset changes only on a quarter-hour boundary), so the common case is
 * plain arithmetic on the number.
 */

/** How {@link formatTime} shows a time. */
export type TimeMode = 'local' | 'utc' | 'iso';

/** What an unusable time (NaN, out of Date's range) shows as. */
export const INVALID_TIME = '--:--:--.---';

const QUARTER_HOUR_MS = 900_000;
const DAY_MS = 86_400_000;
/** Largest |ms| a Date can hold; beyond it `toISOString` throws. */
const MAX_DATE_MS = 8.64e15;

let cachedQuarter = Number.NaN;
let cachedOffsetMs = 0;

/** Local offset from UTC at `ms`, in ms (positive east of Greenwich). */
function localOffsetMs(ms: number): number {
	const quarter = Math.floor(ms / QUARTER_HOUR_MS);
	if (quarter !== cachedQuarter) {
		cachedQuarter = quarter;
		cachedOffsetMs = -new Date(ms).getTimezoneOffset() * 60_000;
	}

	return cachedOffsetMs;
}

function twoDigits(value: number): string {
	return value < 10 ? `0${value}` : `${value}`;
}

function threeDigits(value: number): string {
	return value < 10 ? `00${value}` : value < 100 ? `0${value}` : `${value}`;
}

/** `HH:MM:SS.mmm` of a time of day given as ms since midnight. */
function clockOf(msOfDay: number): string {
	const hours = Math.floor(msOfDay / 3_600_000);
	const minutes = Math.floor(msOfDay / 60_000) % 60;
	const seconds = Math.floor(msOfDay / 1000) % 60;
	return `${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(seconds)}.${threeDigits(msOfDay % 1000)}`;
}

/**
 * Format ms since the epoch: `HH:MM:SS.mmm` local time (`local`, the default)
 * or UTC (`utc`), or `YYYY-MM-DDTHH:MM:SS.mmmZ` (`iso`). Unusable times show
 * as {@link INVALID_TIME}.
 */
export function formatTime(ms: number, mode: TimeMode = 'local'): string {
	if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) {
		return INVALID_TIME;
	}

	const whole = Math.floor(ms);
	if (mode === 'iso') {
		return new Date(whole).toISOString();
	}

	const shifted = mode === 'utc' ? whole : whole + localOffsetMs(whole);
	return clockOf(((shifted % DAY_MS) + DAY_MS) % DAY_MS);
}

/** The day a time falls on (days since the epoch) in local time or UTC, for "is this today". */
export function dayOf(ms: number, mode: Exclude<TimeMode, 'iso'> = 'local'): number {
	const whole = Math.floor(ms);
	return Math.floor((mode === 'utc' ? whole : whole + localOffsetMs(whole)) / DAY_MS);
}

/** Width of {@link formatTime}'s `HH:MM:SS.mmm`, and of {@link formatDatedTime}'s date before it. */
export const CLOCK_WIDTH = 12;
export const DATE_WIDTH = 11;

/**
 * {@link formatTime} with the date in front, `YYYY-MM-DD HH:MM:SS.mmm`, for a record that is
 * not from today: only the time of day would make last year's record look like today's.
 */
export function formatDatedTime(ms: number, mode: Exclude<TimeMode, 'iso'> = 'local'): string {
	if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) return `---------- ${INVALID_TIME}`;
	const whole = Math.floor(ms);
	const shifted = mode === 'utc' ? whole : whole + localOffsetMs(whole);
	return `${new Date(shifted).toISOString().slice(0, 10)} ${formatTime(ms, mode)}`;
}

/** The time as {@link formatTime}, with the date when its day is not `today` (see {@link dayOf}). */
export function formatTimeForDay(
	ms: number,
	today: number,
	mode: Exclude<TimeMode, 'iso'> = 'local',
): string {
	if (!Number.isFinite(ms) || dayOf(ms, mode) === today) return formatTime(ms, mode);
	return formatDatedTime(ms, mode);
}
