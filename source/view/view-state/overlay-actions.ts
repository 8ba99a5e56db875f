import {clamp, type Reducers, SEEK_CHOICES} from './state.js';

/** The overlays over the log pane: the `?` help, a record's detail view, the re-seek menu. */

export type OverlayAction =
	| {type: 'toggleHelp'}
	| {type: 'helpScroll'; delta: number; maxScroll: number}
	| {type: 'openDetail'; seq: number}
	| {type: 'detailScroll'; delta: number; maxScroll: number}
	| {type: 'detailField'; delta: number; fieldCount: number}
	| {type: 'openSeek'}
	| {type: 'seekChoice'; delta: number}
	| {type: 'closeOverlay'};

export const OVERLAY_REDUCERS: Reducers<OverlayAction> = {
	toggleHelp: (state) => ({
		...state,
		overlay:
			state.overlay.kind === 'help'
				? (state.overlay.under ?? {kind: 'none'})
				: {kind: 'help', scroll: 0, ...(state.overlay.kind === 'lag' ? {under: state.overlay} : {})},
	}),
	helpScroll(state, action) {
		if (state.overlay.kind !== 'help') return state;
		const scroll = clamp(state.overlay.scroll + action.delta, 0, Math.max(0, action.maxScroll));
		return {...state, overlay: {...state.overlay, scroll}};
	},
	openDetail: (state, action) => ({
		...state,
		overlay: {kind: 'detail', seq: action.seq, scroll: 0, field: 0},
	}),
	detailScroll(state, action) {
		if (state.overlay.kind !== 'detail') return state;
		const scroll = clamp(state.overlay.scroll + action.delta, 0, Math.max(0, action.maxScroll));
		return {...state, overlay: {...state.overlay, scroll}};
	},
	detailField(state, action) {
		if (state.overlay.kind !== 'detail' || action.fieldCount === 0) return state;
		const field = clamp(state.overlay.field + action.delta, 0, action.fieldCount - 1);
		return {...state, overlay: {...state.overlay, field}};
	},
	openSeek: (state) => ({...state, overlay: {kind: 'seek', choice: 0}}),
	seekChoice(state, action) {
		if (state.overlay.kind !== 'seek') return state;
		const choice = clamp(state.overlay.choice + action.delta, 0, SEEK_CHOICES.length - 1);
		return {...state, overlay: {kind: 'seek', choice}};
	},
	// The help opened from the lag panel goes back to it.
	closeOverlay: (state) => ({
		...state,
		overlay: state.overlay.kind === 'help' ? (state.overlay.under ?? {kind: 'none'}) : {kind: 'none'},
	}),
};
