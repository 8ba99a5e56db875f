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
