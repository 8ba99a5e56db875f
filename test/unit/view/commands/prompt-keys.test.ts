import {describe, expect, it} from 'vitest';
import {promptEdit} from '../../../../source/view/commands/prompt-keys.js';
import {NO_KEY} from '../../../support/terminal/key-presses.js';

const plain = NO_KEY;

describe('promptEdit', () => {
	it('types printable text, a paste at once, without its control characters', () => {
		expect(promptEdit('er', 'r', plain)).toEqual({kind: 'change', text: 'err'});
		expect(promptEdit('', 'level=error\x1b', plain)).toEqual({kind: 'change', text: 'level=error'});
		expect(promptEdit('x', '\x07', plain)).toBeUndefined();
	});

	it('drops a whole grapheme on Backspace or Delete, and the line on Ctrl-U', () => {
		expect(promptEdit('café', '', {...plain, backspace: true})).toEqual({kind: 'change', text: 'caf'});
		expect(promptEdit('ok👍🏽', '', {...plain, delete: true})).toEqual({kind: 'change', text: 'ok'});
		expect(promptEdit('error', 'u', {...plain, ctrl: true})).toEqual({kind: 'change', text: ''});
	});

	it('Enter keeps, Esc cancels, Ctrl-C quits; other Ctrl and Meta keys type nothing', () => {
		expect(promptEdit('a', '', {...plain, return: true})).toEqual({kind: 'commit'});
		expect(promptEdit('a', '', {...plain, escape: true})).toEqual({kind: 'cancel'});
		expect(promptEdit('a', 'c', {...plain, ctrl: true})).toEqual({kind: 'quit'});
		expect(promptEdit('a', 'b', {...plain, ctrl: true})).toBeUndefined();
		expect(promptEdit('a', 'b', {...plain, meta: true})).toBeUndefined();
	});
});
