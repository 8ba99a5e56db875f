import {describe, expect, it} from 'vitest';
import {startOffsets} from '../../../source/kafka/log-stream/topics/start-offsets.js';
import {
	filterSpecOf,
	initialViewState,
	isServiceHidden,
	panePosition,
	positionOfSeq,
	SEEK_CHOICES,
	splitFilterTerms,
	type ViewIndex,
	type ViewState,
	viewReducer,
} from '../../../source/view/view-state.js';

/** A view over these seqs (ascending, as the store keeps them). */
function viewOf(seqs: number[]): ViewIndex {
	return {length: seqs.length, seqAt: (index) => seqs[index]};
}

const hundred = viewOf(Array.from({length: 100}, (_, index) => index * 2 + 10));

describe('positionOfSeq', () => {
	it('finds a seq that is in the view', () => {
		expect(positionOfSeq(hundred, 10)).toBe(0);
		expect(positionOfSeq(hundred, 50)).toBe(20);
		expect(positionOfSeq(hundred, 208)).toBe(99);
	});
	it('falls back to the nearest older line when the seq left the view', () => {
		expect(positionOfSeq(hundred, 51)).toBe(20);
		expect(positionOfSeq(hundred, 3)).toBe(0);
		expect(positionOfSeq(hundred, 9999)).toBe(99);
		expect(positionOfSeq(viewOf([]), 5)).toBe(-1);
	});
});

describe('scrolling', () => {
	const page = 10;
	it('starts following at the newest line', () => {
		expect(panePosition(initialViewState(), hundred)).toEqual({selected: 99, bottom: 99});
	});

	it('scrolling up stops following and anchors to seqs', () => {
		const state = viewReducer(initialViewState(), {type: 'scroll', delta: -1, view: hundred, pageSize: page});
		expect(state.follow).toBe(false);
		expect(state.selectedSeq).toBe(206);
		expect(state.anchorSeq).toBe(208);
		expect(panePosition(state, hundred)).toEqual({selected: 98, bottom: 99});
	});

	it('keeps reading position when newer lines arrive', () => {
		const state = viewReducer(initialViewState(), {type: 'scroll', delta: -5, view: hundred, pageSize: page});
		const grown = viewOf(Array.from({length: 150}, (_, index) => index * 2 + 10));
		expect(panePosition(state, grown)).toEqual(panePosition(state, hundred));
	});

	it('moves the pane when the selection leaves it', () => {
		let state = initialViewState();
		state = viewReducer(state, {type: 'scroll', delta: -15, view: hundred, pageSize: page});
		expect(panePosition(state, hundred)).toEqual({selected: 84, bottom: 93});
		state = viewReducer(state, {type: 'scroll', delta: 12, view: hundred, pageSize: page});
		expect(panePosition(state, hundred)).toEqual({selected: 96, bottom: 96});
	});

	it('pages, goes to the top, and G resumes following', () => {
		let state = viewReducer(initialViewState(), {
			type: 'scrollPage',
			direction: -1,
			view: hundred,
			pageSize: page,
		});
		expect(panePosition(state, hundred)).toEqual({selected: 90, bottom: 90});
		state = viewReducer(state, {type: 'scrollTop', view: hundred, pageSize: page});
		expect(panePosition(state, hundred)).toEqual({selected: 0, bottom: 9});
		state = viewReducer(state, {type: 'scroll', delta: -3, view: hundred, pageSize: page});
		expect(panePosition(state, hundred)).toEqual({selected: 0, bottom: 9});
		state = viewReducer(state, {type: 'follow'});
		expect(state.follow).toBe(true);
		expect(panePosition(state, hundred)).toEqual({selected: 99, bottom: 99});
	});

	it('scrolling down while following and scrolling an empty view change nothing', () => {
		const state = initialViewState();
		expect(viewReducer(state, {type: 'scroll', delta: 1, view: hundred, pageSize: page})).toBe(state);
		expect(viewReducer(state, {type: 'scroll', delta: -1, view: viewOf([]), pageSize: page})).toBe(state);
	});

	it('jumps to a line, centring it when it is off the pane', () => {
		const state = viewReducer(initialViewState(), {type: 'jumpTo', index: 40, view: hundred, pageSize: page});
		expect(panePosition(state, hundred)).toEqual({selected: 40, bottom: 45});
		const inside = viewReducer(state, {type: 'jumpTo', index: 38, view: hundred, pageSize: page});
		expect(panePosition(inside, hundred)).toEqual({selected: 38, bottom: 45});
		expect(viewReducer(state, {type: 'jumpTo', index: -1, view: hundred, pageSize: page})).toBe(state);
	});

	it('a jump that lands clears the footer message it makes stale', () => {
		const warned = viewReducer(initialViewState(), {
			type: 'showMessage',
			message: {id: 1, text: 'no earlier mark', tone: 'warn'},
		});
		expect(
			viewReducer(warned, {type: 'jumpTo', index: 40, view: hundred, pageSize: page}).message,
		).toBeUndefined();
	});

	it('clearing the view follows again', () => {
		const scrolled = viewReducer(initialViewState(), {type: 'scroll', delta: -3, view: hundred, pageSize: 5});
		expect(viewReducer(scrolled, {type: 'viewCleared'}).follow).toBe(true);
	});
});

