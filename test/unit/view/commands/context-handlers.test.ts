import {describe, expect, it} from 'vitest';
import {CONTEXT_HANDLERS, handleCommand} from '../../../../source/view/commands/context-handlers.js';
import {KEY_BINDINGS} from '../../../../source/view/key-map.js';
import type {KeyContext} from '../../../../source/view/keys/key-types.js';
import {testEnv} from '../../../support/terminal/command-env.js';

const CONTEXTS: KeyContext[] = ['log', 'services', 'detail', 'help', 'seek', 'lag', 'timeline', 'hunt'];

/** The commands the key table binds in a context. */
function boundIn(context: KeyContext): Set<string> {
	return new Set(
		KEY_BINDINGS.filter((binding) => binding.contexts.includes(context)).map((binding) => binding.command),
	);
}

describe('the handler map of each context', () => {
	it('handles every command a key resolves to there', () => {
		for (const context of CONTEXTS) {
			const handled = Object.keys(CONTEXT_HANDLERS[context]);
			for (const command of boundIn(context)) expect(handled, `${context}: ${command}`).toContain(command);
		}
	});

	it('has no handler that no key of the context reaches', () => {
		for (const context of CONTEXTS) {
			const bound = boundIn(context);
			for (const command of Object.keys(CONTEXT_HANDLERS[context])) {
				expect(bound.has(command), `${context}: ${command}`).toBe(true);
			}
		}
	});

	it('quits from every context (Ctrl-C), and a key means what its context says', () => {
		for (const context of CONTEXTS) {
			const env = testEnv();
			expect(handleCommand(context, env, {command: 'quit'})).toBe(true);
			expect(env.exits, context).toBe(1);
		}
		const env = testEnv();
		expect(handleCommand('detail', env, {command: 'toggleWrap'})).toBe(false);
		expect(handleCommand('log', env, {command: 'toggleWrap'})).toBe(true);
		expect(env.dispatched).toEqual([{type: 'toggleWrap'}]);
	});
});
