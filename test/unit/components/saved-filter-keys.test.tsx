/**
 * `B` and `b` through the real App: save the filter line under a name, recall it by number or
 * name, and the one-line answers when there is nothing to save or recall or the save fails.
 * The store is an in-memory `SavedFilterStore`; the config file behind it has its own tests.
 */
import {describe, expect, it} from 'vitest';
import {
	type SavedFilter,
	type SavedFilterStore,
	withSavedFilter,
} from '../../../source/store/filter/saved-filters.js';
import {
	footerLine,
	KEYS,
	press,
	see,
	setup,
	step,
	visibleNumbers,
} from '../../support/terminal/app-harness.js';

/** Saved filters kept in memory; `fail` makes every save reject as a read-only file does. */
function memoryStore(initial: SavedFilter[] = [], fail?: string): SavedFilterStore & {saves: string[]} {
	let list = initial;
	const saves: string[] = [];
	return {
		filters: initial,
		place: 'defaults in /tmp/config.json',
		saves,
		async save(name, line) {
			saves.push(`${name}=${line}`);
			if (fail) throw new Error(fail);
			list = withSavedFilter(list, name, line);
			return list;
		},
	};
}

describe('saved filters: B saves the filter line, b recalls it', {timeout: 30_000}, () => {
	it('saves under a name, then recalls by number and by name', async () => {
		const saved = memoryStore([{name: 'errors', line: 'level>=error'}]);
		const {app, store} = setup({savedFilters: saved});
		await step(app, '/', (text) => expect(text).toContain('filter / '));
		await step(app, 'userId>=37', (text) => expect(text).toContain('filter / userId>=37'));
		await step(app, KEYS.enter, (text) => expect(visibleNumbers(text)).toEqual([37, 38, 39]));

		await step(app, 'B', (text) => expect(footerLine(text)).toContain('save filter as'));
		// Digits only would read as a number: the prompt stays and says so.
		await step(app, '12', (text) => expect(footerLine(text)).toContain('a name of digits only'));
		await press(app, KEYS.enter);
		await see(app, (text) => expect(footerLine(text)).toContain('save filter as 12'));
		await step(app, '\x15late', (text) =>
			expect(footerLine(text)).toContain('Enter saves "userId>=37" in defaults in /tmp/config.json'),
		);
		await step(app, KEYS.enter, (text) =>
			expect(footerLine(text)).toContain('saved filter 2 "late": userId>=37 (b recalls)'),
		);
		expect(saved.saves).toEqual(['late=userId>=37']);

		// Another filter, then b 2 brings the saved one back.
		await step(app, 'F', (text) => expect(visibleNumbers(text)).toContain(30));
		await step(app, 'b', (text) => expect(footerLine(text)).toContain('name or number: 1 errors · 2 late'));
		await step(app, '2', (text) => expect(footerLine(text)).toContain('Enter: userId>=37'));
		await step(app, KEYS.enter, (text) => {
			expect(footerLine(text)).toContain('filter 2 "late": userId>=37');
			expect(visibleNumbers(text)).toEqual([37, 38, 39]);
		});
		expect(store.filter.terms).toEqual(['userId>=37']);

		// By name, any case; an unknown name keeps the prompt open and says so.
		await step(app, 'b', (text) => expect(footerLine(text)).toContain('saved filter'));
		await step(app, 'nope', (text) => expect(footerLine(text)).toContain('no saved filter "nope"'));
		await press(app, KEYS.enter);
		await see(app, (text) => expect(footerLine(text)).toContain('saved filter nope'));
		await step(app, '\x15ERR', (text) => expect(footerLine(text)).toContain('Enter: level>=error'));
		await step(app, KEYS.enter, (text) => {
			expect(footerLine(text)).toContain('filter 1 "errors": level>=error');
			// Records 2, 6, 10… are the errors.
			expect(visibleNumbers(text).every((number) => number % 4 === 2)).toBe(true);
		});
		expect(store.filter.terms).toEqual(['level>=error']);
	});

	it('says why when there is nothing to save or recall, or the file refuses', async () => {
		const {app} = setup({
			savedFilters: memoryStore([], 'filter not saved: /etc/klog.json is read-only (mode 444)'),
		});
		await step(app, 'B', (text) =>
			expect(footerLine(text)).toContain('nothing to save: the filter line is empty (/ to filter)'),
		);
		await step(app, 'b', (text) =>
			expect(footerLine(text)).toContain('no saved filters yet: B saves the filter line under a name'),
		);
		await step(app, '/timeout', (text) => expect(text).toContain('filter / timeout'));
		await step(app, KEYS.enter, (text) => expect(footerLine(text)).toContain('filter timeout'));
		await step(app, 'B', (text) => expect(footerLine(text)).toContain('save filter as'));
		await step(app, 't', (text) => expect(footerLine(text)).toContain('save filter as t'));
		await step(app, KEYS.enter, (text) =>
			expect(footerLine(text)).toContain('filter not saved: /etc/klog.json is read-only (mode 444)'),
		);
		// Esc in a name prompt leaves the filter line alone.
		await step(app, 'B', (text) => expect(footerLine(text)).toContain('save filter as'));
		await step(app, '\x1b', (text) => expect(footerLine(text)).toContain('filter timeout'));
	});

	it('without a store the keys say saved filters are off', async () => {
		const {app} = setup();
		await step(app, 'b', (text) =>
			expect(footerLine(text)).toContain('saved filters are off: no config file to keep them in'),
		);
	});
});
