import {type KnownLevel, LEVELS} from '../record/log-record.js';
import {lastAtOrBefore} from '../shared/binary-search.js';
import type {FilterSpec, ServiceFilter} from '../store/filter/filter-spec.js';
import {nextServicesPanel, type ServicesPanel} from './services-panel.js';

/**
 * The TUI's view state as a pure reducer: where the log pane is scrolled to, what is
 * selected and focused, which overlay is open, what is being typed, and the filters the
 * user chose. No React, no store: actions that depend on the store's view carry a
 * `ViewIndex`, a tiny read-only window onto it.
 *
 * Scrolling is anchored to a record's `seq`, not to a view position, so that records
 * arriving at the bottom (or evicted at the top) do not move what the user is reading.
 */

/** Read-only access to the filtered view that scroll actions need. */
export type ViewIndex = {
	/** Number of lines in the view. */
	readonly length: number;
	/** The `seq` of the line at view position `index` (0 <= index < length). */
	seqAt(index: number): number | undefined;
};

/** Which panel receives the navigation keys. */
export type Focus = 'log' | 'services';

/** The overlay drawn over the log pane, if any. */
export type Overlay =
	| {kind: 'none'}
	/** `scroll` is the first shown line of the help (when it does not fit). */
	| {kind: 'help'; scroll: number}
	/** `scroll` is the first shown line of the detail text; `field` the highlighted JSON field. */
	| {kind: 'detail'; seq: number; scroll: number; field: number}
	/** The re-seek menu; `choice` indexes `SEEK_CHOICES`. */
	| {kind: 'seek'; choice: number};

/**
 * A line of text the user is typing: a filter (`/`), a search (`f`), the name to save the
 * filter line under (`B`) or the saved filter to recall (`b`).
 */
export type TextInput = {kind: 'none'} | {kind: TextInputKind; text: string};
export type TextInputKind = 'filter' | 'search' | 'saveFilter' | 'recallFilter';

/** A short note in the footer, e.g. "demo sends disabled: …". */
export type FooterMessage = {id: number; text: string; tone: 'info' | 'warn' | 'error'};

export type ViewState = {
	/** True while the pane shows the newest lines and moves with the stream. */
	follow: boolean;
	/** When not following: `seq` of the bottom line of the pane. */
	anchorSeq: number | undefined;
	/** When not following: `seq` of the selected line (Enter opens it). */
	selectedSeq: number | undefined;
	focus: Focus;
	overlay: Overlay;
	input: TextInput;
	/** The text filter as typed (space-separated terms, see `splitFilterTerms`). */
	filterText: string;
	/** The search text (highlights and `n`/`N`), empty when none. */
	searchText: string;
	minLevel: KnownLevel | undefined;
	services: ServiceFilter;
	wrap: boolean;
	showOffsets: boolean;
	showPartitions: boolean;
	/** The services panel the user chose with `S`; undefined: by the terminal's width. */
	servicesPanel: ServicesPanel | undefined;
	/** Highlighted row of the services list and its first visible row. */
	serviceCursor: number;
	serviceScroll: number;
	message: FooterMessage | undefined;
};

/** Minimum levels `l` cycles through, all six; `undefined` shows everything. */
export const LEVEL_CYCLE: readonly (KnownLevel | undefined)[] = [undefined, ...LEVELS];

/**
 * What the re-seek menu offers (label shown, position meant). `tail` means what `--tail`
 * means: the last N records of the topic as a whole, spread over its partitions (see
 * `tailShares`), so the amount re-read does not grow with the partition count.
 */
export const SEEK_CHOICES = [
	{label: 'from the beginning', position: {kind: 'beginning'}},
	{label: 'last 1000 records, spread over the partitions', position: {kind: 'tail', count: 1000}},
	{label: 'last 5 minutes', position: {kind: 'since', minutes: 5}},
	{label: 'last 15 minutes', position: {kind: 'since', minutes: 15}},
	{label: 'last hour', position: {kind: 'since', minutes: 60}},
	{label: 'only new records', position: {kind: 'end'}},
] as const;

