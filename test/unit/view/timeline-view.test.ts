import {describe, expect, it} from 'vitest';
import {TimeBuckets} from '../../../source/store/time-buckets.js';
import {stackBar, timelineModel, timelineSpan} from '../../../source/view/timeline-view.js';
import {initialViewState, type ViewState, viewReducer} from '../../../source/view/view-state.js';

const T0 = 1_800_000_000_000 - (1_800_000_000_000 % 600_000);
const SECOND = T0 / 1000;

/** Buckets with one info record a second for `seconds` seconds, and an error at second 5. */
function secondsOfRecords(seconds: number): TimeBuckets {
	const buckets = new TimeBuckets();
	for (let second = 0; second < seconds; second++) buckets.add(T0 + second * 1000, 'info');
	buckets.add(T0 + 5000, 'error');
	return buckets;
}

function open(zoom = 0): ViewState {
	const state = viewReducer(initialViewState(), {type: 'toggleTimeline'});
	return {...state, timeline: {...state.timeline, zoom}};
}

describe('stackBar', () => {
	it('scales to the peak and gives every level present a cell', () => {
		expect(stackBar({error: 0, warn: 0, other: 100}, 100, 8)).toEqual({error: 0, warn: 0, other: 8});
		expect(stackBar({error: 0, warn: 0, other: 50}, 100, 8)).toEqual({error: 0, warn: 0, other: 4});
		// One error among a thousand lines still shows.
		expect(stackBar({error: 1, warn: 1, other: 998}, 1000, 8)).toEqual({error: 1, warn: 1, other: 6});
		expect(stackBar({error: 0, warn: 0, other: 1}, 1000, 8)).toEqual({error: 0, warn: 0, other: 1});
		expect(stackBar({error: 1, warn: 1, other: 1}, 1000, 2)).toEqual({error: 1, warn: 1, other: 0});
		expect(stackBar(undefined, 10, 8)).toEqual({error: 0, warn: 0, other: 0});
		for (let total = 1; total <= 40; total++) {
			const bar = stackBar({error: total % 3, warn: total % 5, other: total}, 60, 6);
			expect(bar.error + bar.warn + bar.other).toBeLessThanOrEqual(6);
		}
	});
});

