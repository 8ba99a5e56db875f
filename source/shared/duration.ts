/**
 * Durations and points in time as typed on the command line: `--since 15m`, `2h30m`,
 * `1d`, or an ISO 8601 time. Pure: the clock is a parameter.
 */

const UNIT_MS: Record<string, number> = {
	ms: 1,
	s: 1000,
	m: 60_000,
	h: 3_600_000,
	d: 86_400_000,
	w: 604_800_000,
};

const DURATION_PATTERN = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/;
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;

/**
 * Parse a duration like `15m`, `90s`, `2h30m`, `1.5h`, `500ms`, `7d`, `1w` into milliseconds.
 * Returns undefined when the text is not a duration (a bare number has no unit, so it is not one).
 */
export function parseDuration(text: string): number | undefined {
	const input = text.trim().toLowerCase();
	if (!DURATION_PATTERN.test(input)) return undefined;
	let total = 0;
	for (const match of input.matchAll(DURATION_PART)) {
		total += Number(match[1]) * UNIT_MS[match[2]!]!;
	}
	return Math.round(total);
}

/** ISO 8601 date or date-time: `2024-05-01`, `2024-05-01T10:00`, with seconds, fraction and zone. */
export const ISO_PATTERN =
	/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Parse `--since` (or `--until`, named by `flag`): a duration back from `now`, or an ISO 8601
 * time (a time without a zone is local time, as `Date` reads it). Returns ms since the epoch.
 * Throws an Error with a one-line message for anything else, or for a time in the future.
 */
export function parseSince(text: string, now: number = Date.now(), flag = '--since'): number {
	const input = text.trim();
	const duration = parseDuration(input);
	if (duration !== undefined) {
		if (duration <= 0) throw new Error(`${flag} '${input}': the duration must be more than zero`);
		return now - duration;
	}
	if (ISO_PATTERN.test(input)) {
		const time = Date.parse(input.replace(' ', 'T'));
		if (Number.isNaN(time)) throw new Error(`${flag} '${input}': not a valid date`);
		if (time > now) throw new Error(`${flag} '${input}': that time is in the future`);
		return time;
	}
	throw new Error(
		`${flag} '${input}': use a duration like 15m, 2h, 1d or an ISO time like 2024-05-01T10:00Z`,
	);
}
