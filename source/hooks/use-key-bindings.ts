import {useInput} from 'ink';
import {useRef} from 'react';
import {type KeyContext, type KeyPress, type ResolvedKey, resolveKey} from '../core/key-map.js';
import type {TextInput} from '../core/view-state.js';

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

/** Drop the last character (a whole grapheme: an emoji or accented letter goes at once). */
function dropLastCharacter(text: string): string {
	const graphemes = Array.from(new Intl.Segmenter().segment(text), (part) => part.segment);
	return graphemes.slice(0, -1).join('');
}

/** Printable text of a key press: no control characters (a paste arrives as one string). */
function printable(input: string): string {
	return input.replaceAll(/[\x00-\x1f\x7f-\x9f]/g, '');
}

/**
 * Map key presses to commands through the key map, or to edits of the text being typed.
 * The handler reads the latest props through a ref, so Ink subscribes once.
 */
export function useKeyBindings(handlers: KeyBindingHandlers): void {
	const latest = useRef(handlers);
	latest.current = handlers;
	useInput((input, key) => {
		const current = latest.current;
		const press: KeyPress = key;
		if (current.input.kind !== 'none') {
			if (key.ctrl && input === 'c') current.onCommand({command: 'quit'});
			else if (key.escape) current.onInputCancel();
			else if (key.return) current.onInputCommit();
			else if (key.backspace || key.delete) current.onInputChange(dropLastCharacter(current.input.text));
			else if (key.ctrl && input === 'u') current.onInputChange('');
			else if (!key.ctrl && !key.meta && printable(input) !== '') {
				current.onInputChange(current.input.text + printable(input));
			}
			return;
		}
		const resolved = resolveKey(current.context, input, press);
		if (resolved) current.onCommand(resolved);
	});
}
