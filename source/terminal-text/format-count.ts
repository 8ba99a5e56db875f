/** `12345` → `12,345`; rates below 10 keep one decimal (`3.5`), others are rounded. */
export function formatCount(value: number): string {
	return Math.round(value).toLocaleString('en-US');
}

/** A per-second rate for narrow columns: `0`, `3.5`, `120`, `12.3k`. */
export function formatRate(value: number): string {
	if (!(value > 0)) return '0';
	if (value < 10) return (Math.round(value * 10) / 10).toString();
	if (value < 10_000) return Math.round(value).toString();
	return `${(Math.round(value / 100) / 10).toString()}k`;
}

/** `1 line`, `2 lines`, `12,345 lines`: the count with the noun in the right number. */
export function countOf(value: number, noun: string, nouns = `${noun}s`): string {
	return `${formatCount(value)} ${Math.round(value) === 1 ? noun : nouns}`;
}
