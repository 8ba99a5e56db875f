import type {MouseIntent} from '../mouse-intent.js';
import type {CommandEnv} from './command-env.js';
import {handleCommand} from './context-handlers.js';

/** Focus the log or the services list, from wherever the focus is (the timeline too). */
function focusOn(env: CommandEnv, target: 'log' | 'services'): void {
	const {view, dispatch} = env;
	if (view.focus === 'timeline') dispatch({type: 'timelineFocusLog'});
	const focus = view.focus === 'timeline' ? 'log' : view.focus;
	if (focus !== target) dispatch({type: 'toggleFocus'});
}

/**
 * Carry out a mouse intent (view/mouse-intent.ts) with the frame's `CommandEnv`: the wheel
 * runs the same commands as the keys; a click moves the selection and the focus.
 * `logIndexAtRow` says which view position is drawn on a row of the log pane, if any.
 */
export function runMouseIntent(
	intent: MouseIntent,
	env: CommandEnv,
	logIndexAtRow: (row: number) => number | undefined,
): void {
	const {view, dispatch} = env;
	switch (intent.kind) {
		case 'command':
			// Each action is reduced from the state the previous one left, so repeating is exact.
			for (let time = 0; time < intent.times; time++)
				handleCommand(intent.context, env, {command: intent.command});
			return;
		case 'detailScroll':
			dispatch({
				type: 'detailScroll',
				delta: intent.delta,
				maxScroll: env.detail ? env.detailMaxScroll() : 0,
			});
			return;
		case 'selectLogRow': {
			const index = logIndexAtRow(intent.row);
			if (index === undefined) return;
			focusOn(env, 'log');
			dispatch({type: 'jumpTo', index, view: env.index, pageSize: env.pageSize});
			return;
		}
		case 'selectService':
			focusOn(env, 'services');
			dispatch({
				type: 'serviceCursor',
				delta: intent.index - view.serviceCursor,
				count: env.services.length,
				pageSize: env.servicePageSize,
			});
			return;
	}
}
