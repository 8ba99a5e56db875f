import {describe, expect, it} from 'vitest';
import {createLogStore} from '../../../../source/store/log-store.js';
import {runCommand} from '../../../../source/view/commands/command-env.js';
import {LOG_HANDLERS} from '../../../../source/view/commands/log-commands.js';
import {testEnv} from '../../../support/terminal/command-env.js';
import {logRecord} from '../../../support/terminal/tui-fixtures.js';

/** A store of six lines: 0 info, 1 error, 2 info, 3 error, 4 info, 5 info ("payment" in 2 and 4). */
function sixLines() {
	const store = createLogStore();
	const levels = ['info', 'error', 'info', 'error', 'info', 'info'];
	store.append(
		levels.map((level, at) =>
			logRecord({service: 'api', level, message: at === 2 || at === 4 ? `payment ${at}` : `line ${at}`}),
		),
	);
	return store;
}

const payment = (line: unknown) => JSON.stringify(line).includes('payment');

describe('the log pane commands', () => {
	it('e and E jump from the selected line to the next/previous error, or say there is none', () => {
		const env = testEnv(sixLines());
		runCommand(LOG_HANDLERS, env, {command: 'nextError'});
		expect(env.said).toEqual([{text: 'no later error', tone: 'warn'}]);
		runCommand(LOG_HANDLERS, env, {command: 'previousError'});
		expect(env.dispatched).toEqual([{type: 'jumpTo', index: 3, view: env.index, pageSize: 10}]);
	});

	it('n/N warn without a search; with one they jump round the end and say which match', () => {
		const without = testEnv(sixLines());
		runCommand(LOG_HANDLERS, without, {command: 'nextMatch'});
		expect(without.said).toEqual([{text: 'no search: f to search', tone: 'warn'}]);
		expect(without.dispatched).toEqual([]);

		const store = sixLines();
		store.setSearch(payment);
		const env = testEnv(store, undefined, {searchTest: payment});
		runCommand(LOG_HANDLERS, env, {command: 'nextMatch'});
		expect(env.dispatched).toEqual([{type: 'jumpTo', index: 2, view: env.index, pageSize: 10}]);
		expect(env.said).toEqual([{text: 'match 1 of 2 (wrapped)', tone: 'info'}]);
		runCommand(LOG_HANDLERS, env, {command: 'previousMatch'});
		expect(env.said.at(-1)).toEqual({text: 'match 2 of 2', tone: 'info'});
	});

	it('Enter opens the selected record; on an empty view it does nothing', () => {
		const store = sixLines();
		const env = testEnv(store);
		runCommand(LOG_HANDLERS, env, {command: 'openDetail'});
		expect(env.dispatched).toEqual([{type: 'openDetail', seq: store.seqAt(5)}]);
		const empty = testEnv();
		runCommand(LOG_HANDLERS, empty, {command: 'openDetail'});
		expect(empty.dispatched).toEqual([]);
	});

	it('the move keys carry the view and the page size; G and Esc are fixed actions', () => {
		const env = testEnv(sixLines());
		for (const command of ['scrollUp', 'pageDown', 'top', 'follow', 'clearTextFilter'] as const) {
			runCommand(LOG_HANDLERS, env, {command});
		}
		expect(env.dispatched).toEqual([
			{type: 'scroll', delta: -1, view: env.index, pageSize: 10},
			{type: 'scrollPage', direction: 1, view: env.index, pageSize: 10},
			{type: 'scrollTop', view: env.index, pageSize: 10},
			{type: 'follow'},
			{type: 'clearTextFilter'},
		]);
	});
});
