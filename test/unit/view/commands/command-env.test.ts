import {describe, expect, it} from 'vitest';
import {type HandlerMap, runCommand} from '../../../../source/view/commands/command-env.js';
import {testEnv} from '../../../support/terminal/command-env.js';

describe('runCommand', () => {
	const ran: (number | undefined)[] = [];
	const handlers: HandlerMap = {
		toggleWrap: {action: {type: 'toggleWrap'}},
		toggleServiceNumber: {run: (_env, argument) => ran.push(argument)},
		invertServices: {disabledReason: () => 'nothing to invert', action: {type: 'invertServices'}},
		follow: {disabledReason: () => undefined, action: {type: 'follow'}},
	};

	it('dispatches a fixed action, and runs code with the key argument', () => {
		const env = testEnv();
		expect(runCommand(handlers, env, {command: 'toggleWrap'})).toBe(true);
		expect(runCommand(handlers, env, {command: 'toggleServiceNumber', argument: 4})).toBe(true);
		expect(env.dispatched).toEqual([{type: 'toggleWrap'}]);
		expect(ran).toEqual([4]);
	});

	it('says the disabled reason as a warning instead of acting, and acts when there is none', () => {
		const env = testEnv();
		runCommand(handlers, env, {command: 'invertServices'});
		runCommand(handlers, env, {command: 'follow'});
		expect(env.said).toEqual([{text: 'nothing to invert', tone: 'warn'}]);
		expect(env.dispatched).toEqual([{type: 'follow'}]);
	});

	it('does nothing for a command the context does not handle', () => {
		const env = testEnv();
		expect(runCommand(handlers, env, {command: 'quit'})).toBe(false);
		expect(env.dispatched).toEqual([]);
		expect(env.said).toEqual([]);
		expect(env.exits).toBe(0);
	});
});