describe('filters', () => {
	it('splits typed text into terms, keeping regexes whole', () => {
		expect(splitFilterTerms('  timeout !health  /a b/i !/x y/ userId=42 ')).toEqual([
			'timeout',
			'!health',
			'/a b/i',
			'!/x y/',
			'userId=42',
		]);
		expect(splitFilterTerms('/a\\/ b/')).toEqual(['/a\\/ b/']);
		expect(splitFilterTerms('"connection refused" !"a b" x')).toEqual([
			'"connection refused"',
			'!"a b"',
			'x',
		]);
		expect(splitFilterTerms('')).toEqual([]);
	});

	it('typing a filter is live; Enter keeps it, Esc clears it', () => {
		let state = viewReducer(initialViewState(), {type: 'startInput', kind: 'filter'});
		state = viewReducer(state, {type: 'inputChange', text: 'err !db'});
		expect(state.input).toEqual({kind: 'filter', text: 'err !db'});
		state = viewReducer(state, {type: 'inputCommit'});
		expect(state.filterText).toBe('err !db');
		expect(filterSpecOf(state).terms).toEqual(['err', '!db']);
		state = viewReducer(state, {type: 'startInput', kind: 'filter'});
		expect(state.input).toEqual({kind: 'filter', text: 'err !db'});
		state = viewReducer(state, {type: 'inputCancel'});
		expect(state.filterText).toBe('');
		expect(state.input.kind).toBe('none');
	});

	it('search is separate from the filter', () => {
		let state = viewReducer(initialViewState(), {type: 'startInput', kind: 'search'});
		state = viewReducer(state, {type: 'inputChange', text: 'abc'});
		state = viewReducer(state, {type: 'inputCommit'});
		expect(state.searchText).toBe('abc');
		expect(state.filterText).toBe('');
	});

	it('l cycles through all six minimum levels and wraps around', () => {
		let state = initialViewState();
		const seen = [];
		for (let index = 0; index < 8; index++) {
			state = viewReducer(state, {type: 'cycleLevel'});
			seen.push(state.minLevel);
		}
		expect(seen).toEqual(['trace', 'debug', 'info', 'warn', 'error', 'fatal', undefined, 'trace']);
	});

	it('toggles, solos and shows all services', () => {
		let state = viewReducer(initialViewState(), {type: 'toggleService', service: 'api'});
		expect(isServiceHidden(state.services, 'api')).toBe(true);
		expect(isServiceHidden(state.services, 'db')).toBe(false);
		state = viewReducer(state, {type: 'soloService', service: 'db'});
		expect(isServiceHidden(state.services, 'api')).toBe(true);
		expect(isServiceHidden(state.services, 'db')).toBe(false);
		expect(isServiceHidden(state.services, 'web')).toBe(true);
		state = viewReducer(state, {type: 'toggleService', service: 'web'});
		expect(isServiceHidden(state.services, 'web')).toBe(false);
		state = viewReducer(state, {type: 'toggleService', service: 'web'});
		state = viewReducer(state, {type: 'toggleService', service: 'db'});
		// Un-soloing the last shown service shows everything again.
		expect(state.services).toEqual({mode: 'exclude', services: new Set()});
		state = viewReducer(state, {type: 'soloService', service: 'db'});
		state = viewReducer(state, {type: 'soloService', service: 'db'});
		expect(state.services.mode).toBe('exclude');
		state = viewReducer(state, {type: 'toggleService', service: 'x'});
		state = viewReducer(state, {type: 'showAllServices'});
		expect(state.services.services.size).toBe(0);
	});

	it('a field filter adds a term; clearing all drops every filter', () => {
		let state: ViewState = {...initialViewState(), filterText: 'timeout', minLevel: 'warn'};
		state = viewReducer(state, {type: 'addFilterTerm', term: 'userId=42'});
		expect(state.filterText).toBe('timeout userId=42');
		state = viewReducer(state, {type: 'toggleService', service: 'a'});
		state = viewReducer(state, {type: 'clearAllFilters'});
		expect(filterSpecOf(state)).toEqual({
			services: {mode: 'exclude', services: new Set()},
			minLevel: undefined,
			terms: [],
		});
	});
});

