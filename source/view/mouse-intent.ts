import type {MouseReport} from '../terminal-text/mouse-report.js';
import type {Command, KeyContext} from './keys/key-types.js';
import {HEADER_HEIGHT, type Layout} from './layout.js';

/**
 * What a mouse report asks for, by where it lands on the frame: the wheel scrolls what is
 * under it (the log pane, the services list, the detail view, the help, the lag panel), a
 * left click selects a log line or a service. Pure: the hook (hooks/use-mouse.ts) carries the
 * intent out.
 */
export type MouseIntent =
	/** Run a key's command `times` times in `context` (the wheel over a pane or overlay). */
	| {kind: 'command'; context: KeyContext; command: Command; times: number}
	/** Scroll the detail view (its up/down keys move the field cursor, not the text). */
	| {kind: 'detailScroll'; delta: number}
	/** Select the log line drawn on this row of the log pane (0: the first row below its title). */
	| {kind: 'selectLogRow'; row: number}
	/** Put the services list's cursor on this service (an index into the whole list) and focus it. */
	| {kind: 'selectService'; index: number};

/** What the `?` help says of the mouse (its section after the keys). */
export const MOUSE_HELP: readonly {label: string; help: string}[] = [
	{label: 'wheel', help: 'scroll the pane or panel under it'},
	{label: 'click', help: 'select the log line or the service'},
	{label: '--no-mouse', help: 'leave the mouse to the terminal (select text)'},
];

/** Rows one wheel notch moves, as most terminal programs do. */
export const WHEEL_ROWS = 3;

/** Where the wheel goes in each context: the commands of its up and down keys, and how often. */
const WHEEL_COMMANDS: Record<Exclude<KeyContext, 'detail'>, {up: Command; down: Command; times: number}> = {
	log: {up: 'scrollUp', down: 'scrollDown', times: WHEEL_ROWS},
	services: {up: 'serviceUp', down: 'serviceDown', times: WHEEL_ROWS},
	help: {up: 'helpUp', down: 'helpDown', times: WHEEL_ROWS},
	// The menu has a few choices, the lag panel a group and the hunt a match per few rows: one per notch.
	seek: {up: 'seekUp', down: 'seekDown', times: 1},
	lag: {up: 'lagUp', down: 'lagDown', times: 1},
	hunt: {up: 'huntUp', down: 'huntDown', times: 1},
	// The timeline's buckets run left (older) to right: up goes back in time.
	timeline: {up: 'timelineLeft', down: 'timelineRight', times: 1},
};

/** What the frame looks like where the mouse is: the context, the layout and the services list. */
export type MouseFrame = {
	context: KeyContext;
	/** A filter or search line is being typed: the mouse does nothing until it is done. */
	typing: boolean;
	layout: Layout;
	serviceScroll: number;
	serviceCount: number;
};

type Area = {kind: 'log' | 'services' | 'timeline'; row: number} | {kind: 'none'};

/** The panel under a cell of the main view (no overlay), and the row inside it (0: its title). */
function areaAt(frame: MouseFrame, column: number, row: number): Area {
	const {layout} = frame;
	// The timeline (`T`) is drawn above the log pane and the services list, across the width.
	const timelineRow = row - HEADER_HEIGHT;
	if (timelineRow >= 0 && timelineRow < layout.timeline) return {kind: 'timeline', row: timelineRow};
	const paneRow = timelineRow - layout.timeline;
	if (paneRow < 0 || paneRow >= layout.main) return {kind: 'none'};
	if (column < layout.servicesWidth) return {kind: 'services', row: paneRow};
	// One blank column between the services panel and the log pane.
	if (layout.servicesWidth > 0 && column === layout.servicesWidth) return {kind: 'none'};
	return {kind: 'log', row: paneRow};
}

function wheelDirection(report: MouseReport): -1 | 1 | 0 {
	if (report.button === 'wheelUp') return -1;
	if (report.button === 'wheelDown') return 1;
	return 0;
}

/** The intent of one report, or undefined when it asks for nothing here. */
export function mouseIntent(report: MouseReport, frame: MouseFrame): MouseIntent | undefined {
	if (frame.typing || report.release || report.motion) return undefined;
	const direction = wheelDirection(report);
	const click = report.button === 'left';
	if (direction === 0 && !click) return undefined;
	const {context} = frame;
	if (context === 'detail') {
		return direction === 0 ? undefined : {kind: 'detailScroll', delta: direction * WHEEL_ROWS};
	}
	if (context === 'help' || context === 'seek' || context === 'lag' || context === 'hunt') {
		if (direction === 0) return undefined;
		const wheel = WHEEL_COMMANDS[context];
		return {kind: 'command', context, command: direction < 0 ? wheel.up : wheel.down, times: wheel.times};
	}
	const area = areaAt(frame, report.column, report.row);
	if (area.kind === 'none') return undefined;
	if (direction !== 0) {
		const wheel = WHEEL_COMMANDS[area.kind];
		return {
			kind: 'command',
			context: area.kind,
			command: direction < 0 ? wheel.up : wheel.down,
			times: wheel.times,
		};
	}
	// Row 0 is the panel's title; a bucket of the timeline is chosen with its keys.
	if (area.row === 0 || area.kind === 'timeline') return undefined;
	if (area.kind === 'log') return {kind: 'selectLogRow', row: area.row - 1};
	const index = frame.serviceScroll + area.row - 1;
	return index < frame.serviceCount ? {kind: 'selectService', index} : undefined;
}
