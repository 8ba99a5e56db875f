import {KEY_BINDINGS} from '../key-map.js';
import type {Command, KeyBinding, KeyContext, KeyPress, KeySpec, ResolvedKey} from './key-types.js';

/**
 * Looking keys up in the table: which command a key press asks for in a context, and which
 * rows can never be reached because an earlier row takes their key there.
 */

function matches(spec: KeySpec, input: string, key: KeyPress): boolean {
	if (Boolean(spec.ctrl) !== key.ctrl) return false;
	if ('special' in spec) return key[spec.special];
	return input === spec.input;
}

/** The binding a key press triggers in a context, or undefined. The first matching row wins. */
export function resolveKey(
	context: KeyContext,
	input: string,
	key: KeyPress,
	bindings: readonly KeyBinding[] = KEY_BINDINGS,
): ResolvedKey | undefined {
	for (const binding of bindings) {
		if (!binding.contexts.includes(context)) continue;
		if (binding.keys.some((spec) => matches(spec, input, key))) {
			return binding.argument === undefined
				? {command: binding.command}
				: {command: binding.command, argument: binding.argument};
		}
	}
	return undefined;
}

/** A key bound twice in one context: the first row wins, the later one is dead there. */
export type KeyClash = {context: KeyContext; key: string; taken: Command; shadowed: Command};

/** How a key is written in a clash report: `Ctrl-b`, `pageUp`, `q`. */
function keyName(spec: KeySpec): string {
	const name = 'special' in spec ? spec.special : spec.input;
	return spec.ctrl ? `Ctrl-${name}` : name;
}

/** Every key that two rows bind in the same context (a row added under a key already taken). */
export function keyClashes(bindings: readonly KeyBinding[] = KEY_BINDINGS): KeyClash[] {
	const clashes: KeyClash[] = [];
	const owners = new Map<string, Command>();
	for (const binding of bindings) {
		for (const context of binding.contexts) {
			for (const spec of binding.keys) {
				const key = keyName(spec);
				const taken = owners.get(`${context} ${key}`);
				if (taken === undefined) owners.set(`${context} ${key}`, binding.command);
				else clashes.push({context, key, taken, shadowed: binding.command});
			}
		}
	}
	return clashes;
}
