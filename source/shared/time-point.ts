import {ISO_PATTERN, parseDuration} from './duration.js';

/**
 * A point in time as typed in a filter (`time>10:42`) or a jump: a time of day today
 * (`10:42`, `10:42:05`, `10:42:05.250`, local time, as the time column shows it), a
 * duration back from now (`-5m`, `-1h30m`), or an ISO 8601 date or time (without a zone:
 * local; a date alone: its local midnight). Pure: the clock is a parameter.
 */

export type TimePoint = {ok: true; time: number} | {ok: false; error: string};

const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export const TIME_POINT_FORMATS = '10:42, 10:42:05, -5m or an ISO time like 2026-12-07T10:42';

/** Milliseconds since the epoch of `text`, read against `now`; an error says which formats work. */
export function parseTimePoint(text: string, now: number): TimePoint {
	const input = text.trim();
	const clock = CLOCK.exec(input);
	if (clock) {
		const [hours, minutes, seconds, fraction] = [1, 2, 3, 4].map((group) => clock[group]);
		const h = Number(hours);
		const m = Number(minutes);
		const s = Number(seconds ?? 0);
		if (h > 23 || m > 59 || s > 59)
			return {ok: false, error: `no such time of day; use ${TIME_POINT_FORMATS}`};
		const day = new Date(now);
		day.setHours(h, m, s, Number((fraction ?? '0').padEnd(3, '0')));
		return {ok: true, time: day.getTime()};
	}
	if (input.startsWith('-')) {
		const back = parseDuration(input.slice(1));
		if (back !== undefined && back > 0) return {ok: true, time: now - back};
	}
	if (ISO_PATTERN.test(input)) {
		// `Date.parse` reads a date alone as UTC, a date-time without a zone as local: make both local.
		const time = Date.parse(DATE_ONLY.test(input) ? `${input}T00:00` : input.replace(' ', 'T'));
		if (!Number.isNaN(time)) return {ok: true, time};
	}
	return {ok: false, error: `not a time; use ${TIME_POINT_FORMATS}`};
}
