import {isMark, type ViewLine} from '../../store/log-store-types.js';
import {formatCount} from '../../terminal-text/format-count.js';
import {findWrapping, matchOrdinal} from '../search-jump.js';
import type {CommandEnv, HandlerMap} from './command-env.js';
import {COPY_HANDLERS} from './copy-commands.js';
import {MAIN_HANDLERS} from './main-commands.js';

/**
 * The log pane's commands: moving the selection (line, page, ends), the jumps to the next
 * error, mark or search match, the detail view of the selected line, and Esc.
 */

function isError(line: ViewLine): boolean {
	return !isMark(line) && (line.level === 'error' || line.level === 'fatal');
}

/** Select view position `found`, or say there is none (`what`: "later error"...). */
function jump(env: CommandEnv, found: number, what: string): void {
	if (found < 0) env.say(`no ${what}`, 'warn');
	else env.dispatch({type: 'jumpTo', index: found, view: env.index, pageSize: env.pageSize});
}

/** `n`/`N`: the next or previous match, round the end of the view, and which match it is. */
function jumpToMatch(env: CommandEnv, direction: 1 | -1): void {
	const {store, searchTest} = env;
	if (!searchTest) return;
	const found = findWrapping(store, env.position.selected, direction, searchTest);
	jump(env, found.index, 'match in the view');
	if (found.index < 0) return;
	const ordinal = matchOrdinal(store, found.index, searchTest);
	env.say(
		`match ${ordinal} of ${formatCount(store.searchMatches ?? ordinal)}${found.wrapped ? ' (wrapped)' : ''}`,
	);
}

/** A jump to the next (1) or previous (-1) line that `test` accepts. */
function findAndJump(direction: 1 | -1, test: (line: ViewLine) => boolean, what: string) {
	return {run: (env: CommandEnv) => jump(env, env.store.find(env.position.selected, direction, test), what)};
}

const noSearch = ({searchTest}: CommandEnv) => (searchTest ? undefined : 'no search: f to search');

export const LOG_HANDLERS: HandlerMap = {
	...COPY_HANDLERS,
	...MAIN_HANDLERS,
	scrollUp: {
		run: (env) => env.dispatch({type: 'scroll', delta: -1, view: env.index, pageSize: env.pageSize}),
	},
	scrollDown: {
		run: (env) => env.dispatch({type: 'scroll', delta: 1, view: env.index, pageSize: env.pageSize}),
	},
	pageUp: {
		run: (env) => env.dispatch({type: 'scrollPage', direction: -1, view: env.index, pageSize: env.pageSize}),
	},
	pageDown: {
		run: (env) => env.dispatch({type: 'scrollPage', direction: 1, view: env.index, pageSize: env.pageSize}),
	},
	top: {run: (env) => env.dispatch({type: 'scrollTop', view: env.index, pageSize: env.pageSize})},
	follow: {action: {type: 'follow'}},
	openDetail: {
		run({store, position, dispatch}) {
			const seq = position.selected >= 0 ? store.seqAt(position.selected) : undefined;
			if (seq !== undefined) dispatch({type: 'openDetail', seq});
		},
	},
	nextError: findAndJump(1, isError, 'later error'),
	previousError: findAndJump(-1, isError, 'earlier error'),
	nextMark: findAndJump(1, isMark, 'later mark'),
	previousMark: findAndJump(-1, isMark, 'earlier mark'),
	nextMatch: {disabledReason: noSearch, run: (env) => jumpToMatch(env, 1)},
	previousMatch: {disabledReason: noSearch, run: (env) => jumpToMatch(env, -1)},
	clearTextFilter: {action: {type: 'clearTextFilter'}},
};
