import {describe, expect, it} from 'vitest';
import {describeKeyList, formatKeyList, parseKeyList} from '../../../../tools/terminal/key-list.js';

describe('key lists (the bench live scenario keys pressed before measuring)', () => {
	it('reads a comma-separated list, one key press an item, with escapes and named keys', () => {
		expect(parseKeyList('')).toEqual([]);
		expect(parseKeyList('T,L')).toEqual(['T', 'L']);
		expect(parseKeyList('\\,,\\\\,Enter,Esc,Tab,x')).toEqual([',', '\\', '\r', '\x1b', '\t', 'x']);
	});

	it('refuses an empty item rather than pressing nothing', () => {
		expect(() => parseKeyList('T,,L')).toThrow('item 2 of "T,,L" is empty');
		expect(() => parseKeyList('T,')).toThrow('item 2');
	});

	it('writes a list back as the command line takes it', () => {
		const keys = ['T', ',', '\\', '\r', '\x1b', 'L'];
		expect(formatKeyList(keys)).toBe('T,\\,,\\\\,Enter,Esc,L');
		expect(parseKeyList(formatKeyList(keys))).toEqual(keys);
		expect(formatKeyList([])).toBe('');
	});

	it('describes a list for the results, "none" when empty', () => {
		expect(describeKeyList([])).toBe('none');
		expect(describeKeyList(['T', '\r'])).toBe('`T`, `Enter`');
	});
});
