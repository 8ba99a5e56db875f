import {afterEach, describe, expect, it} from 'vitest';
import {createLogStore} from '../../../source/store/log-store.js';
import {type DisposableLogStore, isMark, type ViewLine} from '../../../source/store/log-store-types.js';
import {findWrapping, matchOrdinal} from '../../../source/view/search-jump.js';
import {logRecord} from '../../support/terminal/tui-fixtures.js';

const stores: DisposableLogStore[] = [];
afterEach(() => {
	for (const store of stores.splice(0)) store.dispose();
});

/** A store of ten records, `line 0` to `line 9`; the test matches 2, 5 and 7. */
function storeOfTen() {
	const store = createLogStore();
	stores.push(store);
	store.append(
		Array.from({length: 10}, (_, index) => logRecord({message: `line ${index}`}, {offset: index})),
	);
	return store;
}
const matches = (line: ViewLine) => !isMark(line) && /line [257]$/.test(line.message);

describe('findWrapping', () => {
	it('finds the next and previous match, and goes round the end when there is none', () => {
		const store = storeOfTen();
		expect(findWrapping(store, 2, 1, matches)).toEqual({index: 5, wrapped: false});
		expect(findWrapping(store, 9, 1, matches)).toEqual({index: 2, wrapped: true});
		expect(findWrapping(store, 5, -1, matches)).toEqual({index: 2, wrapped: false});
		expect(findWrapping(store, 2, -1, matches)).toEqual({index: 7, wrapped: true});
		// The only match, from itself: round the end back to it.
		const onlyFive = (line: ViewLine) => !isMark(line) && line.message === 'line 5';
		expect(findWrapping(store, 5, 1, onlyFive)).toEqual({index: 5, wrapped: true});
		expect(findWrapping(store, 5, 1, () => false)).toEqual({index: -1, wrapped: false});
	});
});

describe('matchOrdinal', () => {
	it('counts the matches up to and including a position', () => {
		const store = storeOfTen();
		expect([2, 5, 7].map((index) => matchOrdinal(store, index, matches))).toEqual([1, 2, 3]);
	});
});
