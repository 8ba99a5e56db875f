import type {HandlerMap} from './command-env.js';
import {GLOBAL_HANDLERS} from './command-env.js';

/** The hunt's screen: move over the matches, the context around one, the help, Esc. */
export const HUNT_HANDLERS: HandlerMap = {
	...GLOBAL_HANDLERS,
	// Over the hunt as over the log: Esc or ? closes it, back to the hunt.
	toggleHelp: {action: {type: 'toggleHelp'}},
	huntUp: {run: (env) => env.hunt.move(-1)},
	huntDown: {run: (env) => env.hunt.move(1)},
	huntContext: {run: (env) => env.hunt.openContext()},
	huntClose: {run: (env) => env.hunt.close()},
};
