import {lastAtOrBefore} from '../../shared/binary-search.js';
import {clamp, type Reducers, type ViewState} from './state.js';

/**
 * The log pane's scroll state. Scrolling is anchored to a record's `seq`, not to a view
 * position, so that records arriving at the bottom (or evicted at the top) do not move what
 * the user is reading. Actions that depend on the store's view carry a `ViewIndex`, a tiny
 * read-only window onto it.
 */

/** Read-only access to the filtered view that scroll actions need. */
export type ViewIndex = {
	/** Number of lines in the view. */
	readonly length: number;
	/** The `seq` of the line at view position `index` (0 <= index < length). */
	seqAt(index: number): number | undefined;
};

export type PaneAction =
	| {type: 'scroll'; delta: number; view: ViewIndex; pageSize: number}
	| {type: 'scrollPage'; direction: 1 | -1; view: ViewIndex; pageSize: number}
	| {type: 'scrollTop'; view: ViewIndex; pageSize: number}
	| {type: 'follow'}
	/** Select view position `index` and bring it into view (error, match and mark jumps). */
	| {type: 'jumpTo'; index: number; view: ViewIndex; pageSize: number}
	| {type: 'viewCleared'};

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

export const PANE_REDUCERS: Reducers<PaneAction> = {
	scroll(state, action) {
		if (action.view.length === 0 || action.delta === 0) return state;
		const {selected, bottom} = panePosition(state, action.view);
		// Scrolling down while following changes nothing: we are already at the newest line.
		if (state.follow && action.delta > 0) return state;
		return anchoredAt(state, action.view, selected + action.delta, bottom, action.pageSize);
	},
	scrollPage(state, action) {
		if (action.view.length === 0) return state;
		if (state.follow && action.direction > 0) return state;
		const {selected, bottom} = panePosition(state, action.view);
		const delta = action.direction * Math.max(1, action.pageSize - 1);
		return anchoredAt(state, action.view, selected + delta, bottom + delta, action.pageSize);
	},
	scrollTop: (state, action) => anchoredAt(state, action.view, 0, action.pageSize - 1, action.pageSize),
	follow: (state) => ({...state, follow: true, anchorSeq: undefined, selectedSeq: undefined}),
	jumpTo: (state, action) => jumpState(state, action.view, action.index, action.pageSize),
	viewCleared: (state) => ({
		...state,
		follow: true,
		anchorSeq: undefined,
		selectedSeq: undefined,
		overlay: {kind: 'none'},
	}),
};