export type ViewAction =
	| {type: 'scroll'; delta: number; view: ViewIndex; pageSize: number}
	| {type: 'scrollPage'; direction: 1 | -1; view: ViewIndex; pageSize: number}
	| {type: 'scrollTop'; view: ViewIndex; pageSize: number}
	| {type: 'follow'}
	/** Select view position `index` and bring it into view (error, match and mark jumps). */
	| {type: 'jumpTo'; index: number; view: ViewIndex; pageSize: number}
	| {type: 'viewCleared'}
	| {type: 'toggleHelp'}
	| {type: 'helpScroll'; delta: number; maxScroll: number}
	/** `S`: the panel after the one drawn now (`from`, which may be the width's default). */
	| {type: 'cycleServicesPanel'; from: ServicesPanel}
	| {type: 'openDetail'; seq: number}
	| {type: 'detailScroll'; delta: number; maxScroll: number}
	| {type: 'detailField'; delta: number; fieldCount: number}
	| {type: 'openSeek'}
	| {type: 'seekChoice'; delta: number}
	| {type: 'closeOverlay'}
	| {type: 'toggleFocus'}
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
	| {type: 'cycleLevel'}
	| {type: 'toggleService'; service: string}
	| {type: 'soloService'; service: string}
	/** Hidden services become the shown ones and the other way round. */
	| {type: 'invertServices'}
	| {type: 'showAllServices'}
	| {type: 'serviceCursor'; delta: number; count: number; pageSize: number}
	| {type: 'toggleWrap'}
	| {type: 'toggleOffsets'}
	| {type: 'togglePartitions'}
	| {type: 'showMessage'; message: FooterMessage}
	/** Clears the message only if it is still the one with this id. */
	| {type: 'dismissMessage'; id: number};

/** The state a fresh TUI starts in: following, nothing filtered. */
export function initialViewState(): ViewState {
	return {
		follow: true,
		anchorSeq: undefined,
		selectedSeq: undefined,
		focus: 'log',
		overlay: {kind: 'none'},
		input: {kind: 'none'},
		filterText: '',
		searchText: '',
		minLevel: undefined,
		services: {mode: 'exclude', services: new Set()},
		wrap: false,
		showOffsets: false,
		showPartitions: false,
		servicesPanel: undefined,
		serviceCursor: 0,
		serviceScroll: 0,
		message: undefined,
	};
}

/**
 * View position of the line with this `seq`, or of the nearest line before it when it
 * left the view (evicted or filtered out); 0 when every line is newer; -1 on an empty view.
 * Binary search: seqs grow along the view.
 */
export function positionOfSeq(view: ViewIndex, seq: number): number {
	if (view.length === 0) return -1;
	return Math.max(
		0,
		lastAtOrBefore(view.length, (at) => view.seqAt(at), seq),
	);
}

/** Where the pane is: the selected and the bottom view positions (-1 on an empty view). */
export type PanePosition = {selected: number; bottom: number};

/** Resolve the anchored scroll state against the current view. */
export function panePosition(state: ViewState, view: ViewIndex): PanePosition {
	const last = view.length - 1;
	if (state.follow || state.anchorSeq === undefined) return {selected: last, bottom: last};
	const bottom = positionOfSeq(view, state.anchorSeq);
	const selected = state.selectedSeq === undefined ? bottom : positionOfSeq(view, state.selectedSeq);
	return {selected, bottom};
}

function clamp(value: number, low: number, high: number): number {
	return Math.max(low, Math.min(high, value));
}

/** Stop following and sit at these positions, keeping `selected` inside the pane. */
function anchoredAt(
	state: ViewState,
	view: ViewIndex,
	selected: number,
	bottom: number,
	pageSize: number,
): ViewState {
	const last = view.length - 1;
	if (last < 0) return state;
	const page = Math.max(1, pageSize);
	const sel = clamp(selected, 0, last);
	let bot = clamp(bottom, 0, last);
	if (sel > bot) bot = sel;
	if (sel < bot - (page - 1)) bot = sel + page - 1;
	bot = clamp(Math.max(bot, Math.min(page - 1, last)), 0, last);
	return {...state, follow: false, anchorSeq: view.seqAt(bot), selectedSeq: view.seqAt(sel)};
}

