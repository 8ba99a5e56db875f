/**
 * Saved filters: filter lines kept under a name in the config file, per profile, and
 * recalled by name or number. Pure: the list and the rules; the file is written by
 * `settings/saved-filters-file.ts` through the {@link SavedFilterStore} port.
 */

/** One saved filter line. Its number is its place in the list, from 1. */
export type SavedFilter = {name: string; line: string};

/** Where the TUI reads and writes its saved filters (the config file, in the CLI). */
export type SavedFilterStore = {
	/** The saved filters when the TUI started. */
	readonly filters: readonly SavedFilter[];
	/** Where they are kept, for messages (`profile prod in ~/.config/klog-tui/config.json`). */
	readonly place: string;
	/** Save (or replace) one; resolves with the list as it is now, rejects with a one-line Error. */
	save(name: string, line: string): Promise<readonly SavedFilter[]>;
};

/** Longest name: it shows in the footer beside others. */
export const MAX_FILTER_NAME = 40;

/** Why a name cannot be used, or undefined when it can. */
export function filterNameProblem(name: string): string | undefined {
	const trimmed = name.trim();
	if (trimmed === '') return 'the name is empty';
	if (/^\d+$/.test(trimmed)) return 'a name of digits only would read as a number';
	if (trimmed.length > MAX_FILTER_NAME) return `the name is longer than ${MAX_FILTER_NAME} characters`;
	if (/[\x00-\x1f\x7f-\x9f]/.test(trimmed)) return 'the name has a control character';
	return undefined;
}

/** The list with `name` saved as `line`: in its old place when the name was there, else last. */
export function withSavedFilter(list: readonly SavedFilter[], name: string, line: string): SavedFilter[] {
	const saved = {name: name.trim(), line: line.trim()};
	const at = list.findIndex((filter) => filter.name === saved.name);
	return at < 0 ? [...list, saved] : list.map((filter, index) => (index === at ? saved : filter));
}

/**
 * The saved filter that `typed` names: its number (`2`), its name, the name in another case,
 * or the start of exactly one name. An error says what there is instead.
 */
export function findSavedFilter(
	list: readonly SavedFilter[],
	typed: string,
): {filter: SavedFilter; number: number} | {error: string} {
	const text = typed.trim();
	const found = (index: number) => ({filter: list[index]!, number: index + 1});
	if (list.length === 0) return {error: 'no saved filters yet'};
	if (/^\d+$/.test(text)) {
		const number = Number(text);
		if (number >= 1 && number <= list.length) return found(number - 1);
		return {error: `no saved filter ${number}: ${list.length === 1 ? 'there is 1' : `1-${list.length}`}`};
	}
	const lower = text.toLowerCase();
	const exact = list.findIndex((filter) => filter.name === text);
	if (exact >= 0) return found(exact);
	const anyCase = list.findIndex((filter) => filter.name.toLowerCase() === lower);
	if (anyCase >= 0) return found(anyCase);
	const starts = list.flatMap((filter, index) =>
		filter.name.toLowerCase().startsWith(lower) ? [index] : [],
	);
	if (text !== '' && starts.length === 1) return found(starts[0]!);
	if (starts.length > 1 && text !== '') {
		return {
			error: `"${text}" starts ${starts.length} names: ${starts.map((index) => list[index]!.name).join(', ')}`,
		};
	}
	return {error: text === '' ? 'type a name or a number' : `no saved filter "${text}"`};
}

/** The list as the recall prompt shows it: `1 slow · 2 5xx`. */
export function savedFilterList(list: readonly SavedFilter[]): string {
	return list.map((filter, index) => `${index + 1} ${filter.name}`).join(' · ');
}

/**
 * The saved filters of a profile from the config file's layers, most important first: a
 * profile's names, then those of `defaults` it does not have.
 */
export function mergeSavedFilters(
	layers: readonly (Readonly<Record<string, string>> | undefined)[],
): SavedFilter[] {
	const list: SavedFilter[] = [];
	for (const layer of layers) {
		for (const [name, line] of Object.entries(layer ?? {})) {
			if (!list.some((filter) => filter.name === name)) list.push({name, line});
		}
	}
	return list;
}
