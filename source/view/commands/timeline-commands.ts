import {BUCKET_SIZES_MS} from '../../store/time-buckets.js';
import {formatTime} from '../../terminal-text/format-time.js';
import {findTimeJump, firstRecordOfBucket} from '../time-jump.js';
import {bucketSizeLabel, timelineSpan} from '../timeline-view.js';
import {cursorBucket, type TextInput, type TimelineSpan} from '../view-state.js';
import type {CommandEnv, CommandHandler, HandlerMap} from './command-env.js';
import {MAIN_HANDLERS} from './main-commands.js';

/**
 * The timeline's commands (`T`): move the chosen bucket, zoom, and jump the log pane to the
 * bucket's first record; and the jump to a typed time (`t`), from the main view too.
 */

const spanOf = (env: CommandEnv): TimelineSpan | undefined =>
	timelineSpan(env.store.timeline, env.view.timeline.zoom);

const empty = (env: CommandEnv) => (spanOf(env) ? undefined : 'the timeline is empty: no records buffered');

/** A handler that dispatches the action `make` builds from the span (when there is one). */
function withSpan(make: (span: TimelineSpan, env: CommandEnv) => Parameters<CommandEnv['dispatch']>[0]) {
	return {
		disabledReason: empty,
		run(env: CommandEnv) {
			const span = spanOf(env);
			if (span) env.dispatch(make(span, env));
		},
	} satisfies CommandHandler;
}

function pick(env: CommandEnv): void {
	const span = spanOf(env);
	if (!span) return;
	const from = cursorBucket(env.view.timeline.cursor, span) * span.size;
	const index = firstRecordOfBucket(env.store, from, from + span.size);
	const bucket = `${formatTime(from).slice(0, 8)} (${bucketSizeLabel(span.size)} bucket)`;
	if (index < 0) {
		env.say(`no record at or after ${bucket} in the view`, 'warn');
		return;
	}
	env.dispatch({type: 'jumpTo', index, view: env.index, pageSize: env.pageSize});
	env.say(`log at ${bucket}`);
}

/** Enter in the `t` prompt: jump, or say in one line why not (nothing else changes). */
export function commitTimeJump(input: TextInput, env: CommandEnv): boolean {
	if (input.kind !== 'jumpTime') return false;
	env.dispatch({type: 'inputCommit'});
	const jump = findTimeJump(env.store, input.text, env.now());
	if (!jump.ok) {
		env.say(`"${input.text.trim()}": ${jump.error}`, 'warn');
		return true;
	}
	env.dispatch({type: 'jumpTo', index: jump.index, view: env.index, pageSize: env.pageSize});
	env.say(`log at ${formatTime(jump.time)}`);
	return true;
}

/** `T` and `t`, where the main view's keys work. */
export const TIMELINE_OPENERS: HandlerMap = {
	toggleTimeline: {action: {type: 'toggleTimeline'}},
	startTimeJump: {action: {type: 'startInput', kind: 'jumpTime'}},
};

// Tab is the timeline's own (to the log pane), so the main view's Tab handler is left out.
const {toggleFocus: _tab, ...mainKeys} = MAIN_HANDLERS;

export const TIMELINE_HANDLERS: HandlerMap = {
	...mainKeys,
	...TIMELINE_OPENERS,
	timelineLeft: withSpan((span) => ({type: 'timelineMove', delta: -1, span})),
	timelineRight: withSpan((span) => ({type: 'timelineMove', delta: 1, span})),
	timelinePageLeft: withSpan((span, env) => ({type: 'timelineMove', delta: -env.columns, span})),
	timelinePageRight: withSpan((span, env) => ({type: 'timelineMove', delta: env.columns, span})),
	timelineOldest: withSpan((span) => ({type: 'timelineEdge', edge: 'first', span})),
	timelineNewest: withSpan((span) => ({type: 'timelineEdge', edge: 'last', span})),
	timelinePick: {disabledReason: empty, run: pick},
	timelineZoomIn: {action: {type: 'timelineZoom', delta: -1, zooms: BUCKET_SIZES_MS.length}},
	timelineZoomOut: {action: {type: 'timelineZoom', delta: 1, zooms: BUCKET_SIZES_MS.length}},
	timelineFocusLog: {action: {type: 'timelineFocusLog'}},
	closeTimeline: {action: {type: 'closeTimeline'}},
};