function jumpState(state: ViewState, view: ViewIndex, index: number, pageSize: number): ViewState {
	if (index < 0 || index >= view.length) return state;
	const {bottom} = panePosition(state, view);
	const page = Math.max(1, pageSize);
	const inPane = index <= bottom && index > bottom - page;
	const newBottom = inPane ? bottom : index + Math.floor(page / 2);
	// A jump that lands ends a "no earlier mark" and the like: the message is stale.
	return {...anchoredAt(state, view, index, newBottom, page), message: undefined};
}

function toggleInSet(set: ReadonlySet<string>, item: string): Set<string> {
	const next = new Set(set);
	if (next.has(item)) next.delete(item);
	else next.add(item);
	return next;
}

/** Toggle one service: in include (solo) mode it joins/leaves the shown set, else the hidden set. */
export function toggleService(filter: ServiceFilter, service: string): ServiceFilter {
	const services = toggleInSet(filter.services, service);
	if (filter.mode === 'include' && services.size === 0) return {mode: 'exclude', services};
	return {mode: filter.mode, services};
}

/** Solo a service; soloing the only shown service again shows all. */
export function soloService(filter: ServiceFilter, service: string): ServiceFilter {
	if (filter.mode === 'include' && filter.services.size === 1 && filter.services.has(service)) {
		return {mode: 'exclude', services: new Set()};
	}
	return {mode: 'include', services: new Set([service])};
}

/**
 * Invert a service filter: hiding some ↔ showing only them. Nothing hidden stays as
 * it is (its inverse would hide every service, an empty screen that helps nobody).
 */
export function invertServiceFilter(filter: ServiceFilter): ServiceFilter {
	if (filter.services.size === 0) return filter;
	return {mode: filter.mode === 'include' ? 'exclude' : 'include', services: filter.services};
}

/** True when the service filter hides `service`. */
export function isServiceHidden(filter: ServiceFilter, service: string): boolean {
	return filter.mode === 'include' ? !filter.services.has(service) : filter.services.has(service);
}

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

