import type {FooterMessage, Reducers} from './state.js';

/** What the pane shows besides the lines (wrap, offsets, partitions) and the footer's message. */

export type DisplayAction =
	| {type: 'toggleWrap'}
	| {type: 'toggleOffsets'}
	| {type: 'togglePartitions'}
	| {type: 'showMessage'; message: FooterMessage}
	/** Clears the message only if it is still the one with this id. */
	| {type: 'dismissMessage'; id: number};

export const DISPLAY_REDUCERS: Reducers<DisplayAction> = {
	toggleWrap: (state) => ({...state, wrap: !state.wrap}),
	toggleOffsets: (state) => ({...state, showOffsets: !state.showOffsets}),
	togglePartitions: (state) => ({...state, showPartitions: !state.showPartitions}),
	showMessage: (state, action) => ({...state, message: action.message}),
	dismissMessage: (state, action) =>
		state.message?.id === action.id ? {...state, message: undefined} : state,
};
