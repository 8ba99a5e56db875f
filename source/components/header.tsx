import {Box} from 'ink';
import type {ConnectionState, StreamStatus} from '../core/stream-status.js';
import {formatCount, formatRate} from './format-count.js';
import {type Segment, SegmentLine} from './segment-line.js';
import {sparkline} from './sparkline.js';

/** What the TUI knows about where it reads from (for the header). */
export type TuiInfo = {
	topics: string[];
	brokers: string[];
	groupId: string;
	/** `--without-group`: the header says "no group" where the group id would be. */
	withoutGroup?: boolean;
	user?: string;
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

/** Rows the header takes. */
export const HEADER_HEIGHT = 2;

const SPARK_WIDTH = 20;

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

/** Two rows: where we read from, then how the stream is doing (with sparklines). */
export function Header({info, status, rate, rateHistory, errorHistory, buffered, total, width}: HeaderProps) {
	const where: Segment[] = [
		{text: ' klog-tui', bold: true, color: 'cyan'},
		SEPARATOR,
		{text: info.topics.length > 1 ? 'topics ' : 'topic ', dim: true},
		{text: info.topics.join(','), bold: true},
		SEPARATOR,
		{text: 'brokers ', dim: true},
		{text: info.brokers.join(',')},
		SEPARATOR,
		...(info.withoutGroup ? [{text: 'no group'}] : [{text: 'group ', dim: true}, {text: info.groupId}]),
		...(info.user ? [SEPARATOR, {text: 'user ', dim: true}, {text: info.user}] : []),
	];
	const errorsNow = errorHistory.at(-1) ?? 0;
	const how: Segment[] = [
		{text: ' '},
		...connectionSegments(status.connection, status.paused, status.totalLag),
		SEPARATOR,
		{text: `${formatRate(rate)} rec/s `, bold: true},
		{text: sparkline(rateHistory, SPARK_WIDTH), color: 'green'},
		SEPARATOR,
		{text: `${formatRate(errorsNow)} err/s `, color: errorsNow > 0 ? 'red' : undefined},
		{text: sparkline(errorHistory, SPARK_WIDTH), color: 'red'},
		SEPARATOR,
		{text: 'buffered ', dim: true},
		{text: formatCount(buffered)},
		{text: ' of ', dim: true},
		{text: formatCount(total)},
	];
	return (
		<Box flexDirection="column" height={HEADER_HEIGHT} width={width} overflowY="hidden">
			<SegmentLine segments={where} width={width} />
			<SegmentLine segments={how} width={width} />
		</Box>
	);
}
