import {Box} from 'ink';
import {memo} from 'react';
import type {ViewLine} from '../store/log-store-types.js';
import {countOf} from '../terminal-text/format-count.js';
import type {Segment} from '../terminal-text/segments.js';
import {type LogLineLayout, logLineRows} from './log-line.js';
import {SegmentLine, SegmentRows} from './segment-line.js';

export type LogPaneProps = {
	/** The lines that may be visible, oldest first, the last one at the bottom of the pane. */
	lines: readonly ViewLine[];
	/** Index into `lines` of the selected line, -1 for none. */
	selected: number;
	layout: LogLineLayout;
	wrap: boolean;
	following: boolean;
	/** While the stream is paused: the records waiting in the topic (shown instead of following). */
	backlog?: number | undefined;
	/** Lines in the whole filtered view (for the title). */
	viewLength: number;
	/** A filter term that does not compile, shown in the title. */
	filterError?: string | undefined;
	/** Search matches in the view, shown in the title when searching. */
	matchCount?: number | undefined;
	height: number;
};

/** Rows of log lines the pane shows: its height minus the title row. */
export function logRows(height: number): number {
	return Math.max(0, height - 1);
}

/** The rows of the pane and, for each, the index into `lines` of the line drawn there. */
type OwnedRows = {rows: Segment[][]; owners: number[]};

/**
 * Lay out rows bottom-up: the last line at the bottom, older ones above, until the pane
 * is full. With wrap a line takes several rows; the selected line is always kept in view.
 */
function layoutOwnedRows(
	lines: readonly ViewLine[],
	selected: number,
	layout: LogLineLayout,
	wrap: boolean,
	rows: number,
): OwnedRows {
	const output: Segment[][] = [];
	const owners: number[] = [];
	let index = lines.length - 1;
	if (wrap && selected >= 0) {
		// Start low enough that the selected line fits: if it would fall off the top, begin with it.
		let needed = 0;
		for (let at = lines.length - 1; at >= selected && at >= 0; at--) {
			needed += logLineRows(lines[at]!, at === selected, layout, true, rows).length;
		}
		if (needed > rows) {
			for (let at = selected; at < lines.length && output.length < rows; at++) {
				const lineRows = logLineRows(lines[at]!, at === selected, layout, true, rows);
				output.push(...lineRows);
				owners.push(...lineRows.map(() => at));
			}
			return {rows: output.slice(0, rows), owners: owners.slice(0, rows)};
		}
	}
	while (index >= 0 && output.length < rows) {
		const lineRows = logLineRows(lines[index]!, index === selected, layout, wrap, rows);
		const room = rows - output.length;
		// A wrapped line that does not fit whole shows its last rows at the top edge.
		const shown = lineRows.slice(Math.max(0, lineRows.length - room));
		output.unshift(...shown);
		owners.unshift(...shown.map(() => index));
		index--;
	}
	return {rows: output, owners};
}

/** For each row the pane draws below its title, the index into `lines` of its line (a click's target). */
export function logRowOwners(
	lines: readonly ViewLine[],
	selected: number,
	layout: LogLineLayout,
	wrap: boolean,
	rows: number,
): number[] {
	return layoutOwnedRows(lines, selected, layout, wrap, rows).owners;
}

/** The log pane: a title row, then only the rows that are visible. */
export const LogPane = memo(function LogPane(props: LogPaneProps) {
	const {lines, selected, layout, wrap, following, backlog, viewLength, filterError, matchCount, height} =
		props;
	const rows = logRows(height);
	const shown = layoutOwnedRows(lines, selected, layout, wrap, rows).rows;
	const title: Segment[] = [
		{text: ' Logs', bold: true},
		{text: ` ${countOf(viewLength, 'line')}`, dim: true},
		{text: matchCount === undefined ? '' : ` · ${countOf(matchCount, 'match', 'matches')}`, color: 'yellow'},
		{text: wrap ? ' · wrap' : '', dim: true},
		backlog !== undefined
			? {text: ` · paused, ${countOf(backlog, 'record')} behind — Space resumes`, color: 'yellow', bold: true}
			: following
				? {text: ' · following', color: 'green'}
				: {text: ' · not following — G to resume', color: 'yellow', bold: true},
		{text: filterError ? ` · filter error: ${filterError}` : '', color: 'red'},
	];
	return (
		<Box flexDirection="column" width={layout.width} height={height} overflowY="hidden">
			<SegmentLine segments={title} width={layout.width} />
			<SegmentRows rows={shown} width={layout.width} />
		</Box>
	);
});
