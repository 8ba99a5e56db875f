import {describe, expect, it} from 'vitest';
import {type HelpColumn, helpLayout, overlaySections} from '../../../source/view/help-layout.js';

const rows = (count: number) => Array.from({length: count}, (_, index) => ({label: `k${index}`, help: 'h'}));
/** Three sections of 3, 1 and 2 keys: columns of 4, 2 and 3 lines, each 8 cells wide. */
const sections = [
	{section: 'A', rows: rows(3)},
	{section: 'B', rows: rows(1)},
	{section: 'C', rows: rows(2)},
];
const headings = (columns: readonly HelpColumn[]) =>
	columns.map((column) => column.lines.flatMap((line) => (line.kind === 'heading' ? [line.section] : [])));

describe('helpLayout', () => {
	it('puts every section in its own column when the width takes them', () => {
		const layout = helpLayout(100, 20, sections);
		expect(headings(layout.columns)).toEqual([['A'], ['B'], ['C']]);
		expect(layout.lineCount).toBe(4);
	});

	it('chooses the shortest grid of the cuts that fit', () => {
		// Two columns fit (8 + 3 + 8): A | B,C is 6 lines tall, A,B | C is 7.
		const layout = helpLayout(19, 20, sections);
		expect(headings(layout.columns)).toEqual([['A'], ['B', 'C']]);
		expect(layout.lineCount).toBe(6);
	});

	it('stacks the sections in one column when no two fit side by side', () => {
		const layout = helpLayout(12, 5, sections);
		expect(headings(layout.columns)).toEqual([['A', 'B', 'C']]);
		expect(layout.lineCount).toBe(11);
		expect(layout.maxScroll).toBe(11 - 4);
	});

	it('lays the key map out once per overlay size, as it would afresh', () => {
		const first = helpLayout(200, 45);
		expect(helpLayout(200, 45)).toBe(first);
		expect(first).toEqual(helpLayout(200, 45, overlaySections()));
		const narrower = helpLayout(80, 20);
		expect(narrower).not.toBe(first);
		expect(narrower).toEqual(helpLayout(80, 20, overlaySections()));
	});
});
