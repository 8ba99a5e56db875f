import {describe, expect, it} from 'vitest';
import type {MarkRecord} from '../../../source/record/log-record.js';
import {compileFilter, EMPTY_FILTER} from '../../../source/store/filter/record-filter.js';
import {createFilteredView} from '../../../source/store/filtered-view.js';
import type {ViewLine} from '../../../source/store/log-store-types.js';
import {RingBuffer} from '../../../source/store/ring-buffer.js';

function mark(seq: number, label: string): MarkRecord {
	return {seq, kind: 'mark', time: 0, label};
}

/** A ring of marks with seqs 0..n-1, and a view that lets through the even ones. */
function setUp(count: number, capacity = 10) {
	const lines = new RingBuffer<ViewLine>(capacity);
	const view = createFilteredView(lines, capacity);
	for (let seq = 0; seq < count; seq++) {
		const line = mark(seq, `line ${seq}`);
		const dropped = lines.push(line);
		if (dropped !== undefined) view.evict(dropped);
		view.push(line, seq % 2 === 0);
	}
	return {lines, view};
}

const label = (line: ViewLine) => (line as MarkRecord).label;

describe('the filtered view', () => {
	it('holds the seqs the filter let through, and reads lines by view position', () => {
		const {view} = setUp(6);
		expect(view.length).toBe(3);
		expect(view.slice(0, 3).map(label)).toEqual(['line 0', 'line 2', 'line 4']);
		expect(view.indexOfSeq(4)).toBe(2);
		expect(view.indexOfSeq(3)).toBe(-1);
		expect(view.seqAt(1)).toBe(2);
		expect(view.seqAt(1.5)).toBeUndefined();
		expect(view.find(-1, 1, (line) => label(line) === 'line 4')).toBe(2);
		expect(view.find(3, -1, (line) => label(line).endsWith('0'))).toBe(0);
	});

	it('drops an evicted line from its front, and keeps the search count in step', () => {
		const {lines, view} = setUp(6, 6);
		expect(view.setSearch((line) => label(line) !== 'line 2')).toBe(true);
		expect(view.searchMatches).toBe(2);
		const line = mark(6, 'line 6');
		view.evict(lines.push(line)!);
		view.push(line, true);
		expect(view.slice(0, 9).map(label)).toEqual(['line 2', 'line 4', 'line 6']);
		expect(view.searchMatches).toBe(2);
		expect(view.countMatches(() => true)).toBe(3);
	});

	it('rebuilds from the ring for a new filter (marks always stay)', () => {
		const {view} = setUp(5);
		view.rebuild(compileFilter(EMPTY_FILTER));
		expect(view.length).toBe(5);
		view.clear();
		expect(view.length).toBe(0);
		expect(view.searchMatches).toBeUndefined();
	});
});
