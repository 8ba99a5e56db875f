import {useRef} from 'react';
import type {CommandEnv} from '../view/commands/command-env.js';
import {commandActs} from '../view/commands/context-handlers.js';
import {type FooterKeys, footerKeys} from '../view/keys/key-help.js';
import type {KeyContext} from '../view/keys/key-types.js';

/**
 * The footer's keys for `context` this frame: the key table's rows bound there whose command
 * acts now (a handler in that context, its guard open). The same object while they stay the
 * same, so the memoised footer is not drawn again for every batch of records.
 */
export function useFooterKeys(context: KeyContext, env: CommandEnv, paused: boolean): FooterKeys {
	const keys = footerKeys(context, (command) => commandActs(context, env, command), paused);
	const last = useRef<{signature: string; keys: FooterKeys}>(undefined);
	const signature = JSON.stringify(keys);
	if (last.current?.signature !== signature) last.current = {signature, keys};
	return last.current.keys;
}
