import {Box} from 'ink';
import {memo} from 'react';
import {fitCell, type Segment} from '../terminal-text/segments.js';
import {fitItems} from '../view/fit-items.js';
import {COLUMN_GAP, type HelpColumn, helpLayout, keyLabel, lineAt} from '../view/help-layout.js';
import {SegmentRows} from './segment-line.js';

export type HelpOverlayProps = {width: number; height: number; scroll: number};

/** One column's line on a row, padded to the column's width. */
function lineSegments(column: HelpColumn, scroll: number, row: number): Segment[] {
	const line = lineAt(column, scroll, row);
	if (line.kind === 'blank') return [{text: ' '.repeat(column.width)}];
	if (line.kind === 'heading')
		return [{text: fitCell(` ${line.section}`, column.width), bold: true, color: 'cyan'}];
	const labelCells = 3 + column.labelWidth + 2;
	return [
		{text: fitCell(`   ${line.label}`, labelCells), bold: true},
		{text: fitCell(line.help, column.width - labelCells)},
	];
}

/** The title row: what the overlay is, where it is scrolled to and the keys that scroll and close it. */
function titleSegments(width: number, scroll: number, lineCount: number, visible: number): Segment[] {
	const scrolls = lineCount > visible;
	const last = Math.min(lineCount, scroll + visible);
	const position: Segment[] = [{text: `lines ${scroll + 1}-${last} of ${lineCount}`, dim: true}];
	const keys: Segment[] = [
		{text: `${keyLabel('helpUp')} ${keyLabel('helpPageUp')}`, bold: true, color: 'cyan'},
		{text: ' scroll', dim: true},
	];
	return fitItems(
		[
			{forms: [[{text: ' Keys ', bold: true, inverse: true}]], priority: 4},
			{forms: scrolls ? [position] : [], priority: 3},
			{forms: scrolls ? [keys] : [], priority: 3},
			{forms: [[{text: 'Esc or ? closes', dim: true}]], priority: 2},
		],
		width,
		{separator: {text: '  '}},
	);
}

/**
 * The `?` overlay: every documented key from the key map, in columns that fit their content
 * (see `helpLayout`), scrolled by `scroll` lines when it is taller than the overlay. Memoised:
 * records arriving re-render the app many times a second, and the overlay does not show them.
 */
export const HelpOverlay = memo(function HelpOverlay({width, height, scroll: wanted}: HelpOverlayProps) {
	const {columns, lineCount, visible, maxScroll} = helpLayout(width, height);
	const scroll = Math.min(wanted, maxScroll);
	const lines: Segment[][] = [];
	for (let row = 0; row < Math.min(visible, lineCount); row++) {
		const line: Segment[] = [];
		columns.forEach((column, index) => {
			if (index > 0) line.push({text: ' '.repeat(COLUMN_GAP)});
			line.push(...lineSegments(column, scroll, row));
		});
		lines.push(line);
	}
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			<SegmentRows rows={[titleSegments(width, scroll, lineCount, visible), ...lines]} width={width} />
		</Box>
	);
});
