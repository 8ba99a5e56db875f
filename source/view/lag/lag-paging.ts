/**
 * The lag panel's rows: how its height splits between the title, the table of groups and the
 * selected group's partitions, and which page of groups shows the cursor. Pure.
 */

/** Title and column heads. */
const HEAD_ROWS = 2;
/** Lines under the table for the selected group's partitions, when the panel is tall enough. */
const DETAIL_ROWS = 3;
/** Below this many table rows the detail lines give their room to the table. */
const MIN_TABLE_ROWS = 5;

export type LagPanelRows = {
	/** Rows of groups per page (at least 1). */
	tableRows: number;
	/** Lines for the selected group's partitions (0 on a short panel). */
	detailRows: number;
};

/** Split `height` rows; `messageRows` are the lines for an error or a note above the heads. */
export function lagPanelRows(height: number, messageRows = 0): LagPanelRows {
	const room = Math.max(1, height - HEAD_ROWS - messageRows);
	const detailRows = room - DETAIL_ROWS >= MIN_TABLE_ROWS ? DETAIL_ROWS : 0;
	return {tableRows: Math.max(1, room - detailRows), detailRows};
}

export type LagPage = {
	/** Index of the first and one past the last group shown. */
	first: number;
	end: number;
	/** 1-based page number and the page count (at least 1). */
	page: number;
	pages: number;
	/** The cursor, kept within the groups (0 when there are none). */
	cursor: number;
};

/** The page that holds `cursor` (clamped to the groups), `tableRows` groups a page. */
export function lagPage(cursor: number, count: number, tableRows: number): LagPage {
	const perPage = Math.max(1, tableRows);
	const at = Math.max(0, Math.min(cursor, count - 1));
	const pageIndex = Math.floor(at / perPage);
	const first = pageIndex * perPage;
	return {
		first,
		end: Math.min(count, first + perPage),
		page: pageIndex + 1,
		pages: Math.max(1, Math.ceil(count / perPage)),
		cursor: at,
	};
}
