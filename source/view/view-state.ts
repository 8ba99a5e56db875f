/**
 * The TUI's view state as a pure reducer: where the log pane is scrolled to, what is
 * selected and focused, which overlay is open, what is being typed, and the filters the
 * user chose. No React, no store. The parts are in `view-state/`: the state's shape
 * (`state.ts`) and one file per group of actions, each a table of reducers by action type.
 */
import {DISPLAY_REDUCERS, type DisplayAction} from './view-state/display-actions.js';
import {FILTER_REDUCERS, type FilterAction} from './view-state/filter-actions.js';
import {LAG_REDUCERS, type LagAction} from './view-state/lag-actions.js';
import {OVERLAY_REDUCERS, type OverlayAction} from './view-state/overlay-actions.js';
import {PANE_REDUCERS, type PaneAction} from './view-state/pane-actions.js';
import {SERVICE_REDUCERS, type ServiceAction} from './view-state/service-actions.js';
import type {Reducers, ViewState} from './view-state/state.js';
import {TIMELINE_REDUCERS, type TimelineAction} from './view-state/timeline-actions.js';

export {filterSpecOf, liveFilterText, splitFilterTerms} from './view-state/filter-actions.js';
export {
	type PanePosition,
	panePosition,
	positionOfSeq,
	type ViewIndex,
} from './view-state/pane-actions.js';
export {
	invertServiceFilter,
	isServiceHidden,
	soloService,
	toggleService,
} from './view-state/service-actions.js';
export {
	type Focus,
	type FooterMessage,
	initialViewState,
	LEVEL_CYCLE,
	type Overlay,
	SEEK_CHOICES,
	type TextInput,
	type TextInputKind,
	type ViewState,
} from './view-state/state.js';
export {cursorBucket, type TimelineSpan} from './view-state/timeline-actions.js';
export type {TimelineState} from './view-state/timeline-state.js';

export type ViewAction =
	| PaneAction
	| OverlayAction
	| FilterAction
	| ServiceAction
	| DisplayAction
	| LagAction
	| TimelineAction;

const REDUCERS: Reducers<ViewAction> = {
	...PANE_REDUCERS,
	...OVERLAY_REDUCERS,
	...FILTER_REDUCERS,
	...SERVICE_REDUCERS,
	...DISPLAY_REDUCERS,
	...LAG_REDUCERS,
	...TIMELINE_REDUCERS,
};

/** Reducer: the next view state. Unknown situations leave the state unchanged. */
export function viewReducer(state: ViewState, action: ViewAction): ViewState {
	const reduce = REDUCERS[action.type] as (state: ViewState, action: ViewAction) => ViewState;
	return reduce(state, action);
}
