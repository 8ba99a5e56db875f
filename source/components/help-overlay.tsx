import {Box} from 'ink';
import {helpSections} from '../core/key-map.js';
import {fitCell, type Segment, SegmentLine} from './segment-line.js';

export type HelpOverlayProps = {width: number; height: number};

/** One cell of the help grid: a section heading or a key and what it does. */
type HelpCell = {heading: string} | {label: string; help: string};

const LABEL_WIDTH = 11;
const COLUMN_WIDTH = 48;

function cellSegments(cell: HelpCell | undefined, width: number): Segment[] {
	if (!cell) return [{text: ' '.repeat(width)}];
	if ('heading' in cell) return [{text: fitCell(` ${cell.heading}`, width), bold: true, color: 'cyan'}];
	return [
		{text: fitCell(`   ${cell.label}`, LABEL_WIDTH + 3), bold: true},
		{text: fitCell(cell.help, Math.max(0, width - LABEL_WIDTH - 3))},
	];
}

/** The `?` overlay: every documented key from the key map, in as many columns as fit. */
export function HelpOverlay({width, height}: HelpOverlayProps) {
	const cells: HelpCell[] = [];
	for (const group of helpSections()) {
		cells.push({heading: group.section});
		for (const row of group.rows) cells.push(row);
	}
	const rows = Math.max(1, height - 1);
	const columns = Math.max(1, Math.floor(width / COLUMN_WIDTH));
	const columnWidth = Math.floor(width / columns);
	const fits = cells.length <= rows * columns;
	const capacity = fits ? cells.length : rows * columns - 1;
	const perColumn = Math.min(rows, Math.ceil(capacity / columns));
	const lines: Segment[][] = [];
	for (let row = 0; row < perColumn; row++) {
		const line: Segment[] = [];
		for (let column = 0; column < columns; column++) {
			const index = column * perColumn + row;
			if (!fits && row === perColumn - 1 && column === columns - 1) {
				line.push({
					text: fitCell(` … ${cells.length - capacity} more: enlarge the terminal`, columnWidth),
					dim: true,
				});
			} else {
				line.push(...cellSegments(index < capacity ? cells[index] : undefined, columnWidth));
			}
		}
		lines.push(line);
	}
	const title: Segment[] = [
		{text: ' Keys', bold: true, inverse: true},
		{text: '  Esc or ? closes', dim: true},
	];
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			<SegmentLine segments={title} width={width} />
			{lines.map((line, index) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: rows of a fixed grid
				<SegmentLine key={index} segments={line} width={width} />
			))}
		</Box>
	);
}