describe('timelineModel', () => {
	it('puts the newest bucket at the right edge while following, and follows new buckets', () => {
		const buckets = secondsOfRecords(30);
		const model = timelineModel(buckets, open().timeline, 20, 5);
		expect(model.following).toBe(true);
		expect(model.start).toBe(SECOND + 29 - 19);
		expect(model.cursorColumn).toBe(19);
		expect(model.cursorTime).toBe(T0 + 29_000);
		expect(model.counts).toHaveLength(20);
		expect(model.peak).toBe(1);
		buckets.add(T0 + 30_000, 'warn');
		const next = timelineModel(buckets, open().timeline, 20, 5);
		expect(next.cursorTime).toBe(T0 + 30_000);
		expect(next.cursorCount).toEqual({error: 0, warn: 1, other: 0});
	});

	it('keeps a chosen bucket where it is, and pages the window when the cursor leaves it', () => {
		const buckets = secondsOfRecords(100);
		let state = open();
		const span = timelineSpan(buckets, 0)!;
		expect(span).toEqual({first: SECOND, last: SECOND + 99, size: 1000});
		state = viewReducer(state, {type: 'timelineMove', delta: -1, span});
		expect(state.timeline.cursor).toBe(T0 + 98_000);
		let model = timelineModel(buckets, state.timeline, 20, 5);
		expect([model.following, model.cursorColumn, model.start]).toEqual([false, 18, SECOND + 80]);
		// New records do not move a chosen bucket.
		buckets.add(T0 + 100_000, 'info');
		model = timelineModel(buckets, state.timeline, 20, 5);
		expect(model.cursorTime).toBe(T0 + 98_000);
		state = viewReducer(state, {type: 'timelineMove', delta: -20, span: timelineSpan(buckets, 0)!});
		model = timelineModel(buckets, state.timeline, 20, 5);
		expect([model.cursorTime, model.cursorColumn, model.start]).toEqual([T0 + 78_000, 18, SECOND + 60]);
		// A back page stays put while the stream moves on.
		buckets.add(T0 + 101_000, 'info');
		expect(timelineModel(buckets, state.timeline, 20, 5).start).toBe(SECOND + 60);
		// The oldest bucket is as far as it goes; the error of second 5 shows in its bucket.
		state = viewReducer(state, {type: 'timelineMove', delta: -1000, span: timelineSpan(buckets, 0)!});
		model = timelineModel(buckets, state.timeline, 20, 5);
		expect(model.cursorTime).toBe(T0);
		expect(model.counts[model.cursorColumn + 5]).toEqual({error: 1, warn: 0, other: 1});
		// Back to the newest: following again.
		state = viewReducer(state, {type: 'timelineEdge', edge: 'last', span: timelineSpan(buckets, 0)!});
		expect(state.timeline.cursor).toBeUndefined();
		state = viewReducer(state, {type: 'timelineMove', delta: -1, span: timelineSpan(buckets, 0)!});
		state = viewReducer(state, {type: 'timelineMove', delta: 1, span: timelineSpan(buckets, 0)!});
		expect(state.timeline.cursor).toBeUndefined();
	});

	it('zooms through 1 s, 10 s, 1 min and 10 min buckets, keeping the chosen time', () => {
		const buckets = secondsOfRecords(125);
		let state = viewReducer(open(), {type: 'timelineEdge', edge: 'first', span: timelineSpan(buckets, 0)!});
		const sizes: number[] = [];
		for (let step = 0; step < 5; step++) {
			const model = timelineModel(buckets, state.timeline, 40, 5);
			sizes.push(model.size);
			expect(model.cursorTime).toBe(T0);
			state = viewReducer(state, {type: 'timelineZoom', delta: 1, zooms: 4});
		}
		expect(sizes).toEqual([1000, 10_000, 60_000, 600_000, 600_000]);
		const coarse = timelineModel(buckets, state.timeline, 40, 5);
		expect(coarse.cursorCount).toEqual({error: 1, warn: 0, other: 125});
		const minutes = timelineModel(buckets, {...state.timeline, zoom: 2}, 40, 5);
		expect(minutes.counts.slice(-3)).toEqual([
			{error: 1, warn: 0, other: 60},
			{error: 0, warn: 0, other: 60},
			{error: 0, warn: 0, other: 5},
		]);
		state = viewReducer(state, {type: 'timelineZoom', delta: -9, zooms: 4});
		expect(state.timeline.zoom).toBe(0);
	});

	it('labels round local times that fit, and says nothing is buffered on an empty store', () => {
		const model = timelineModel(secondsOfRecords(300), {...open().timeline, zoom: 0}, 120, 5);
		expect(model.labels.length).toBeGreaterThan(3);
		for (const label of model.labels) {
			expect(label.text).toMatch(/^\d\d:\d\d:\d\d$/);
			expect(label.column + label.text.length).toBeLessThanOrEqual(120);
		}
		const steps = model.labels.slice(1).map((label, index) => label.column - model.labels[index]!.column);
		expect(new Set(steps).size).toBe(1);
		const empty = timelineModel(new TimeBuckets(), open().timeline, 40, 5);
		expect([empty.cursorColumn, empty.counts.length]).toEqual([-1, 0]);
	});
});

describe('the timeline state', () => {
	it('T opens and focuses it, T again closes it; from the log pane T gives it the keys back', () => {
		let state = viewReducer(initialViewState(), {type: 'toggleTimeline'});
		expect([state.timeline.open, state.focus]).toEqual([true, 'timeline']);
		state = viewReducer(state, {type: 'timelineFocusLog'});
		expect([state.timeline.open, state.focus]).toEqual([true, 'log']);
		state = viewReducer(state, {type: 'toggleTimeline'});
		expect(state.focus).toBe('timeline');
		state = viewReducer(state, {type: 'toggleTimeline'});
		expect([state.timeline.open, state.focus]).toEqual([false, 'log']);
		state = viewReducer(viewReducer(state, {type: 'toggleTimeline'}), {type: 'closeTimeline'});
		expect([state.timeline.open, state.focus]).toEqual([false, 'log']);
	});
});
