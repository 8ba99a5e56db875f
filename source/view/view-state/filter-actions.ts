import type {FilterSpec} from '../../store/filter/filter-spec.js';
import {LEVEL_CYCLE, type Reducers, type TextInputKind, type ViewState} from './state.js';

/** The filter line, the search and the minimum level: typing them, clearing them, adding to them. */

export type FilterAction =
	| {type: 'startInput'; kind: TextInputKind}
	| {type: 'inputChange'; text: string}
	/** Enter: keep what was typed. */
	| {type: 'inputCommit'}
	/** Esc: clear what was typed (the filter or search goes away). */
	| {type: 'inputCancel'}
	/** Clears the text filter and the search (levels and services stay). */
	| {type: 'clearTextFilter'}
	| {type: 'clearAllFilters'}
	| {type: 'addFilterTerm'; term: string}
	/** A recalled saved filter replaces the filter line. */
	| {type: 'setFilterText'; text: string}
	| {type: 'cycleLevel'};

/**
 * Split typed filter text into terms: whitespace separates terms, except inside a
 * `/regex/` or `!/regex/` (which runs to the next unescaped `/`) and a `"quoted text"`
 * or `!"quoted text"` (which runs to the next `"`).
 */
export function splitFilterTerms(text: string): string[] {
	const terms: string[] = [];
	let index = 0;
	while (index < text.length) {
		while (index < text.length && /\s/.test(text[index]!)) index++;
		if (index >= text.length) break;
		const start = index;
		const opener = text[index] === '!' ? index + 1 : index;
		const delimiter = text[opener] === '/' || text[opener] === '"' ? text[opener]! : undefined;
		if (delimiter) {
			let cursor = opener + 1;
			while (cursor < text.length && text[cursor] !== delimiter) {
				cursor += delimiter === '/' && text[cursor] === '\\' ? 2 : 1;
			}
			index = Math.min(text.length, cursor + 1);
			// Flags or stray characters glued to the closing slash stay with the term.
			while (index < text.length && !/\s/.test(text[index]!)) index++;
		} else {
			while (index < text.length && !/\s/.test(text[index]!)) index++;
		}
		terms.push(text.slice(start, index));
	}
	return terms;
}

/** What a prompt starts with: the filter or search being edited; a name starts empty. */
function initialInputText(state: ViewState, kind: TextInputKind): string {
	if (kind === 'filter') return state.filterText;
	if (kind === 'search') return state.searchText;
	return '';
}

/** The store filter this view state asks for. */
export function filterSpecOf(state: ViewState): FilterSpec {
	return {services: state.services, minLevel: state.minLevel, terms: splitFilterTerms(state.filterText)};
}

/** The text filter currently in force: while typing a filter, what is typed so far. */
export function liveFilterText(state: ViewState): string {
	return state.input.kind === 'filter' ? state.input.text : state.filterText;
}

export const FILTER_REDUCERS: Reducers<FilterAction> = {
	startInput: (state, action) => ({
		...state,
		input: {kind: action.kind, text: initialInputText(state, action.kind)},
	}),
	inputChange(state, action) {
		if (state.input.kind === 'none') return state;
		return {...state, input: {kind: state.input.kind, text: action.text}};
	},
	inputCommit(state) {
		if (state.input.kind === 'filter') return {...state, filterText: state.input.text, input: {kind: 'none'}};
		if (state.input.kind === 'search') return {...state, searchText: state.input.text, input: {kind: 'none'}};
		// A name typed for saving or recalling: the app acted on it; the filter stays.
		return state.input.kind === 'none' ? state : {...state, input: {kind: 'none'}};
	},
	inputCancel(state) {
		if (state.input.kind === 'filter') return {...state, filterText: '', input: {kind: 'none'}};
		if (state.input.kind === 'search') return {...state, searchText: '', input: {kind: 'none'}};
		return state.input.kind === 'none' ? state : {...state, input: {kind: 'none'}};
	},
	clearTextFilter: (state) => ({...state, filterText: '', searchText: ''}),
	clearAllFilters: (state) => ({
		...state,
		filterText: '',
		searchText: '',
		minLevel: undefined,
		services: {mode: 'exclude', services: new Set()},
	}),
	addFilterTerm(state, action) {
		const filterText =
			state.filterText.trim() === '' ? action.term : `${state.filterText.trim()} ${action.term}`;
		return {...state, filterText};
	},
	setFilterText: (state, action) => ({...state, filterText: action.text}),
	cycleLevel(state) {
		const at = LEVEL_CYCLE.indexOf(state.minLevel);
		return {...state, minLevel: LEVEL_CYCLE[(at + 1) % LEVEL_CYCLE.length]};
	},
};
