import {Box} from 'ink';
import {memo, useMemo} from 'react';
import type {ConnectionState, StreamStatus} from '../stream/stream-status.js';
import {formatCount, formatRate} from '../terminal-text/format-count.js';
import {formatWindow} from '../terminal-text/format-window.js';
import type {Segment} from '../terminal-text/segments.js';
import {fitItems, type LineItem} from '../view/fit-items.js';
import {HEADER_HEIGHT} from '../view/layout.js';
import {SegmentRows} from './segment-line.js';
import {sparkline} from './sparkline.js';

/** What the TUI knows about where it reads from (for the header). */
export type TuiInfo = {
	topics: string[];
	brokers: string[];
	groupId: string;
	/** `--without-group`: the header says "no group" where the group id would be. */
	withoutGroup?: boolean;
	user?: string;
	/** `--until` (and `--since`): the time window read, shown after the topics. */
	window?: {since?: number; until: number};
};

export type HeaderProps = {
	info: TuiInfo;
	status: StreamStatus;
	/** Records per second over all services, and its per-second history. */
	rate: number;
	rateHistory: readonly number[];
	/** Errors per second history. */
	errorHistory: readonly number[];
	/** Records buffered and consumed this run. */
	buffered: number;
	total: number;
	width: number;
};

/** Sparkline widths, widest first: a short row narrows both in steps, so they stay alike. */
const SPARK_WIDTHS = [20, 15, 10];

/** The connection state alone as coloured words: live, connecting, reconnecting with reason… */
function stateSegments(connection: ConnectionState): Segment[] {
	switch (connection.kind) {
		case 'connecting':
			return [
				{text: '◌ connecting', color: 'cyan', bold: true},
				{text: connection.attempt ? ` (attempt ${connection.attempt})` : '', color: 'cyan'},
				{text: connection.reason ? `: ${connection.reason}` : '', color: 'cyan'},
			];
		case 'live':
			return [{text: '● live', color: 'green', bold: true}];
		case 'rebalancing':
			return [{text: '◌ rebalancing', color: 'yellow', bold: true}];
		case 'reconnecting':
			return [
				{text: '◌ reconnecting', color: 'red', bold: true},
				{text: ` (attempt ${connection.attempt}): ${connection.reason}`, color: 'red'},
			];
		case 'stopped':
			return [
				{text: '■ stopped', color: 'red', bold: true},
				{text: connection.reason ? `: ${connection.reason}` : '', color: 'red'},
			];
	}
}

/**
 * The stream's state as coloured words: live, paused with backlog, reconnecting with the
 * reason… Pausing is the user's choice and says nothing about the connection, so a paused
 * stream whose connection is anything but live shows both (`⏸ paused backlog 12 · ◌
 * reconnecting (attempt 2): …`): a broker going away must not hide behind the pause.
 */
export function connectionSegments(connection: ConnectionState, paused: boolean, backlog: number): Segment[] {
	if (!paused) return stateSegments(connection);
	const pausedSegments: Segment[] = [
		{text: '⏸ paused', color: 'yellow', bold: true},
		{text: ` backlog ${formatCount(backlog)}`, color: 'yellow'},
	];
	if (connection.kind === 'live') return pausedSegments;
	return [...pausedSegments, {text: ' · ', dim: true}, ...stateSegments(connection)];
}

const SEPARATOR: Segment = {text: ' │ ', dim: true};

/** A list of names, then only the first and how many more when the row is short of room. */
function namesForms(label: string, names: readonly string[], style: Segment): Segment[][] {
	const all = [
		{text: label, dim: true},
		{...style, text: names.join(',')},
	];
	if (names.length <= 1) return [all];
	return [
		all,
		[
			{text: label, dim: true},
			{...style, text: `${names[0]} +${names.length - 1}`},
		],
	];
}

/** A rate and its sparkline: the sparkline narrows, then goes, before the rate does. */
function rateForms(rate: Segment, history: readonly number[], colour: string): Segment[][] {
	return SPARK_WIDTHS.map((width) => [rate, {text: ` ${sparkline(history, width)}`, color: colour}]).concat([
		[rate],
	]);
}

/**
 * The header's first row: where we read from. A narrow terminal drops whole items (user,
 * then brokers, then group), never the name and the topic.
 */
export function whereItems(info: TuiInfo): LineItem[] {
	const items: LineItem[] = [
		{forms: [[{text: ' klog-tui', bold: true, color: 'cyan'}]], priority: 10},
		{
			forms: namesForms(info.topics.length > 1 ? 'topics ' : 'topic ', info.topics, {text: '', bold: true}),
			priority: 9,
			cut: true,
		},
		{forms: namesForms('brokers ', info.brokers, {text: ''}), priority: 6},
		{
			forms: [info.withoutGroup ? [{text: 'no group'}] : [{text: 'group ', dim: true}, {text: info.groupId}]],
			// Reading without a group is worth a place even at 80 columns; a group's id is not.
			priority: info.withoutGroup ? 8 : 4,
		},
	];
	if (info.user) items.push({forms: [[{text: 'user ', dim: true}, {text: info.user}]], priority: 5});
	if (info.window) {
		const window = formatWindow(info.window.since, info.window.until);
		items.splice(2, 0, {
			forms: [
				[
					{text: 'window ', dim: true},
					{text: window, color: 'yellow'},
				],
			],
			priority: 8,
		});
	}
	return items;
}

/**
 * The header's second row: how the stream is doing. The state comes first and stays; its
 * reason (why it reconnects) goes before the rates do only when it is longer than the row.
 */
export function howItems(
	props: Pick<HeaderProps, 'status' | 'rate' | 'rateHistory' | 'errorHistory' | 'buffered' | 'total'>,
): LineItem[] {
	const {status, rate, rateHistory, errorHistory, buffered, total} = props;
	const errorsNow = errorHistory.at(-1) ?? 0;
	const [state, ...reason] = connectionSegments(status.connection, status.paused, status.totalLag);
	return [
		{forms: [[{text: ' '}, state!]], priority: 10},
		{forms: [reason], priority: 7, glue: true, cut: true},
		// Paused, nothing is consumed: the rate worth showing is of records arriving in the topic.
		status.paused
			? {forms: [[{text: `${formatRate(status.topicRate)} rec/s in topic`, bold: true}]], priority: 9}
			: {
					forms: rateForms({text: `${formatRate(rate)} live rec/s`, bold: true}, rateHistory, 'green'),
					priority: 9,
				},
		{
			forms: rateForms(
				{text: `${formatRate(errorsNow)} err/s`, color: errorsNow > 0 ? 'red' : undefined},
				errorHistory,
				'red',
			),
			priority: 8,
		},
		{
			forms: [
				[
					{text: 'buffered ', dim: true},
					{text: formatCount(buffered)},
					{text: ' of ', dim: true},
					{text: formatCount(total)},
				],
			],
			priority: 6,
		},
	];
}

/** Two rows: where we read from, then how the stream is doing (with sparklines). */
export const Header = memo(function Header({
	info,
	status,
	rate,
	rateHistory,
	errorHistory,
	buffered,
	total,
	width,
}: HeaderProps) {
	// Where we read from does not change while records arrive.
	const where = useMemo(() => fitItems(whereItems(info), width, {separator: SEPARATOR}), [info, width]);
	const how = fitItems(howItems({status, rate, rateHistory, errorHistory, buffered, total}), width, {
		separator: SEPARATOR,
	});
	return (
		<Box flexDirection="column" height={HEADER_HEIGHT} width={width} overflowY="hidden">
			<SegmentRows rows={[where, how]} width={width} />
		</Box>
	);
});
