import {describe, expect, it} from 'vitest';
import type {MouseReport} from '../../../source/terminal-text/mouse-report.js';
import {computeLayout} from '../../../source/view/layout.js';
import {type MouseFrame, mouseIntent} from '../../../source/view/mouse-intent.js';
import {initialViewState} from '../../../source/view/view-state.js';
import {mouseReport} from '../../support/terminal/mouse-reports.js';

/** 100 x 24 with the wide services panel: 30 columns, one blank, the log from column 31. */
const layout = computeLayout(100, 24, initialViewState(), 2);
const frame: MouseFrame = {context: 'log', typing: false, layout, serviceScroll: 2, serviceCount: 5};

function at(column: number, row: number, overrides: Partial<MouseReport> = {}): MouseReport {
	return mouseReport({column, row, ...overrides});
}

describe('mouseIntent', () => {
	it('the layout the table is written for', () => {
		expect(layout).toMatchObject({servicesWidth: 30, logWidth: 69, main: 20, partitions: 0});
	});

	it.each<[string, MouseReport, Partial<MouseFrame>, ReturnType<typeof mouseIntent>]>([
		['click on the first log row', at(50, 3), {}, {kind: 'selectLogRow', row: 0}],
		['click on the last log row', at(99, 21), {}, {kind: 'selectLogRow', row: 18}],
		['click on the log title', at(50, 2), {}, undefined],
		['click on the header', at(50, 0), {}, undefined],
		['click on the footer', at(50, 22), {}, undefined],
		['click on the gap between the panels', at(30, 5), {}, undefined],
		['click on the first service row (list scrolled by 2)', at(0, 3), {}, {kind: 'selectService', index: 2}],
		['click on the last service there is', at(29, 5), {}, {kind: 'selectService', index: 4}],
		['click below the last service', at(10, 6), {}, undefined],
		['click on the services title', at(10, 2), {}, undefined],
		[
			'wheel up over the log',
			at(50, 10, {button: 'wheelUp'}),
			{},
			{kind: 'command', context: 'log', command: 'scrollUp', times: 3},
		],
		[
			'wheel down over the log',
			at(50, 10, {button: 'wheelDown'}),
			{},
			{kind: 'command', context: 'log', command: 'scrollDown', times: 3},
		],
		[
			'wheel over the log title scrolls it too',
			at(50, 2, {button: 'wheelDown'}),
			{},
			{kind: 'command', context: 'log', command: 'scrollDown', times: 3},
		],
		[
			'wheel over the services',
			at(5, 10, {button: 'wheelDown'}),
			{},
			{kind: 'command', context: 'services', command: 'serviceDown', times: 3},
		],
		['wheel over the header', at(50, 1, {button: 'wheelUp'}), {}, undefined],
		['wheel sideways', at(50, 10, {button: 'wheelLeft'}), {}, undefined],
		['release', at(50, 5, {release: true}), {}, undefined],
		['drag', at(50, 5, {motion: true}), {}, undefined],
		['right click', at(50, 5, {button: 'right'}), {}, undefined],
		['middle click', at(50, 5, {button: 'middle'}), {}, undefined],
		['click while a filter is typed', at(50, 5), {typing: true}, undefined],
		['wheel while a filter is typed', at(50, 5, {button: 'wheelUp'}), {typing: true}, undefined],
		[
			'wheel in the detail view',
			at(50, 5, {button: 'wheelDown'}),
			{context: 'detail'},
			{kind: 'detailScroll', delta: 3},
		],
		[
			'wheel up in the detail view',
			at(0, 0, {button: 'wheelUp'}),
			{context: 'detail'},
			{kind: 'detailScroll', delta: -3},
		],
		['click in the detail view', at(50, 5), {context: 'detail'}, undefined],
		[
			'wheel in the help',
			at(50, 5, {button: 'wheelDown'}),
			{context: 'help'},
			{kind: 'command', context: 'help', command: 'helpDown', times: 3},
		],
		[
			'wheel in the re-seek menu',
			at(50, 5, {button: 'wheelUp'}),
			{context: 'seek'},
			{kind: 'command', context: 'seek', command: 'seekUp', times: 1},
		],
		['click in the help', at(50, 5), {context: 'help'}, undefined],
		[
			'wheel in the lag panel',
			at(50, 5, {button: 'wheelDown'}),
			{context: 'lag'},
			{kind: 'command', context: 'lag', command: 'lagDown', times: 1},
		],
		['click in the lag panel', at(50, 5), {context: 'lag'}, undefined],
		[
			'wheel in the hunt',
			at(50, 5, {button: 'wheelUp'}),
			{context: 'hunt'},
			{kind: 'command', context: 'hunt', command: 'huntUp', times: 1},
		],
		[
			'services focused: a log click still selects a line',
			at(50, 4),
			{context: 'services'},
			{kind: 'selectLogRow', row: 1},
		],
	])('%s', (_name, report, overrides, expected) => {
		expect(mouseIntent(report, {...frame, ...overrides})).toEqual(expected);
	});

	it('services panel hidden: the log starts at column 0', () => {
		const hidden = computeLayout(100, 24, {...initialViewState(), servicesPanel: 'hidden'}, 2);
		expect(mouseIntent(at(0, 3), {...frame, layout: hidden})).toEqual({kind: 'selectLogRow', row: 0});
	});

	it('timeline shown: it takes the rows above the log and the services; the wheel moves its bucket', () => {
		const withTimeline = computeLayout(
			100,
			24,
			{...initialViewState(), timeline: {...initialViewState().timeline, open: true}},
			2,
		);
		expect(withTimeline.timeline).toBeGreaterThan(0);
		const logTitle = 2 + withTimeline.timeline;
		const timelineFrame = {...frame, layout: withTimeline};
		expect(mouseIntent(at(50, 2, {button: 'wheelUp'}), timelineFrame)).toEqual({
			kind: 'command',
			context: 'timeline',
			command: 'timelineLeft',
			times: 1,
		});
		expect(mouseIntent(at(5, logTitle - 1, {button: 'wheelDown'}), timelineFrame)).toEqual({
			kind: 'command',
			context: 'timeline',
			command: 'timelineRight',
			times: 1,
		});
		expect(mouseIntent(at(50, 3), timelineFrame)).toBeUndefined();
		expect(mouseIntent(at(50, logTitle), timelineFrame)).toBeUndefined();
		expect(mouseIntent(at(50, logTitle + 1), timelineFrame)).toEqual({kind: 'selectLogRow', row: 0});
		expect(mouseIntent(at(0, logTitle + 1), timelineFrame)).toEqual({kind: 'selectService', index: 2});
	});

	it('partitions panel shown: its rows below the log are not log rows', () => {
		const withPartitions = computeLayout(100, 24, {...initialViewState(), showPartitions: true}, 2);
		expect(withPartitions.main).toBeLessThan(20);
		const below = 2 + withPartitions.main;
		expect(mouseIntent(at(50, below - 1), {...frame, layout: withPartitions})).toEqual({
			kind: 'selectLogRow',
			row: withPartitions.main - 2,
		});
		expect(mouseIntent(at(50, below), {...frame, layout: withPartitions})).toBeUndefined();
	});
});
