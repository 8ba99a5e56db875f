import {clamp, type Reducers} from './state.js';

/** The lag panel (`L`): open and close it, move its cursor over the groups (paging follows). */

export type LagAction =
	| {type: 'toggleLag'}
	/** Move by `delta` groups (a page is `delta` = the page's rows), within `count` groups. */
	| {type: 'lagMove'; delta: number; count: number};

export const LAG_REDUCERS: Reducers<LagAction> = {
	toggleLag: (state) => ({
		...state,
		overlay: state.overlay.kind === 'lag' ? {kind: 'none'} : {kind: 'lag', cursor: 0},
	}),
	lagMove(state, action) {
		if (state.overlay.kind !== 'lag') return state;
		const cursor = clamp(state.overlay.cursor + action.delta, 0, Math.max(0, action.count - 1));
		return {...state, overlay: {kind: 'lag', cursor}};
	},
};
