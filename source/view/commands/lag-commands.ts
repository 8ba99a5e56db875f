import type {CommandEnv, HandlerMap} from './command-env.js';
import {GLOBAL_HANDLERS} from './command-env.js';

/** The lag panel's commands: open it (`L`, from the main view), close it, move over its groups. */

function move(delta: (env: CommandEnv) => number) {
	return {
		run(env: CommandEnv) {
			const count = env.lag?.groups ?? 0;
			env.dispatch({type: 'lagMove', delta: delta(env), count});
		},
	};
}

const page = (env: CommandEnv) => env.lag?.pageRows ?? 1;

/** `L` in the main view: only where a broker is read (not in a test harness without one). */
export const OPEN_LAG_HANDLERS: HandlerMap = {
	toggleLag: {
		disabledReason: (env) => (env.lag ? undefined : 'no consumer lag here: no cluster is read'),
		action: {type: 'toggleLag'},
	},
};

export const LAG_HANDLERS: HandlerMap = {
	...GLOBAL_HANDLERS,
	toggleLag: {action: {type: 'toggleLag'}},
	toggleHelp: {action: {type: 'toggleHelp'}},
	lagUp: move(() => -1),
	lagDown: move(() => 1),
	lagPageUp: move((env) => -page(env)),
	lagPageDown: move(page),
	lagTop: move(() => -Number.MAX_SAFE_INTEGER),
	lagBottom: move(() => Number.MAX_SAFE_INTEGER),
};
