import {describe, expect, it} from 'vitest';
import type {LagTrend} from '../../../../source/stream/consumer-lag.js';
import type {GroupLagRow, LagSnapshot} from '../../../../source/stream/lag-source.js';
import {runCommand} from '../../../../source/view/commands/command-env.js';
import {LAG_HANDLERS, OPEN_LAG_HANDLERS} from '../../../../source/view/commands/lag-commands.js';
import {lagPage, lagPanelRows} from '../../../../source/view/lag/lag-paging.js';
import {lagPanelLines, lagTableRows} from '../../../../source/view/lag/lag-panel-lines.js';
import {initialViewState, type ViewState, viewReducer} from '../../../../source/view/view-state.js';
import {testEnv} from '../../../support/terminal/command-env.js';

function row(groupId: string, totalLag: number, trend: LagTrend = 'steady', partitions = 3): GroupLagRow {
	return {
		groupId,
		state: 'Stable',
		members: 2,
		totalLag,
		trend,
		partitions: Array.from({length: partitions}, (_, partition) => ({
			topic: 'logs',
			partition,
			committed: 100,
			end: 100 + (partition === 0 ? totalLag : 0),
			lag: partition === 0 ? totalLag : 0,
		})),
	};
}

function snapshot(groups: GroupLagRow[], extra: Partial<LagSnapshot> = {}): LagSnapshot {
	return {
		status: 'ready',
		groups,
		unreadable: 0,
		updatedAt: Date.UTC(2026, 11, 7, 15, 0, 5),
		error: undefined,
		intervalMs: 5000,
		...extra,
	};
}

const text = (lines: ReturnType<typeof lagPanelLines>) =>
	lines.map((line) => line.map((segment) => segment.text).join(''));

describe('the lag panel paging', () => {
	it('splits the rows between the heads, the table and the selected group', () => {
		expect(lagPanelRows(20)).toEqual({tableRows: 15, detailRows: 3});
		expect(lagPanelRows(20, 1)).toEqual({tableRows: 14, detailRows: 3});
		// Short: the table takes all the room.
		expect(lagPanelRows(8)).toEqual({tableRows: 6, detailRows: 0});
		expect(lagPanelRows(1).tableRows).toBe(1);
	});

	it('shows the page that holds the cursor, and keeps the cursor within the groups', () => {
		expect(lagPage(0, 25, 10)).toEqual({first: 0, end: 10, page: 1, pages: 3, cursor: 0});
		expect(lagPage(17, 25, 10)).toEqual({first: 10, end: 20, page: 2, pages: 3, cursor: 17});
		expect(lagPage(99, 25, 10)).toEqual({first: 20, end: 25, page: 3, pages: 3, cursor: 24});
		expect(lagPage(3, 0, 10)).toEqual({first: 0, end: 0, page: 1, pages: 1, cursor: 0});
	});

	it('opens on L, moves the cursor within the groups and closes on L again', () => {
		let state: ViewState = viewReducer(initialViewState(), {type: 'toggleLag'});
		expect(state.overlay).toEqual({kind: 'lag', cursor: 0});
		// [move by, cursor after] over 30 groups: clamped at both ends.
		for (const [delta, cursor] of [
			[14, 14],
			[14, 28],
			[14, 29],
			[-100, 0],
		] as const) {
			state = viewReducer(state, {type: 'lagMove', delta, count: 30});
			expect(state.overlay).toEqual({kind: 'lag', cursor});
		}
		expect(viewReducer(state, {type: 'toggleLag'}).overlay).toEqual({kind: 'none'});
	});

	it('pages by the rows the panel shows, and L is off where no cluster is read', () => {
		const lagView = viewReducer(initialViewState(), {type: 'toggleLag'});
		const env = testEnv(undefined, lagView, {lag: {groups: 40, pageRows: 12}});
		runCommand(LAG_HANDLERS, env, {command: 'lagPageDown'});
		runCommand(LAG_HANDLERS, env, {command: 'lagBottom'});
		expect(env.dispatched).toEqual([
			{type: 'lagMove', delta: 12, count: 40},
			{type: 'lagMove', delta: Number.MAX_SAFE_INTEGER, count: 40},
		]);
		const off = testEnv();
		runCommand(OPEN_LAG_HANDLERS, off, {command: 'toggleLag'});
		expect(off.dispatched).toEqual([]);
		expect(off.said).toEqual([{text: 'no consumer lag here: no cluster is read', tone: 'warn'}]);
	});
});

