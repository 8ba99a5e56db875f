import {parseTimePoint, TIME_POINT_FORMATS} from '../shared/time-point.js';
import {isMark, type ViewReader} from '../store/log-store-types.js';
import {formatTime} from '../terminal-text/format-time.js';

/**
 * Where a time is in the log pane's view: the first record (in view order) of a time bucket,
 * or the first at or after a typed time (`t`: `10:42`, `-5m`, ISO). Pure: the view is read
 * through `find`, the clock is a parameter. A linear scan, once per key press (50 000 lines
 * take about a millisecond), because the view's order is arrival, not strictly time.
 */

type Finder = Pick<ViewReader, 'find'>;

/** The first view position of a record whose time is in `[from, to)`; -1 when none. */
export function firstRecordIn(view: Finder, from: number, to = Number.POSITIVE_INFINITY): number {
	return view.find(-1, 1, (line) => !isMark(line) && line.time >= from && line.time < to);
}

/** The first record of the bucket `[from, to)`, else the first record after it; -1 when none. */
export function firstRecordOfBucket(view: Finder, from: number, to: number): number {
	const inside = firstRecordIn(view, from, to);
	return inside >= 0 ? inside : firstRecordIn(view, to);
}

export type TimeJump = {ok: true; index: number; time: number} | {ok: false; error: string};

/** Where `text` (a time as `t` takes it) lands in the view, or one line saying why nowhere. */
export function findTimeJump(view: Finder, text: string, now: number): TimeJump {
	if (text.trim() === '') return {ok: false, error: `no time typed; use ${TIME_POINT_FORMATS}`};
	const point = parseTimePoint(text, now);
	if (!point.ok) return {ok: false, error: point.error};
	const index = firstRecordIn(view, point.time);
	if (index < 0) return {ok: false, error: `no record at or after ${formatTime(point.time)} in the view`};
	return {ok: true, index, time: point.time};
}

/** The `t` prompt's hint while typing: the formats, where Enter goes, or what is wrong. */
export function timeJumpHint(text: string, now: number): string {
	if (text.trim() === '') return `${TIME_POINT_FORMATS} · Esc`;
	const point = parseTimePoint(text, now);
	return point.ok ? `Enter: first record at or after ${formatTime(point.time)}` : point.error;
}
