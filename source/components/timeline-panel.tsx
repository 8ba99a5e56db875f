import {Box} from 'ink';
import {memo} from 'react';
import {formatCount} from '../terminal-text/format-count.js';
import type {Segment} from '../terminal-text/segments.js';
import {levelColour} from '../terminal-text/service-colour.js';
import {type BarStack, bucketClock, bucketSizeLabel, type TimelineModel} from '../view/timeline-view.js';
import {SegmentRows} from './segment-line.js';

export type TimelinePanelProps = {
	model: TimelineModel;
	/** True while the timeline has the keys. */
	focused: boolean;
	width: number;
	height: number;
};

/** The colours of the log pane's levels; everything below warn is drawn as info. */
const CLASS_COLOURS = {
	error: levelColour('error'),
	warn: levelColour('warn'),
	other: levelColour('info'),
} as const;
const CURSOR_BACKGROUND = '#3a3a3a';
/** A glyph per level class too, so the stack reads without colour (NO_COLOR, a plain capture). */
const GLYPHS = {error: '█', warn: '▓', other: '▒', none: ' '} as const;

type Cell = 'error' | 'warn' | 'other' | 'none';

/** What a bar shows `level` cells above the axis (0: the lowest). */
function cellAt(bar: BarStack | undefined, level: number): Cell {
	if (bar === undefined) return 'none';
	if (level < bar.error) return 'error';
	if (level < bar.error + bar.warn) return 'warn';
	return level < bar.error + bar.warn + bar.other ? 'other' : 'none';
}

/** One row of bars, as runs of the same cell. */
function barRow(model: TimelineModel, level: number, width: number): Segment[] {
	const segments: Segment[] = [];
	let runKey = '';
	let run = '';
	let runStyle: Segment = {text: ''};
	for (let column = 0; column < width; column++) {
		const cell = cellAt(model.bars[column], level);
		const cursor = column === model.cursorColumn;
		const key = `${cell}${cursor ? '*' : ''}`;
		if (key !== runKey && run !== '') {
			segments.push({...runStyle, text: run});
			run = '';
		}
		if (key !== runKey) {
			runKey = key;
			runStyle = {
				text: '',
				...(cell === 'none' ? {} : {color: CLASS_COLOURS[cell]}),
				...(cursor ? {backgroundColor: CURSOR_BACKGROUND} : {}),
			};
		}
		run += GLYPHS[cell];
	}
	if (run !== '') segments.push({...runStyle, text: run});
	return segments;
}

/** The axis: a rule with a tick under each label and the chosen bucket's marker. */
function axisRow(model: TimelineModel, width: number): Segment[] {
	const rule = Array.from({length: width}, () => '─');
	for (const label of model.labels) rule[label.column] = '┴';
	const at = model.cursorColumn;
	if (at < 0 || at >= width) return [{text: rule.join(''), dim: true}];
	return [
		{text: rule.slice(0, at).join(''), dim: true},
		{text: '▲', color: 'cyan', bold: true},
		{text: rule.slice(at + 1).join(''), dim: true},
	];
}

function labelRow(model: TimelineModel, width: number): Segment[] {
	let text = '';
	for (const label of model.labels) {
		if (label.column < text.length) continue;
		text += ' '.repeat(label.column - text.length) + label.text;
	}
	return [{text: text.slice(0, width), dim: true}];
}

function titleRow(model: TimelineModel, focused: boolean): Segment[] {
	const title: Segment[] = [
		{text: ' Timeline', bold: true, ...(focused ? {color: 'cyan'} : {})},
		{text: ` · ${bucketSizeLabel(model.size)} buckets · `, dim: true},
	];
	if (model.cursorColumn < 0) return [...title, {text: 'no records buffered', dim: true}];
	const count = model.cursorCount;
	return [
		...title,
		{text: bucketClock(model.cursorTime), bold: true},
		{text: model.following ? ' live' : '', color: 'green'},
		{text: ' · ', dim: true},
		{text: `${formatCount(count?.error ?? 0)} error`, color: CLASS_COLOURS.error},
		{text: ' · ', dim: true},
		{text: `${formatCount(count?.warn ?? 0)} warn`, color: CLASS_COLOURS.warn},
		{text: ' · ', dim: true},
		{text: `${formatCount(count?.other ?? 0)} other`, color: CLASS_COLOURS.other},
		{text: ` · peak ${formatCount(model.peak)}`, dim: true},
	];
}

/**
 * The timeline: one column per time bucket, newest at the right, each a bar stacked by level
 * (errors at the foot, then warnings, then the rest), the chosen bucket shaded and marked on
 * the axis, time labels under it. It draws `model` (see `view/timeline-view.ts`), nothing more.
 */
export const TimelinePanel = memo(function TimelinePanel({
	model,
	focused,
	width,
	height,
}: TimelinePanelProps) {
	const barRows = timelineBarRows(height);
	const rows: Segment[][] = [titleRow(model, focused)];
	for (let row = 0; row < barRows; row++) rows.push(barRow(model, barRows - 1 - row, width));
	rows.push(axisRow(model, width), labelRow(model, width));
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			<SegmentRows rows={rows.slice(0, height)} width={width} />
		</Box>
	);
});

/** Rows of bars in a panel `height` rows high (title, axis and labels take the rest). */
export function timelineBarRows(height: number): number {
	return Math.max(0, height - 3);
}
