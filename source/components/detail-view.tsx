import {Box} from 'ink';
import type {Segment} from '../terminal-text/segments.js';
import {splitAtWord} from '../terminal-text/truncate-to-width.js';
import type {DetailRow} from '../view/detail-rows.js';
import {SegmentRows} from './segment-line.js';

export type DetailViewProps = {
	rows: readonly DetailRow[];
	/** First display row shown (PgUp/PgDn). */
	scroll: number;
	/** Index among the rows that carry a field: the highlighted one. */
	field: number;
	width: number;
	height: number;
};

/** Most display rows one long row may take when wrapped (a 16 KiB string stays scrollable). */
const MAX_ROWS_PER_ROW = 200;

type DisplayRow = {text: string; kind: DetailRow['kind']; fieldIndex: number; first: boolean};

/** Wrap rows to the width: every display row fits `width` cells. */
export function displayRows(rows: readonly DetailRow[], width: number): DisplayRow[] {
	const display: DisplayRow[] = [];
	let fieldIndex = -1;
	for (const row of rows) {
		const index = row.field ? ++fieldIndex : -1;
		let rest = row.text;
		let first = true;
		let count = 0;
		do {
			const [head, tail] = splitAtWord(rest, Math.max(1, width - 1));
			display.push({text: head, kind: row.kind, fieldIndex: index, first});
			rest = head === '' ? '' : tail;
			first = false;
			count++;
		} while (rest !== '' && count < MAX_ROWS_PER_ROW);
	}
	return display;
}

/** Rows of record text the view shows: its height minus title and hint rows. */
export function detailBodyRows(height: number): number {
	return Math.max(1, height - 2);
}

/** The detail view: the record's rows, scrollable, with the chosen JSON field highlighted. */
export function DetailView({rows, scroll, field, width, height}: DetailViewProps) {
	const body = detailBodyRows(height);
	const display = displayRows(rows, width);
	let top = Math.min(scroll, Math.max(0, display.length - body));
	const fieldRow = display.findIndex((row) => row.fieldIndex === field && row.first);
	// Keep the highlighted field in view when the cursor moved it off the page.
	if (fieldRow >= 0 && (fieldRow < top || fieldRow >= top + body)) {
		top = Math.max(0, Math.min(fieldRow - Math.floor(body / 2), display.length - body));
	}
	const shown = display.slice(top, top + body);
	const title: Segment[] = [
		{text: ' Record', bold: true, inverse: true},
		{text: `  rows ${top + 1}-${top + shown.length} of ${display.length}`, dim: true},
	];
	const hint: Segment[] = [
		{text: ' Esc back · ↑/↓ field · Enter filter on field · PgUp/PgDn scroll', dim: true},
	];
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			<SegmentRows
				rows={[
					title,
					...shown.map((row): Segment[] => [
						{
							text: ` ${row.text}`,
							bold: row.kind === 'heading',
							color: row.kind === 'heading' ? 'cyan' : row.kind === 'meta' ? undefined : 'white',
							inverse: row.fieldIndex === field && row.fieldIndex >= 0,
						},
					]),
					...Array.from({length: body - shown.length}, () => []),
					hint,
				]}
				width={width}
			/>
		</Box>
	);
}

/** Largest useful scroll for these rows. */
export function detailMaxScroll(rows: readonly DetailRow[], width: number, height: number): number {
	return Math.max(0, displayRows(rows, width).length - detailBodyRows(height));
}
