import {Box} from 'ink';
import type {ViewLine} from '../store/log-store-types.js';
import {countOf} from '../terminal-text/format-count.js';
import type {Segment} from '../terminal-text/segments.js';
import {LogLine, type LogLineLayout, logLineRows} from './log-line.js';
import {SegmentLine} from './segment-line.js';

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

/**
 * Lay out rows bottom-up: the last line at the bottom, older ones above, until the pane
 * is full. With wrap a line takes several rows; the selected line is always kept in view.
 */
export function layoutRows(
	lines: readonly ViewLine[],
	selected: number,
	layout: LogLineLayout,
	wrap: boolean,
	rows: number,
): Segment[][] {
	const output: Segment[][] = [];
	let index = lines.length - 1;
	if (wrap && selected >= 0) {
		// Start low enough that the selected line fits: if it would fall off the top, begin with it.
		let needed = 0;
		for (let at = lines.length - 1; at >= selected && at >= 0; at--) {
			needed += logLineRows(lines[at]!, at === selected, layout, true, rows).length;
		}
		if (needed > rows) {
			const fromSelected: Segment[][] = [];
			for (let at = selected; at < lines.length && fromSelected.length < rows; at++) {
				fromSelected.push(...logLineRows(lines[at]!, at === selected, layout, true, rows));
			}
			return fromSelected.slice(0, rows);
		}
	}
	while (index >= 0 && output.length < rows) {
		const lineRows = logLineRows(lines[index]!, index === selected, layout, wrap, rows);
		const room = rows - output.length;
		// A wrapped line that does not fit whole shows its last rows at the top edge.
		output.unshift(...lineRows.slice(Math.max(0, lineRows.length - room)));
		index--;
	}
	return output;
}

/** The log pane: a title row, then only the rows that are visible. */
export function LogPane(props: LogPaneProps) {
	const {lines, selected, layout, wrap, following, backlog, viewLength, filterError, matchCount, height} =
		props;
	const rows = logRows(height);
	const shown = layoutRows(lines, selected, layout, wrap, rows);
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
			{shown.map((row, index) => (
				// Rows are positional: row N of the pane is always drawn at row N.
				// biome-ignore lint/suspicious/noArrayIndexKey: see above
				<LogLine key={index} rowSegments={row} width={layout.width} />
			))}
		</Box>
	);
}
