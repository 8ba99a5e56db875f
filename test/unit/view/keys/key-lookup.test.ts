import {describe, expect, it} from 'vitest';
import {keyClashes, resolveKey} from '../../../../source/view/keys/key-lookup.js';
import type {KeyBinding} from '../../../../source/view/keys/key-types.js';
import {NO_KEY} from '../../../support/terminal/key-presses.js';

const noKey = NO_KEY;

describe('keyClashes', () => {
	it('finds no key bound twice in one context in the key table', () => {
		expect(keyClashes()).toEqual([]);
	});

	it('reports a row whose key an earlier row takes in the same context, and no other', () => {
		const table: KeyBinding[] = [
			{keys: [{input: 'w'}], contexts: ['log', 'services'], command: 'toggleWrap'},
			{keys: [{input: 'w'}, {input: 'o'}], contexts: ['services'], command: 'toggleOffsets'},
			{keys: [{input: 'w'}], contexts: ['detail'], command: 'closeOverlay'},
			{keys: [{input: 'w', ctrl: true}, {special: 'pageUp'}], contexts: ['log'], command: 'pageUp'},
			{keys: [{special: 'pageUp'}], contexts: ['log'], command: 'top'},
		];
		expect(keyClashes(table)).toEqual([
			{context: 'services', key: 'w', taken: 'toggleWrap', shadowed: 'toggleOffsets'},
			{context: 'log', key: 'pageUp', taken: 'pageUp', shadowed: 'top'},
		]);
		// The first row wins: the shadowed one is never reached.
		expect(resolveKey('services', 'w', noKey, table)?.command).toBe('toggleWrap');
		expect(resolveKey('services', 'o', noKey, table)?.command).toBe('toggleOffsets');
	});
});
