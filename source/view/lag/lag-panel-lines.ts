import {safeLine} from '../../record/safe-text.js';
import type {LagTrend, PartitionLag} from '../../stream/consumer-lag.js';
import type {GroupLagRow, LagSnapshot} from '../../stream/lag-source.js';
import {countOf, formatCount} from '../../terminal-text/format-count.js';
import {formatTime} from '../../terminal-text/format-time.js';
import {fitCell, type Segment} from '../../terminal-text/segments.js';
import {textWidth} from '../../terminal-text/truncate-to-width.js';
import {fitItems} from '../fit-items.js';
import {lagPage, lagPanelRows} from './lag-paging.js';

/**
 * The lines of the lag panel (`L`): a title (groups, topics, refresh, page), one line for a
 * failed reading or unreadable groups, the table (group, state, members, lag, trend, lag per
 * partition), and the selected group's partitions in full. Pure: the component only draws
 * these. Every name from the cluster is sanitised here before it can reach the terminal.
 */

export type LagPanelInput = {
	snapshot: LagSnapshot;
	cursor: number;
	topics: readonly string[];
	width: number;
	height: number;
};

/** Longest a name from the cluster (group, topic, state) is kept before it is cut. */
const MAX_NAME = 200;

const TRENDS: Record<LagTrend, Segment> = {
	growing: {text: '↑ growing', color: 'red'},
	shrinking: {text: '↓ shrinking', color: 'green'},
	steady: {text: '→ steady', dim: true},
	unknown: {text: '· wait', dim: true},
};

/** The broker's long rebalance states, short enough for the column. */
const STATES: Record<string, string> = {
	PreparingRebalance: 'Rebalancing',
	CompletingRebalance: 'Completing',
};

const STATE_WIDTH = 12;
const MEMBERS_WIDTH = 8;
const LAG_WIDTH = 11;
const TREND_WIDTH = 13;

const safe = (text: string) => safeLine(text, MAX_NAME);

/** A partition as the table writes it: `0:12`, or `topic/0:12` when several topics are viewed. */
function partitionLabel(partition: PartitionLag, severalTopics: boolean): string {
	const name = severalTopics ? `${safe(partition.topic)}/${partition.partition}` : `${partition.partition}`;
	return `${name}:${formatCount(partition.lag)}`;
}

function titleLine(input: LagPanelInput, first: number, end: number, page: number, pages: number): Segment[] {
	const {snapshot, topics, width} = input;
	const count = snapshot.groups.length;
	const shown =
		snapshot.status === 'waiting'
			? 'reading…'
			: count > end - first
				? `groups ${first + 1}-${end} of ${count}`
				: countOf(count, 'group');
	return fitItems(
		[
			{forms: [[{text: ' Consumer lag ', bold: true, inverse: true}]], priority: 5},
			{forms: [[{text: shown}]], priority: 4},
			{forms: [[{text: `on ${topics.map(safe).join(', ')}`, dim: true}]], priority: 2, cut: true},
			{forms: pages > 1 ? [[{text: `page ${page}/${pages}`, bold: true}]] : [], priority: 4},
			{
				forms:
					snapshot.updatedAt === undefined
						? []
						: [[{text: `at ${formatTime(snapshot.updatedAt).slice(0, 8)}`, dim: true}]],
				priority: 3,
			},
			{forms: [[{text: `every ${snapshot.intervalMs / 1000} s`, dim: true}]], priority: 1},
			{forms: [[{text: 'Esc closes', dim: true}]], priority: 1},
		],
		width,
		{separator: {text: ' · ', dim: true}},
	);
}

/** The line under the title: why the last reading failed, or what could not be read, or nothing. */
function messageLine(snapshot: LagSnapshot): Segment[] | undefined {
	if (snapshot.error !== undefined) {
		const stale = snapshot.updatedAt === undefined ? '' : ' (groups as read before)';
		return [{text: ` ✖ ${safe(snapshot.error)}${stale}`, color: 'red'}];
	}
	if (snapshot.unreadable > 0)
		return [
			{
				text: ` ${countOf(snapshot.unreadable, 'group')} could not be read (gone, or not allowed)`,
				color: 'yellow',
			},
		];
	return undefined;
}

function groupWidth(groups: readonly GroupLagRow[], width: number): number {
	const fixed = STATE_WIDTH + MEMBERS_WIDTH + LAG_WIDTH + TREND_WIDTH + 3;
	const longest = Math.max(5, ...groups.map((group) => textWidth(safe(group.groupId))));
	// The partitions keep at least a third of a wide row; the group name gets the rest.
	const room = width - fixed - Math.max(12, Math.floor((width - fixed) / 3));
	return Math.max(8, Math.min(longest, room));
}

