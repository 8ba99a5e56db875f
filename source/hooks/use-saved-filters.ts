import {useState} from 'react';
import {
	filterNameProblem,
	findSavedFilter,
	type SavedFilter,
	type SavedFilterStore,
	savedFilterList,
} from '../store/filter/saved-filters.js';
import type {FooterMessage, TextInput, ViewAction} from '../view/view-state.js';

/** What the app does with `B` (save the filter line under a name) and `b` (recall one). */
export type SavedFilters = {
	/** Open the prompt, or say why there is nothing to save or recall. */
	start(kind: 'saveFilter' | 'recallFilter'): void;
	/** Enter in one of these prompts: act on the name. False for other prompts (the caller commits). */
	commit(input: TextInput): boolean;
	/** What the prompt shows after the name: the list, the line a name recalls, or what is wrong. */
	hint(input: TextInput): string | undefined;
};

type Say = (text: string, tone?: FooterMessage['tone']) => void;

/** Saved filters for the app; without a store (tests, the demo) the keys say they are off. */
export function useSavedFilters(
	store: SavedFilterStore | undefined,
	filterText: string,
	say: Say,
	dispatch: (action: ViewAction) => void,
): SavedFilters {
	const [filters, setFilters] = useState<readonly SavedFilter[]>(store?.filters ?? []);

	const save = (name: string) => {
		if (!store) return;
		const line = filterText.trim();
		const replacing = filters.some((filter) => filter.name === name.trim());
		store.save(name, line).then(
			(list) => {
				setFilters(list);
				const number = list.findIndex((filter) => filter.name === name.trim()) + 1;
				say(`${replacing ? 'replaced' : 'saved'} filter ${number} "${name.trim()}": ${line} (b recalls)`);
			},
			(error: unknown) => say(error instanceof Error ? error.message : String(error), 'error'),
		);
	};

	return {
		start(kind) {
			if (!store) say('saved filters are off: no config file to keep them in', 'warn');
			else if (kind === 'saveFilter' && filterText.trim() === '')
				say('nothing to save: the filter line is empty (/ to filter)', 'warn');
			else if (kind === 'recallFilter' && filters.length === 0)
				say('no saved filters yet: B saves the filter line under a name', 'warn');
			else dispatch({type: 'startInput', kind});
		},
		commit(input) {
			if (input.kind === 'saveFilter') {
				// A bad name keeps the prompt open; its hint says what is wrong.
				if (filterNameProblem(input.text)) return true;
				dispatch({type: 'inputCommit'});
				save(input.text);
				return true;
			}
			if (input.kind === 'recallFilter') {
				const found = findSavedFilter(filters, input.text);
				if ('error' in found) return true;
				dispatch({type: 'inputCommit'});
				dispatch({type: 'setFilterText', text: found.filter.line});
				say(`filter ${found.number} "${found.filter.name}": ${found.filter.line}`);
				return true;
			}
			return false;
		},
		hint(input) {
			if (input.kind === 'saveFilter') {
				const problem = input.text.trim() === '' ? undefined : filterNameProblem(input.text);
				return problem ?? `Enter saves "${filterText.trim()}" in ${store?.place ?? 'the config file'} · Esc`;
			}
			if (input.kind === 'recallFilter') {
				const found = findSavedFilter(filters, input.text);
				if (input.text.trim() === '') return `name or number: ${savedFilterList(filters)}`;
				if ('error' in found) return `${found.error} · ${savedFilterList(filters)}`;
				return `Enter: ${found.filter.line}`;
			}
			return undefined;
		},
	};
}
