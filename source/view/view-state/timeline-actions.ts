import {clamp, type Reducers, type ViewState} from './state.js';

/**
 * The timeline panel (`T`): opening and closing it, its focus, moving the chosen bucket and
 * zooming. Moves carry the bucket span the store holds at the current zoom (`first`/`last`
 * bucket numbers) and its bucket width, so the reducer needs no store.
 */

/** The buckets holding records at the current zoom, and its bucket width in ms. */
export type TimelineSpan = {first: number; last: number; size: number};

export type TimelineAction =
	/** `T`: open and focus; from the focused timeline, close; from elsewhere, focus it again. */
	| {type: 'toggleTimeline'}
	| {type: 'closeTimeline'}
	/** Tab in the timeline: the log pane takes the keys, the timeline stays open. */
	| {type: 'timelineFocusLog'}
	/** Move the chosen bucket by `delta` buckets (a page is a delta too). */
	| {type: 'timelineMove'; delta: number; span: TimelineSpan}
	/** The oldest bucket, or the newest (and follow the live edge). */
	| {type: 'timelineEdge'; edge: 'first' | 'last'; span: TimelineSpan}
	/** Finer (-1) or coarser (+1) buckets. */
	| {type: 'timelineZoom'; delta: number; zooms: number};

/** The chosen bucket's number at this span's zoom: the newest while following. */
export function cursorBucket(cursor: number | undefined, span: TimelineSpan): number {
	if (cursor === undefined) return span.last;
	return clamp(Math.floor(cursor / span.size), span.first, span.last);
}

function withTimeline(state: ViewState, timeline: Partial<ViewState['timeline']>): ViewState {
	return {...state, timeline: {...state.timeline, ...timeline}};
}

/** Choose bucket `bucket`; the newest one means following the live edge. */
function chooseBucket(state: ViewState, bucket: number, span: TimelineSpan): ViewState {
	const chosen = clamp(bucket, span.first, span.last);
	return withTimeline(state, {cursor: chosen >= span.last ? undefined : chosen * span.size});
}

export const TIMELINE_REDUCERS: Reducers<TimelineAction> = {
	toggleTimeline(state) {
		if (!state.timeline.open) return {...withTimeline(state, {open: true}), focus: 'timeline'};
		if (state.focus === 'timeline') return {...withTimeline(state, {open: false}), focus: 'log'};
		return {...state, focus: 'timeline'};
	},
	closeTimeline: (state) => ({
		...withTimeline(state, {open: false}),
		focus: state.focus === 'timeline' ? 'log' : state.focus,
	}),
	timelineFocusLog: (state) => ({...state, focus: 'log'}),
	timelineMove: (state, {delta, span}) =>
		chooseBucket(state, cursorBucket(state.timeline.cursor, span) + delta, span),
	timelineEdge: (state, {edge, span}) => chooseBucket(state, edge === 'first' ? span.first : span.last, span),
	timelineZoom(state, {delta, zooms}) {
		const zoom = clamp(state.timeline.zoom + delta, 0, zooms - 1);
		return zoom === state.timeline.zoom ? state : withTimeline(state, {zoom});
	},
};