function headLine(nameWidth: number): Segment[] {
	return [
		{
			text: `  ${fitCell('GROUP', nameWidth)} ${fitCell('STATE', STATE_WIDTH)}${'MEMBERS'.padStart(MEMBERS_WIDTH - 1)} ${'LAG'.padStart(LAG_WIDTH - 1)}  ${fitCell('TREND 1 min', TREND_WIDTH - 1)}PARTITION:LAG`,
			dim: true,
		},
	];
}

function groupLine(
	group: GroupLagRow,
	selected: boolean,
	nameWidth: number,
	severalTopics: boolean,
): Segment[] {
	const state = safe(STATES[group.state] ?? group.state);
	const trend = TRENDS[group.trend];
	return [
		{text: selected ? '▸ ' : '  ', color: 'cyan', bold: true},
		{text: fitCell(safe(group.groupId), nameWidth), bold: selected, inverse: selected},
		{text: ` ${fitCell(state, STATE_WIDTH)}`, color: group.state === 'Stable' ? undefined : 'yellow'},
		{text: String(group.members).padStart(MEMBERS_WIDTH - 1)},
		{
			text: ` ${formatCount(group.totalLag).padStart(LAG_WIDTH - 1)}`,
			color: group.totalLag > 0 ? 'yellow' : undefined,
			bold: true,
		},
		{text: '  '},
		{...trend, text: fitCell(trend.text, TREND_WIDTH - 1)},
		{
			text: group.partitions.map((partition) => partitionLabel(partition, severalTopics)).join(' '),
			dim: true,
		},
	];
}

/** The selected group's partitions in full, wrapped over `rows` lines (the last says what is left). */
function detailLines(
	group: GroupLagRow | undefined,
	rows: number,
	width: number,
	severalTopics: boolean,
): Segment[][] {
	if (!group || rows === 0) return [];
	const items = group.partitions.map(
		(partition) =>
			`${severalTopics ? `${safe(partition.topic)}/` : 'p'}${partition.partition} ${formatCount(partition.committed)}/${formatCount(partition.end)} lag ${formatCount(partition.lag)}`,
	);
	const lines: string[] = [];
	let line = ' committed/end:';
	let index = 0;
	for (; index < items.length; index++) {
		const item = `  ${items[index]}`;
		if (textWidth(line) + textWidth(item) <= width) {
			line += item;
			continue;
		}
		if (lines.length === rows - 2) break;
		lines.push(line);
		line = `   ${items[index]}`;
	}
	lines.push(index < items.length ? `${line}  … ${items.length - index} more` : line);
	const heading: Segment[] = [
		{text: ` ${safe(group.groupId)}`, bold: true},
		{
			text: `  ${safe(group.state)} · ${countOf(group.members, 'member')} · lag ${formatCount(group.totalLag)}`,
			dim: true,
		},
	];
	return [heading, ...lines.map((text): Segment[] => [{text, dim: true}])];
}

/** Groups per page of the panel at `height` rows (what PgUp/PgDn move by). */
export function lagTableRows(snapshot: LagSnapshot, height: number): number {
	return lagPanelRows(height, messageLine(snapshot) ? 1 : 0).tableRows;
}

/** Every line of the panel, top to bottom, at most `height`; the component pads the rest. */
export function lagPanelLines(input: LagPanelInput): Segment[][] {
	const {snapshot, width, height} = input;
	const message = messageLine(snapshot);
	const {tableRows, detailRows} = lagPanelRows(height, message ? 1 : 0);
	const {groups} = snapshot;
	const {first, end, page, pages, cursor} = lagPage(input.cursor, groups.length, tableRows);
	// A pattern may stand for several topics: the partitions say which they are.
	const severalTopics = new Set(groups.flatMap((group) => group.partitions.map(({topic}) => topic))).size > 1;
	const lines: Segment[][] = [titleLine(input, first, end, page, pages)];
	if (message) lines.push(message);
	if (snapshot.status === 'waiting') {
		if (!message) lines.push([{text: ' reading the consumer groups…', dim: true}]);
		return lines.slice(0, height);
	}
	if (groups.length === 0) {
		lines.push([
			{text: ` no consumer group has committed offsets on ${input.topics.map(safe).join(', ')}`, dim: true},
		]);
		return lines.slice(0, height);
	}
	const nameWidth = groupWidth(groups, width);
	lines.push(headLine(nameWidth));
	for (let index = first; index < end; index++)
		lines.push(groupLine(groups[index]!, index === cursor, nameWidth, severalTopics));
	for (let row = end - first; row < tableRows; row++) lines.push([]);
	lines.push(...detailLines(groups[cursor], detailRows, width, severalTopics));
	return lines.slice(0, height);
}
