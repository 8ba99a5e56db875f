const BARS = '▁▂▃▄▅▆▇█';

/**
 * A sparkline of the last `width` values, scaled to the largest of them: one cell per
 * value, `▁` for zero (so an idle stream still shows a baseline), `█` for the maximum.
 * Fewer values than `width` give a shorter line.
 */
export function sparkline(values: readonly number[], width: number): string {
	if (width <= 0 || values.length === 0) return '';
	const shown = values.slice(-width);
	let max = 0;
	for (const value of shown) if (value > max) max = value;
	let line = '';
	for (const value of shown) {
		const level = max <= 0 || !(value > 0) ? 0 : Math.max(1, Math.round((value / max) * (BARS.length - 1)));
		line += BARS[Math.min(BARS.length - 1, level)];
	}
	return line;
}

/**
 * Squeeze a per-second history into `cells` values, each the mean of an equal run of
 * seconds (the newest run last), so a narrow sparkline still spans the whole history
 * (minutes) rather than its last few seconds. Leading seconds that do not fill a whole
 * run are left out; a history no longer than `cells` is returned as it is.
 */
export function bucketHistory(history: readonly number[], cells: number): number[] {
	if (cells <= 0) return [];
	if (history.length <= cells) return [...history];
	const perCell = Math.floor(history.length / cells);
	const start = history.length - perCell * cells;
	const buckets: number[] = [];
	for (let cell = 0; cell < cells; cell++) {
		let sum = 0;
		for (let second = 0; second < perCell; second++) sum += history[start + cell * perCell + second] ?? 0;
		buckets.push(sum / perCell);
	}
	return buckets;
}
