import {useEffect, useMemo} from 'react';
import {compileTerm, parseFilterTerm} from '../store/filter/record-filter.js';
import {isMark, type LogStore, type ViewLine} from '../store/log-store-types.js';
import type {ViewState} from '../view/view-state.js';

/**
 * The search in force (`f`; while typed, what is typed so far): its term, for the highlight,
 * and its test, which the store counts matches with as lines come and go (no scan per frame).
 * Undefined for no search or one that does not compile.
 */
export function useSearch(store: LogStore, view: ViewState) {
	const searchText = view.input.kind === 'search' ? view.input.text : view.searchText;
	const search = useMemo(() => {
		if (searchText.trim() === '') return undefined;
		const term = parseFilterTerm(searchText.trim());
		const compiled = compileTerm(searchText.trim());
		if (compiled.error || term.kind === 'empty') return undefined;
		const test = (line: ViewLine) => !isMark(line) && compiled.test(line);
		return {term, test};
	}, [searchText]);
	useEffect(() => {
		store.setSearch(search?.test);
	}, [store, search]);
	return search;
}
