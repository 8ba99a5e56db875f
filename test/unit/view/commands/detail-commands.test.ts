import {describe, expect, it} from 'vitest';
import {createLogStore} from '../../../../source/store/log-store.js';
import {runCommand} from '../../../../source/view/commands/command-env.js';
import {DETAIL_HANDLERS} from '../../../../source/view/commands/detail-commands.js';
import {detailRows} from '../../../../source/view/detail-rows.js';
import {initialViewState} from '../../../../source/view/view-state.js';
import {testEnv} from '../../../support/terminal/command-env.js';
import {logRecord} from '../../../support/terminal/tui-fixtures.js';

/** The env of a detail view open on the store's only record, the cursor on field `field`. */
function openOn(fields: Record<string, unknown> | string, field = 0) {
	const store = createLogStore();
	const record = logRecord({});
	store.append([
		{...record, value: Buffer.from(typeof fields === 'string' ? fields : JSON.stringify(fields))},
	]);
	const seq = store.seqAt(0)!;
	const view = {...initialViewState(), overlay: {kind: 'detail' as const, seq, scroll: 0, field}};
	return testEnv(store, view, {detail: detailRows(store.slice(0, 1)[0]!), detailMaxScroll: () => 7});
}

describe('the detail view commands', () => {
	it('Enter filters on the chosen field, closes the view and says what it added', () => {
		const env = openOn({service: 'api', status: 502}, 1);
		runCommand(DETAIL_HANDLERS, env, {command: 'filterOnField'});
		const term = (env.dispatched[0] as {term: string}).term;
		expect(env.dispatched).toEqual([{type: 'addFilterTerm', term}, {type: 'closeOverlay'}]);
		expect(env.said).toEqual([{text: `filter added: ${term}`, tone: 'info'}]);
	});

	it('Enter on a record without JSON fields says so', () => {
		const env = openOn('plain text, no JSON');
		runCommand(DETAIL_HANDLERS, env, {command: 'filterOnField'});
		expect(env.dispatched).toEqual([]);
		expect(env.said).toEqual([{text: 'this record has no JSON fields to filter on', tone: 'warn'}]);
	});

	it('the field cursor knows how many fields there are; the page keys how far the record scrolls', () => {
		const env = openOn({a: 1, b: 2, c: 3});
		runCommand(DETAIL_HANDLERS, env, {command: 'detailDown'});
		runCommand(DETAIL_HANDLERS, env, {command: 'detailPageDown'});
		runCommand(DETAIL_HANDLERS, env, {command: 'detailPageUp'});
		expect(env.dispatched[0]).toMatchObject({type: 'detailField', delta: 1});
		expect((env.dispatched[0] as {fieldCount: number}).fieldCount).toBeGreaterThanOrEqual(3);
		expect(env.dispatched.slice(1)).toEqual([
			{type: 'detailScroll', delta: 8, maxScroll: 7},
			{type: 'detailScroll', delta: -8, maxScroll: 7},
		]);
	});
});
