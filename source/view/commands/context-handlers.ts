import type {Command, KeyContext, ResolvedKey} from '../keys/key-types.js';
import {type CommandEnv, type HandlerMap, runCommand} from './command-env.js';
import {DETAIL_HANDLERS} from './detail-commands.js';
import {HUNT_HANDLERS} from './hunt-commands.js';
import {LAG_HANDLERS} from './lag-commands.js';
import {LOG_HANDLERS} from './log-commands.js';
import {HELP_HANDLERS, SEEK_HANDLERS} from './overlay-commands.js';
import {SERVICES_HANDLERS} from './services-commands.js';
import {TIMELINE_HANDLERS, TIMELINE_OPENERS} from './timeline-commands.js';

/** Each context's handler map: what the commands its keys resolve to do there. */
export const CONTEXT_HANDLERS: Record<KeyContext, HandlerMap> = {
	log: {...LOG_HANDLERS, ...TIMELINE_OPENERS},
	services: {...SERVICES_HANDLERS, ...TIMELINE_OPENERS},
	detail: DETAIL_HANDLERS,
	help: HELP_HANDLERS,
	seek: SEEK_HANDLERS,
	lag: LAG_HANDLERS,
	timeline: TIMELINE_HANDLERS,
	hunt: HUNT_HANDLERS,
};

/** Run the command of a key pressed in `context`; false when that context does not handle it. */
export function handleCommand(context: KeyContext, env: CommandEnv, resolved: ResolvedKey): boolean {
	return runCommand(CONTEXT_HANDLERS[context], env, resolved);
}

/**
 * Whether `command` acts in `context` now: the context handles it and its guard (the disabled
 * reason) lets it. The footer offers only such keys (`keys/key-help.ts`).
 */
export function commandActs(context: KeyContext, env: CommandEnv, command: Command): boolean {
	const handler = CONTEXT_HANDLERS[context][command];
	return handler !== undefined && handler.disabledReason?.(env, undefined) === undefined;
}