describe('panels and overlays', () => {
	it('toggles help, focus, wrap, offsets and partitions', () => {
		let state = initialViewState();
		for (const type of [
			'toggleHelp',
			'toggleFocus',
			'toggleWrap',
			'toggleOffsets',
			'togglePartitions',
		] as const) {
			state = viewReducer(state, {type});
		}
		expect(state).toMatchObject({
			overlay: {kind: 'help'},
			focus: 'services',
			wrap: true,
			showOffsets: true,
			showPartitions: true,
		});
		state = viewReducer(state, {type: 'toggleHelp'});
		expect(state.overlay.kind).toBe('none');
	});

	it('the help opened from the lag panel goes back to it, by ? or Esc, keeping its group', () => {
		let state = viewReducer(initialViewState(), {type: 'toggleLag'});
		state = viewReducer(state, {type: 'lagMove', delta: 2, count: 5});
		for (const close of ['toggleHelp', 'closeOverlay'] as const) {
			state = viewReducer(state, {type: 'toggleHelp'});
			state = viewReducer(state, {type: 'helpScroll', delta: 3, maxScroll: 10});
			expect(state.overlay).toEqual({kind: 'help', scroll: 3, under: {kind: 'lag', cursor: 2}});
			state = viewReducer(state, {type: close});
			expect(state.overlay, close).toEqual({kind: 'lag', cursor: 2});
		}
		state = viewReducer(viewReducer(state, {type: 'toggleLag'}), {type: 'toggleHelp'});
		expect(viewReducer(state, {type: 'closeOverlay'}).overlay).toEqual({kind: 'none'});
	});

	it('the detail view scrolls and picks fields within bounds', () => {
		let state = viewReducer(initialViewState(), {type: 'openDetail', seq: 7});
		state = viewReducer(state, {type: 'detailScroll', delta: 50, maxScroll: 12});
		state = viewReducer(state, {type: 'detailField', delta: -3, fieldCount: 4});
		expect(state.overlay).toEqual({kind: 'detail', seq: 7, scroll: 12, field: 0});
		state = viewReducer(state, {type: 'detailField', delta: 9, fieldCount: 4});
		expect(state.overlay).toMatchObject({field: 3});
		state = viewReducer(state, {type: 'closeOverlay'});
		expect(state.overlay.kind).toBe('none');
	});

	it('the services cursor scrolls its list', () => {
		let state = viewReducer(initialViewState(), {type: 'serviceCursor', delta: 7, count: 300, pageSize: 5});
		expect([state.serviceCursor, state.serviceScroll]).toEqual([7, 3]);
		state = viewReducer(state, {type: 'serviceCursor', delta: -6, count: 300, pageSize: 5});
		expect([state.serviceCursor, state.serviceScroll]).toEqual([1, 1]);
		state = viewReducer(state, {type: 'serviceCursor', delta: 1000, count: 300, pageSize: 5});
		expect([state.serviceCursor, state.serviceScroll]).toEqual([299, 295]);
	});

	it('the seek menu stays within its choices', () => {
		let state = viewReducer(initialViewState(), {type: 'openSeek'});
		state = viewReducer(state, {type: 'seekChoice', delta: -1});
		expect(state.overlay).toEqual({kind: 'seek', choice: 0});
		state = viewReducer(state, {type: 'seekChoice', delta: 100});
		expect(state.overlay).toEqual({kind: 'seek', choice: 5});
	});

	it('a message is dismissed only by its own id', () => {
		let state = viewReducer(initialViewState(), {
			type: 'showMessage',
			message: {id: 2, text: 'hello', tone: 'info'},
		});
		state = viewReducer(state, {type: 'dismissMessage', id: 1});
		expect(state.message?.text).toBe('hello');
		state = viewReducer(state, {type: 'dismissMessage', id: 2});
		expect(state.message).toBeUndefined();
	});
});

describe('the re-seek menu', () => {
	it('the tail choice reads as many records as its label says, from all partitions together', () => {
		const tail = SEEK_CHOICES.find((choice) => choice.position.kind === 'tail');
		if (tail?.position.kind !== 'tail') throw new Error('no tail choice');
		const said = Number(/last (\d+) records/.exec(tail.label)?.[1]);
		expect(said).toBe(tail.position.count);
		expect(tail.label).not.toMatch(/per partition|each partition/);
		// Three partitions of 10 000 records: the choice re-reads `count` records in all, not per partition.
		const ranges = [0, 1, 2].map((partition) => ({partition, low: 0, high: 10_000}));
		const offsets = startOffsets(tail.position, ranges);
		const reread = ranges.reduce((sum, range) => sum + range.high - offsets.get(range.partition)!, 0);
		expect(reread).toBe(said);
	});
});