describe('the lag panel lines', () => {
	it('lists each group with state, members, lag, trend and lag per partition, the selected one in full', () => {
		const groups = [row('billing-consumer', 1234, 'growing'), row('audit', 0, 'shrinking')];
		const lines = text(
			lagPanelLines({snapshot: snapshot(groups), cursor: 0, topics: ['logs'], width: 100, height: 12}),
		);
		expect(lines[0]).toMatch(/Consumer lag .* 2 groups .* on logs/);
		expect(lines[1]).toMatch(/GROUP +STATE +MEMBERS +LAG +TREND 1 min +PARTITION:LAG/);
		expect(lines[2]).toMatch(/^▸ billing-consumer +Stable +2 +1,234 +↑ growing +0:1,234 1:0 2:0$/);
		expect(lines[3]).toMatch(/^ {2}audit +Stable +2 +0 +↓ shrinking +0:0 1:0 2:0$/);
		expect(lines.slice(-2)).toEqual([
			' billing-consumer  Stable · 2 members · lag 1,234',
			' committed/end:  p0 100/1,334 lag 1,234  p1 100/100 lag 0  p2 100/100 lag 0',
		]);
		for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
	});

	it('says page and range, and that a page holds what PgDn moves by', () => {
		const groups = Array.from({length: 40}, (_, index) =>
			row(`group-${String(index).padStart(2, '0')}`, 40 - index),
		);
		const data = snapshot(groups);
		const rows = lagTableRows(data, 20);
		const lines = text(
			lagPanelLines({snapshot: data, cursor: rows, topics: ['logs'], width: 120, height: 20}),
		);
		expect(lines[0]).toContain(`groups ${rows + 1}-${2 * rows} of 40`);
		expect(lines[0]).toContain(`page 2/${Math.ceil(40 / rows)}`);
		expect(lines.filter((line) => line.includes('group-')).length).toBe(rows + 1);
	});

	it('shows a failed reading as one line over the groups read before, and says what it waits for', () => {
		const failed = snapshot([row('a', 5)], {error: 'could not read the consumer groups: connection refused'});
		const lines = text(
			lagPanelLines({snapshot: failed, cursor: 0, topics: ['logs'], width: 100, height: 10}),
		);
		expect(lines[1]).toBe(
			' ✖ could not read the consumer groups: connection refused (groups as read before)',
		);
		expect(lines.some((line) => line.startsWith('▸ a '))).toBe(true);
		const waiting = snapshot([], {status: 'waiting', updatedAt: undefined});
		expect(
			text(lagPanelLines({snapshot: waiting, cursor: 0, topics: ['logs'], width: 80, height: 10}))[1],
		).toBe(' reading the consumer groups…');
		const none = snapshot([], {unreadable: 3});
		expect(
			text(lagPanelLines({snapshot: none, cursor: 0, topics: ['logs'], width: 100, height: 10})).slice(1),
		).toEqual([
			' 3 groups could not be read (gone, or not allowed)',
			' no consumer group has committed offsets on logs',
		]);
	});

	it('names the topic of each partition when the groups read several, as a pattern may', () => {
		const several = {
			...row('billing', 5, 'steady', 1),
			partitions: ['orders-eu', 'orders-us'].map((topic) => ({
				topic,
				partition: 0,
				committed: 1,
				end: 6,
				lag: 5,
			})),
		};
		const lines = text(
			lagPanelLines({
				snapshot: snapshot([several]),
				cursor: 0,
				topics: ['/orders-.*/'],
				width: 120,
				height: 12,
			}),
		);
		expect(lines[0]).toContain('on /orders-.*/');
		expect(lines[2]).toMatch(/orders-eu\/0:5 orders-us\/0:5$/);
	});

	it('never lets a control byte of a group or topic name through', () => {
		const hostile = {...row('evil\u001b[2Jgroup\u0007', 3), state: 'Stable\u001b]0;x\u0007'};
		const lines = text(
			lagPanelLines({
				snapshot: snapshot([hostile]),
				cursor: 0,
				topics: ['lo\u001bgs'],
				width: 200,
				height: 12,
			}),
		);
		for (const line of lines) expect(line).not.toMatch(/[\u0000-\u001f\u007f]/);
	});
});
