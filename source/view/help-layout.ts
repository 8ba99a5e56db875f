import {FILTER_SYNTAX} from '../store/filter/filter-syntax.js';
import {splitAtWord, textWidth} from '../terminal-text/truncate-to-width.js';
import {KEY_BINDINGS} from './key-map.js';
import {type HelpRow, helpSections} from './keys/key-help.js';
import type {Command} from './keys/key-types.js';
import {MOUSE_HELP} from './mouse-intent.js';
import type {ViewAction} from './view-state.js';

/**
 * How the `?` overlay lays out the key map: sections side by side in as many columns as the
 * width takes, each column as wide as its widest key and description, a section never split
 * between columns (a heading always above its rows), and the columns balanced so the grid is
 * as short as it can be. When even one column is wider than the terminal, descriptions wrap
 * between words; when the grid is taller than the overlay, it scrolls. Pure: no React.
 */

/** One line of a column: a section heading, a key (or the wrapped rest of its description), a gap. */
export type HelpLine =
	| {kind: 'heading'; section: string}
	| {kind: 'row'; section: string; label: string; help: string}
	| {kind: 'blank'};

export type HelpColumn = {lines: HelpLine[]; labelWidth: number; width: number};

export type HelpLayout = {
	columns: HelpColumn[];
	/** Lines of the tallest column, and how many the overlay shows at once. */
	lineCount: number;
	visible: number;
	maxScroll: number;
};

type Section = {section: string; rows: HelpRow[]};

/** What `?` shows: the key map's sections, the mouse, then the filter syntax of `/` and `f`. */
export function overlaySections(): Section[] {
	return [
		...helpSections(),
		{section: 'Mouse', rows: [...MOUSE_HELP]},
		{
			section: 'Filter syntax (/ and f)',
			rows: FILTER_SYNTAX.map((row) => ({label: row.example, help: row.meaning})),
		},
	];
}

/** Cells before a key (a heading has one), between a key and its description, between columns. */
const ROW_INDENT = 3;
const LABEL_GAP = 2;
export const COLUMN_GAP = 3;

function maxWidth(texts: readonly string[]): number {
	return texts.reduce((widest, text) => Math.max(widest, textWidth(text)), 0);
}

/** One column holding `sections`, descriptions wrapped to `helpWidth` cells when given. */
function column(sections: readonly Section[], helpWidth?: number): HelpColumn {
	const rows = sections.flatMap((group) => group.rows);
	const labelWidth = maxWidth(rows.map((row) => row.label));
	const lines: HelpLine[] = [];
	for (const group of sections) {
		if (lines.length > 0) lines.push({kind: 'blank'});
		lines.push({kind: 'heading', section: group.section});
		for (const row of group.rows) {
			let [head, rest] = helpWidth === undefined ? [row.help, ''] : splitAtWord(row.help, helpWidth);
			lines.push({kind: 'row', section: group.section, label: row.label, help: head});
			while (rest !== '' && helpWidth !== undefined) {
				[head, rest] = splitAtWord(rest, helpWidth);
				lines.push({kind: 'row', section: group.section, label: '', help: head});
			}
		}
	}
	const width = Math.max(
		1 + maxWidth(sections.map((group) => group.section)),
		ROW_INDENT +
			labelWidth +
			LABEL_GAP +
			maxWidth(lines.map((line) => (line.kind === 'row' ? line.help : ''))),
	);
	return {lines, labelWidth, width};
}

/** Every way to cut `count` sections, in order, into consecutive runs (the columns). */
function splits(count: number): number[][] {
	const all: number[][] = [];
	for (let mask = 0; mask < 1 << Math.max(0, count - 1); mask++) {
		const sizes: number[] = [];
		let size = 1;
		for (let gap = 0; gap < count - 1; gap++) {
			if (mask & (1 << gap)) {
				sizes.push(size);
				size = 1;
			} else size += 1;
		}
		sizes.push(size);
		all.push(sizes);
	}
	return all;
}

function gridWidth(columns: readonly HelpColumn[]): number {
	return columns.reduce((sum, each) => sum + each.width, 0) + COLUMN_GAP * (columns.length - 1);
}

function gridHeight(columns: readonly HelpColumn[]): number {
	return Math.max(0, ...columns.map((each) => each.lines.length));
}

/** The last layout of the default sections: the key map is fixed, and the overlay asks again on every frame it is open. */
let lastLayout: {width: number; height: number; layout: HelpLayout} | undefined;

/** The help's columns for an overlay of `width` x `height` cells (its title row included). */
export function helpLayout(width: number, height: number, sections?: readonly Section[]): HelpLayout {
	if (sections !== undefined) return layOut(width, height, sections);
	if (lastLayout?.width !== width || lastLayout.height !== height)
		lastLayout = {width, height, layout: layOut(width, height, overlaySections())};
	return lastLayout.layout;
}

function layOut(width: number, height: number, sections: readonly Section[]): HelpLayout {
	// The splits share their runs of sections: lay out each run once (n² runs, not 2ⁿ⁻¹ x n).
	const runs = new Map<string, HelpColumn>();
	const run = (at: number, size: number) => {
		const key = `${at}:${size}`;
		const known = runs.get(key);
		if (known) return known;
		const each = column(sections.slice(at, at + size));
		runs.set(key, each);
		return each;
	};
	let best: HelpColumn[] | undefined;
	for (const sizes of splits(sections.length)) {
		const columns: HelpColumn[] = [];
		let at = 0;
		for (const size of sizes) {
			columns.push(run(at, size));
			at += size;
		}
		if (gridWidth(columns) > width) continue;
		// The shortest grid wins; between equals, the one with fewer columns.
		if (
			!best ||
			gridHeight(columns) < gridHeight(best) ||
			(gridHeight(columns) === gridHeight(best) && columns.length < best.length)
		)
			best = columns;
	}
	if (!best) {
		// Not even one column fits: one column whose descriptions wrap between words.
		const labelWidth = maxWidth(sections.flatMap((group) => group.rows.map((row) => row.label)));
		best = [column(sections, Math.max(8, width - ROW_INDENT - labelWidth - LABEL_GAP))];
	}
	const lineCount = gridHeight(best);
	const visible = Math.max(1, height - 1);
	return {
		columns: best,
		lineCount,
		visible,
		maxScroll: Math.max(0, lineCount - visible),
	};
}

/**
 * The line a column shows on row `row` when scrolled by `scroll`. Scrolled, the top row of a
 * column whose first line is a key shows that key's section heading instead, so no rows
 * show without their heading; the key it covers was on screen one line of scrolling earlier.
 */
export function lineAt(column: HelpColumn, scroll: number, row: number): HelpLine {
	const line = column.lines[scroll + row] ?? {kind: 'blank'};
	if (row === 0 && scroll > 0 && line.kind === 'row') return {kind: 'heading', section: line.section};
	return line;
}

/** The label of the first documented binding of `command` (for the overlay's title). */
export function keyLabel(command: Command): string {
	return KEY_BINDINGS.find((binding) => binding.command === command && binding.label)?.label ?? '';
}

/** The view action for a help scroll key, for an overlay of `width` x `height`. */
export function helpScroll(
	command: 'helpUp' | 'helpDown' | 'helpPageUp' | 'helpPageDown',
	width: number,
	height: number,
): ViewAction {
	const {visible, maxScroll} = helpLayout(width, height);
	const page = Math.max(1, visible - 1);
	const delta = {helpUp: -1, helpDown: 1, helpPageUp: -page, helpPageDown: page}[command];
	return {type: 'helpScroll', delta, maxScroll};
}
