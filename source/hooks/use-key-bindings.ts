import {type Key, useInput} from 'ink';
import {useEffect, useRef, useState} from 'react';
import {promptEdit} from '../view/commands/prompt-keys.js';
import {resolveKey} from '../view/keys/key-lookup.js';
import type {KeyContext, ResolvedKey} from '../view/keys/key-types.js';
import type {TextInput} from '../view/view-state.js';

export type KeyBindingHandlers = {
	/** Where keys go now (ignored while text is typed). */
	context: KeyContext;
	/** The text being typed, if any: it takes every key but Ctrl-C, Enter and Esc. */
	input: TextInput;
	onCommand(resolved: ResolvedKey): void;
	onInputChange(text: string): void;
	onInputCommit(): void;
	onInputCancel(): void;
};

/** One key press as Ink reports it. */
type Press = {input: string; key: Key};

/** No special key, no modifier. */
const PLAIN: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

/** True when Ink set no flag at all: plain typed text. */
function isPlain(key: Key): boolean {
	return !Object.values(key).some((flag) => flag === true);
}

/** A printable character typed alone, as Ink reports it (capitals with Shift). */
function charPress(char: string): Press {
	return {input: char, key: {...PLAIN, shift: /[A-Z]/.test(char)}};
}

/** A control character typed alone, as Ink's parse-keypress reports it; undefined for the rest. */
function controlPress(char: string): Press | undefined {
	if (char === '\r') return {input: '', key: {...PLAIN, return: true}};
	if (char === '\t') return {input: '', key: {...PLAIN, tab: true}};
	if (char === '\b') return {input: '', key: {...PLAIN, backspace: true}};
	if (char === '\x7f') return {input: '', key: {...PLAIN, delete: true}};
	const code = char.charCodeAt(0);
	if (code >= 0x01 && code <= 0x1a)
		return {input: String.fromCharCode(code + 0x60), key: {...PLAIN, ctrl: true}};
	return undefined;
}

const CONTROL = /^[\x00-\x1f\x7f]$/;
const CONTROL_OR_TEXT = /[\x00-\x1f\x7f]|[^\x00-\x1f\x7f]+/g;

/**
 * The key presses in one input event. Keys that reach the app together come as ONE event:
 * Ink splits escape sequences off but hands a run of other bytes over whole, so `k` and
 * Enter typed while the app is busy drawing arrive as "k\r", and `/` then `err` as "/err".
 * Such a run is split into its control characters, one press each, and runs of printable
 * text (kept whole, so a paste into the filter is one edit; as keys they are taken one by one).
 */
export function splitPresses(input: string, key: Key): Press[] {
	if (input.length < 2 || !isPlain(key)) return [{input, key}];
	const presses: Press[] = [];
	for (const part of input.match(CONTROL_OR_TEXT) ?? []) {
		const press = CONTROL.test(part) ? controlPress(part) : {input: part, key: PLAIN};
		if (press) presses.push(press);
	}
	return presses;
}

/**
 * Map key presses to commands through the key map, or to edits of the text being typed.
 * The handler reads the latest props through a ref, so Ink subscribes once. A key is taken
 * only after the render that followed the key before it, so it sees what that one did: two
 * letters typed before the app drew the first both land in the filter, and of keys that
 * arrived together `/` opens the filter and the text after it is typed into it.
 */
export function useKeyBindings(handlers: KeyBindingHandlers): void {
	const latest = useRef(handlers);
	latest.current = handlers;
	/** Presses not taken yet, oldest first. */
	const queue = useRef<Press[]>([]);
	/** A press was taken and the app has not rendered since. */
	const awaitingRender = useRef(false);
	const [, setRenders] = useState(0);

	const take = ({input, key}: Press) => {
		const current = latest.current;
		if (current.input.kind !== 'none') {
			const edit = promptEdit(current.input.text, input, key);
			if (edit?.kind === 'quit') current.onCommand({command: 'quit'});
			else if (edit?.kind === 'cancel') current.onInputCancel();
			else if (edit?.kind === 'commit') current.onInputCommit();
			else if (edit?.kind === 'change') current.onInputChange(edit.text);
			return;
		}
		// Several printable keys at once: the first now, the rest after it took effect.
		const characters = Array.from(input);
		if (characters.length > 1 && isPlain(key)) {
			queue.current.unshift({input: characters.slice(1).join(''), key: PLAIN});
			const first = charPress(characters[0]!);
			input = first.input;
			key = first.key;
		}
		const resolved = resolveKey(current.context, input, key);
		if (resolved) current.onCommand(resolved);
	};

	const takeNext = () => {
		const next = queue.current.shift();
		if (!next) return;
		awaitingRender.current = true;
		take(next);
		// Render even when the press changed nothing, so the next one is taken.
		if (queue.current.length > 0) setRenders((count) => count + 1);
	};

	useEffect(() => {
		awaitingRender.current = false;
		takeNext();
	});

	useInput((input, key) => {
		queue.current.push(...splitPresses(input, key));
		if (awaitingRender.current) setRenders((count) => count + 1);
		else takeNext();
	});
}
