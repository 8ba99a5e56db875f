import {dayOf, formatTimeForDay} from './format-time.js';

/**
 * The header's `--since`/`--until` window, `10:00:00.000 → 10:05:00.000` (local time, as the
 * time column; the date in front when not today). Without `--since` it starts at the beginning.
 */
export function formatWindow(since: number | undefined, until: number, now: number = Date.now()): string {
	const today = dayOf(now);
	const from = since === undefined ? 'beginning' : formatTimeForDay(since, today);
	return `${from} → ${formatTimeForDay(until, today)}`;
}
