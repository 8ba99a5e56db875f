import {fieldFilterTerm} from '../detail-rows.js';
import type {CommandEnv, HandlerMap} from './command-env.js';
import {GLOBAL_HANDLERS} from './command-env.js';
import {COPY_HANDLERS} from './copy-commands.js';

/** The detail view's commands: choose a JSON field, scroll the record, filter on the field. */

function fieldCount({detail}: CommandEnv): number {
	return detail ? detail.filter((row) => row.field).length : 0;
}

/** The JSON field the cursor is on, if the detail view is open on a record that has fields. */
function chosenField({view, detail}: CommandEnv) {
	if (view.overlay.kind !== 'detail' || !detail) return undefined;
	return detail.filter((row) => row.field)[view.overlay.field]?.field;
}

function scrollPage(direction: 1 | -1) {
	return {
		run: (env: CommandEnv) =>
			env.dispatch({
				type: 'detailScroll',
				delta: direction * env.detailPage,
				maxScroll: env.detail ? env.detailMaxScroll() : 0,
			}),
	};
}

export const DETAIL_HANDLERS: HandlerMap = {
	...GLOBAL_HANDLERS,
	...COPY_HANDLERS,
	closeOverlay: {action: {type: 'closeOverlay'}},
	detailUp: {run: (env) => env.dispatch({type: 'detailField', delta: -1, fieldCount: fieldCount(env)})},
	detailDown: {run: (env) => env.dispatch({type: 'detailField', delta: 1, fieldCount: fieldCount(env)})},
	detailPageUp: scrollPage(-1),
	detailPageDown: scrollPage(1),
	filterOnField: {
		disabledReason: (env) =>
			env.view.overlay.kind === 'detail' && env.detail && !chosenField(env)
				? 'this record has no JSON fields to filter on'
				: undefined,
		run(env) {
			const field = chosenField(env);
			if (!field) return;
			const term = fieldFilterTerm(field);
			env.dispatch({type: 'addFilterTerm', term});
			env.dispatch({type: 'closeOverlay'});
			env.say(`filter added: ${term}`);
		},
	},
};
