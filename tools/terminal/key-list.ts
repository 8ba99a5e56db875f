/**
 * The keys the bench's live-stream scenario presses before it measures (bench-config.ts `liveKeys`,
 * tui-pipeline.ts `--keys`): the panels to have open while keys and frames are timed. One list
 * item per key press, comma-separated on the command line; `\,` is a comma key and `\\` a
 * backslash, and the names `Enter`, `Esc` and `Tab` are those keys.
 */
const NAMED: Readonly<Record<string, string>> = {Enter: '\r', Esc: '\x1b', Tab: '\t'};
const NAME_OF: Readonly<Record<string, string>> = Object.fromEntries(
	Object.entries(NAMED).map(([name, key]) => [key, name]),
);

/** `T,L` → ['T', 'L']; empty → []. */
export function parseKeyList(text: string): string[] {
	const keys: string[] = [];
	let current = '';
	for (let index = 0; index < text.length; index++) {
		const character = text[index]!;
		if (character === '\\' && index + 1 < text.length) current += text[++index];
		else if (character === ',') {
			keys.push(current);
			current = '';
		} else current += character;
	}
	if (text.length > 0) keys.push(current);
	const empty = keys.indexOf('');
	if (empty >= 0) throw new Error(`--keys: item ${empty + 1} of "${text}" is empty`);
	return keys.map((key) => NAMED[key] ?? key);
}

/** The list as the command line takes it (the inverse of `parseKeyList` for keys without names). */
export function formatKeyList(keys: readonly string[]): string {
	return keys.map((key) => NAME_OF[key] ?? key.replaceAll('\\', '\\\\').replaceAll(',', '\\,')).join(',');
}

/** How a list is shown in RESULTS.md: `T`, `L`, or "none". */
export function describeKeyList(keys: readonly string[]): string {
	return keys.length === 0 ? 'none' : keys.map((key) => `\`${NAME_OF[key] ?? key}\``).join(', ');
}
