import type {KeyPress} from '../keys/key-types.js';

/**
 * The keys of a prompt (a filter or search being typed): it takes every key. Ctrl-C still
 * quits, Esc cancels, Enter keeps what was typed, Backspace/Delete drop a character, Ctrl-U
 * the whole line, and printable text is typed.
 */

/** The part of Ink's `Key` a prompt reads. */
export type PromptKey = KeyPress & {delete: boolean; meta: boolean};

/** What a key press does to the text being typed; undefined when nothing. */
export type PromptEdit =
	| {kind: 'quit'}
	| {kind: 'cancel'}
	| {kind: 'commit'}
	| {kind: 'change'; text: string};

/** Drop the last character (a whole grapheme: an emoji or accented letter goes at once). */
function dropLastCharacter(text: string): string {
	const graphemes = Array.from(new Intl.Segmenter().segment(text), (part) => part.segment);
	return graphemes.slice(0, -1).join('');
}

/** Printable text of a key press: no control characters (a paste arrives as one string). */
function printable(input: string): string {
	return input.replaceAll(/[\x00-\x1f\x7f-\x9f]/g, '');
}

/** The edit a key press makes to `text`, the prompt's text so far. */
export function promptEdit(text: string, input: string, key: PromptKey): PromptEdit | undefined {
	if (key.ctrl && input === 'c') return {kind: 'quit'};
	if (key.escape) return {kind: 'cancel'};
	if (key.return) return {kind: 'commit'};
	if (key.backspace || key.delete) return {kind: 'change', text: dropLastCharacter(text)};
	if (key.ctrl && input === 'u') return {kind: 'change', text: ''};
	if (!key.ctrl && !key.meta && printable(input) !== '')
		return {kind: 'change', text: text + printable(input)};
	return undefined;
}
