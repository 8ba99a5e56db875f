import {lastAtOrBefore} from '../shared/binary-search.js';
import type {CompiledFilter} from './filter/record-filter.js';
import {isMark, type ViewLine, type ViewReader} from './log-store-types.js';
import {RingBuffer} from './ring-buffer.js';

/**
 * The lines of the store's ring that the filter lets through, as their seqs (ascending, always
 * a subset of the ring), and how many of them the search matches, kept up to date as lines
 * enter and leave so that no frame has to scan.
 */
export type FilteredView = ViewReader & {
	readonly length: number;
	/** A line entered the ring; `visible` when the filter lets it through. */
	push(line: ViewLine, visible: boolean): void;
	/** A line left the ring: it leaves the view too. */
	evict(line: ViewLine): void;
	clear(): void;
	/** The view again from every line of the ring, for a new filter. */
	rebuild(filter: CompiledFilter): void;
	/** The search to count matches of (undefined: none); false when it is the one already set. */
	setSearch(test: ((line: ViewLine) => boolean) | undefined): boolean;
	/** View lines the search matches, or undefined without a search. */
	readonly searchMatches: number | undefined;
};

/** The filtered view over `lines`, a ring whose lines carry consecutive seqs. */
export function createFilteredView(lines: RingBuffer<ViewLine>, capacity: number): FilteredView {
	const seqs = new RingBuffer<number>(capacity);
	let search: ((line: ViewLine) => boolean) | undefined;
	let searchMatches = 0;

	// Seqs are consecutive along the ring, so a seq finds its slot by subtraction.
	function lineOfSeq(seq: number): ViewLine | undefined {
		const oldest = lines.first();
		return oldest === undefined ? undefined : lines.get(seq - oldest.seq);
	}

	function lineAt(index: number): ViewLine {
		return lineOfSeq(seqs.get(index)!)!;
	}

	function countMatches(test: (line: ViewLine) => boolean): number {
		let matches = 0;
		for (let index = 0; index < seqs.length; index++) {
			if (test(lineAt(index))) matches++;
		}
		return matches;
	}

	return {
		get length() {
			return seqs.length;
		},
		push(line, visible) {
			if (!visible) return;
			seqs.push(line.seq);
			if (search?.(line)) searchMatches++;
		},
		evict(line) {
			// The view never holds a seq older than the ring's oldest line, so an evicted line
			// that is in the view is at its front.
			if (seqs.first() !== line.seq) return;
			seqs.shift();
			if (search?.(line)) searchMatches--;
		},
		clear() {
			seqs.clear();
			searchMatches = 0;
		},
		rebuild({test, matchesAll}) {
			seqs.clear();
			for (let index = 0; index < lines.length; index++) {
				const line = lines.get(index)!;
				if (matchesAll || isMark(line) || test(line)) seqs.push(line.seq);
			}
			searchMatches = search ? countMatches(search) : 0;
		},
		slice(start, end) {
			const from = Math.max(0, Math.floor(start));
			const to = Math.min(seqs.length, Math.ceil(end));
			const result: ViewLine[] = [];
			for (let index = from; index < to; index++) result.push(lineAt(index));
			return result;
		},
		indexOfSeq(seq) {
			const index = lastAtOrBefore(seqs.length, (at) => seqs.get(at), seq);
			return index >= 0 && seqs.get(index) === seq ? index : -1;
		},
		find(from, direction, test) {
			const length = seqs.length;
			let index =
				direction === 1 ? Math.max(-1, Math.floor(from)) + 1 : Math.min(length, Math.ceil(from)) - 1;
			for (; index >= 0 && index < length; index += direction) {
				if (test(lineAt(index))) return index;
			}
			return -1;
		},
		seqAt(index) {
			return Number.isInteger(index) ? seqs.get(index) : undefined;
		},
		countMatches,
		setSearch(test) {
			if (test === search) return false;
			search = test;
			searchMatches = test ? countMatches(test) : 0;
			return true;
		},
		get searchMatches() {
			return search ? searchMatches : undefined;
		},
	};
}