/** Reducer: the next view state. Unknown situations leave the state unchanged. */
export function viewReducer(state: ViewState, action: ViewAction): ViewState {
	switch (action.type) {
		case 'scroll': {
			if (action.view.length === 0 || action.delta === 0) return state;
			const {selected, bottom} = panePosition(state, action.view);
			// Scrolling down while following changes nothing: we are already at the newest line.
			if (state.follow && action.delta > 0) return state;
			return anchoredAt(state, action.view, selected + action.delta, bottom, action.pageSize);
		}
		case 'scrollPage': {
			if (action.view.length === 0) return state;
			if (state.follow && action.direction > 0) return state;
			const {selected, bottom} = panePosition(state, action.view);
			const delta = action.direction * Math.max(1, action.pageSize - 1);
			return anchoredAt(state, action.view, selected + delta, bottom + delta, action.pageSize);
		}
		case 'scrollTop':
			return anchoredAt(state, action.view, 0, action.pageSize - 1, action.pageSize);
		case 'follow':
			return {...state, follow: true, anchorSeq: undefined, selectedSeq: undefined};
		case 'jumpTo':
			return jumpState(state, action.view, action.index, action.pageSize);
		case 'viewCleared':
			return {...state, follow: true, anchorSeq: undefined, selectedSeq: undefined, overlay: {kind: 'none'}};
		case 'toggleHelp':
			return {...state, overlay: state.overlay.kind === 'help' ? {kind: 'none'} : {kind: 'help', scroll: 0}};
		case 'helpScroll': {
			if (state.overlay.kind !== 'help') return state;
			const scroll = clamp(state.overlay.scroll + action.delta, 0, Math.max(0, action.maxScroll));
			return {...state, overlay: {kind: 'help', scroll}};
		}
		case 'cycleServicesPanel':
			return {...state, servicesPanel: nextServicesPanel(action.from)};
		case 'openDetail':
			return {...state, overlay: {kind: 'detail', seq: action.seq, scroll: 0, field: 0}};
		case 'detailScroll': {
			if (state.overlay.kind !== 'detail') return state;
			const scroll = clamp(state.overlay.scroll + action.delta, 0, Math.max(0, action.maxScroll));
			return {...state, overlay: {...state.overlay, scroll}};
		}
		case 'detailField': {
			if (state.overlay.kind !== 'detail' || action.fieldCount === 0) return state;
			const field = clamp(state.overlay.field + action.delta, 0, action.fieldCount - 1);
			return {...state, overlay: {...state.overlay, field}};
		}
		case 'openSeek':
			return {...state, overlay: {kind: 'seek', choice: 0}};
		case 'seekChoice': {
			if (state.overlay.kind !== 'seek') return state;
			const choice = clamp(state.overlay.choice + action.delta, 0, SEEK_CHOICES.length - 1);
			return {...state, overlay: {kind: 'seek', choice}};
		}
		case 'closeOverlay':
			return {...state, overlay: {kind: 'none'}};
		case 'toggleFocus':
			// Focusing a hidden panel brings it back (as the terminal's width has it).
			if (state.focus === 'log' && state.servicesPanel === 'hidden')
				return {...state, focus: 'services', servicesPanel: undefined};
			return {...state, focus: state.focus === 'log' ? 'services' : 'log'};
		case 'startInput':
			return {
				...state,
				input: {kind: action.kind, text: initialInputText(state, action.kind)},
			};
		case 'inputChange':
			if (state.input.kind === 'none') return state;
			return {...state, input: {kind: state.input.kind, text: action.text}};
		case 'inputCommit':
			if (state.input.kind === 'filter')
				return {...state, filterText: state.input.text, input: {kind: 'none'}};
			if (state.input.kind === 'search')
				return {...state, searchText: state.input.text, input: {kind: 'none'}};
			// A name typed for saving or recalling: the app acted on it; the filter stays.
			return state.input.kind === 'none' ? state : {...state, input: {kind: 'none'}};
		case 'inputCancel':
			if (state.input.kind === 'filter') return {...state, filterText: '', input: {kind: 'none'}};
			if (state.input.kind === 'search') return {...state, searchText: '', input: {kind: 'none'}};
			return state.input.kind === 'none' ? state : {...state, input: {kind: 'none'}};
		case 'clearTextFilter':
			return {...state, filterText: '', searchText: ''};
		case 'clearAllFilters':
			return {
				...state,
				filterText: '',
				searchText: '',
				minLevel: undefined,
				services: {mode: 'exclude', services: new Set()},
			};
		case 'addFilterTerm': {
			const filterText =
				state.filterText.trim() === '' ? action.term : `${state.filterText.trim()} ${action.term}`;
			return {...state, filterText};
		}
		case 'setFilterText':
			return {...state, filterText: action.text};
		case 'cycleLevel': {
			const at = LEVEL_CYCLE.indexOf(state.minLevel);
			return {...state, minLevel: LEVEL_CYCLE[(at + 1) % LEVEL_CYCLE.length]};
		}
		case 'toggleService':
			return {...state, services: toggleService(state.services, action.service)};
		case 'soloService':
			return {...state, services: soloService(state.services, action.service)};
		case 'invertServices':
			return {...state, services: invertServiceFilter(state.services)};
		case 'showAllServices':
			return {...state, services: {mode: 'exclude', services: new Set()}};
		case 'serviceCursor': {
			if (action.count === 0) return {...state, serviceCursor: 0, serviceScroll: 0};
			const cursor = clamp(state.serviceCursor + action.delta, 0, action.count - 1);
			const page = Math.max(1, action.pageSize);
			let scroll = state.serviceScroll;
			if (cursor < scroll) scroll = cursor;
			if (cursor >= scroll + page) scroll = cursor - page + 1;
			scroll = clamp(scroll, 0, Math.max(0, action.count - page));
			return {...state, serviceCursor: cursor, serviceScroll: scroll};
		}
		case 'toggleWrap':
			return {...state, wrap: !state.wrap};
		case 'toggleOffsets':
			return {...state, showOffsets: !state.showOffsets};
		case 'togglePartitions':
			return {...state, showPartitions: !state.showPartitions};
		case 'showMessage':
			return {...state, message: action.message};
		case 'dismissMessage':
			return state.message?.id === action.id ? {...state, message: undefined} : state;
	}
}
