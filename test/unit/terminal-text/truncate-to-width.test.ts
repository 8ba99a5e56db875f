import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {
	splitAtWidth,
	splitAtWord,
	textWidth,
	truncateToWidth,
} from '../../../source/terminal-text/truncate-to-width.js';

describe('truncateToWidth', () => {
	it('leaves text that fits alone, and pads on request', () => {
		expect(truncateToWidth('short', 10)).toBe('short');
		expect(truncateToWidth('short', 8, {pad: true})).toBe('short   ');
		expect(truncateToWidth('日本', 5, {pad: true})).toBe('日本 ');
	});

	it('cuts ASCII with an ellipsis inside the width', () => {
		expect(truncateToWidth('abcdefghij', 5)).toBe('abcd…');
		expect(truncateToWidth('abcdefghij', 5, {ellipsis: ''})).toBe('abcde');
		expect(truncateToWidth('abcdefghij', 5, {ellipsis: '...'})).toBe('ab...');
		expect(truncateToWidth('abcdefghij', 1)).toBe('…');
		expect(truncateToWidth('abcdefghij', 0)).toBe('');
		expect(truncateToWidth('abcdefghij', -3)).toBe('');
	});

	it('never splits or overflows a wide character', () => {
		// 漢 is two cells: in 4 cells with an ellipsis only one fits (2 + 1), then a pad cell.
		expect(truncateToWidth('漢漢漢', 4)).toBe('漢…');
		expect(truncateToWidth('漢漢漢', 4, {pad: true})).toBe('漢… ');
		expect(truncateToWidth('漢漢漢', 3, {ellipsis: ''})).toBe('漢');
		expect(truncateToWidth('漢漢漢', 1, {ellipsis: ''})).toBe('');
		expect(truncateToWidth('a🚀b', 2, {ellipsis: ''})).toBe('a');
	});

	it('keeps grapheme clusters whole: combining marks, ZWJ sequences, flags', () => {
		expect(truncateToWidth('e\u0301e\u0301e\u0301', 2, {ellipsis: ''})).toBe('e\u0301e\u0301');
		const family = '👨‍👩‍👧';
		expect(truncateToWidth(`${family}${family}`, 3)).toBe(`${family}…`);
		expect(truncateToWidth('🇩🇪🇫🇷', 2, {ellipsis: ''})).toBe('🇩🇪');
	});

	it('fits any mix into the width exactly when padded', () => {
		const texts = [
			'plain',
			'日本語のログ',
			'mixed 漢字 and 🚀 emoji',
			'e\u0301\u0301\u0301',
			'ошибка',
			'한국어 텍스트',
		];
		for (const text of texts) {
			for (let width = 0; width <= 20; width++) {
				const cut = truncateToWidth(text, width);
				expect(stringWidth(cut), `${text} @${width}`).toBeLessThanOrEqual(width);
				expect(stringWidth(truncateToWidth(text, width, {pad: true})), `${text} @${width}`).toBe(width);
			}
		}
	});
});

describe('splitAtWord', () => {
	/** Every row of `text` wrapped at `width`. */
	const wrapped = (text: string, width: number) => {
		const rows: string[] = [];
		for (let rest = text; rest !== ''; ) {
			const [head, tail] = splitAtWord(rest, width);
			expect(stringWidth(head)).toBeLessThanOrEqual(width);
			rows.push(head);
			rest = tail;
		}
		return rows;
	};

	it('breaks between words, never inside one that fits on a row', () => {
		expect(wrapped('payment of 23.41 GBP captured by the gateway', 16)).toEqual([
			'payment of 23.41',
			'GBP captured by',
			'the gateway',
		]);
		expect(wrapped('日本語 テキスト です', 8)).toEqual(['日本語', 'テキスト', 'です']);
	});

	it('breaks only a word wider than the row, and keeps an indent with its text', () => {
		expect(wrapped('a supercalifragilistic word', 8)).toEqual(['a', 'supercal', 'ifragili', 'stic', 'word']);
		expect(wrapped('    "token": "0123456789abcdef"', 12)).toEqual([
			'    "token":',
			'"0123456789a',
			'bcdef"',
		]);
	});
});

describe('splitAtWidth', () => {
	it('splits at a cell boundary without breaking characters', () => {
		expect(splitAtWidth('abcdef', 4)).toEqual(['abcd', 'ef']);
		expect(splitAtWidth('abc', 4)).toEqual(['abc', '']);
		expect(splitAtWidth('漢漢漢', 3)).toEqual(['漢', '漢漢']);
		expect(splitAtWidth('漢', 1)).toEqual(['', '漢']);
	});

	it('rejoins to the original text', () => {
		const text = 'wrap 日本語 🚀 text over rows';
		let rest = text;
		const rows: string[] = [];
		while (rest !== '') {
			const [head, tail] = splitAtWidth(rest, 5);
			expect(stringWidth(head)).toBeLessThanOrEqual(5);
			rows.push(head);
			rest = tail;
		}
		expect(rows.join('')).toBe(text);
	});
});

describe('textWidth', () => {
	it('counts cells as string-width does, for ASCII, wide, combining, emoji and mixed text', () => {
		const samples = [
			'',
			'plain ascii text',
			'日本語のテキスト',
			'e\u0301 and a\u0308',
			'emoji 🚀🔥 👩‍💻 👍🏽 🇫🇷',
			'box ─│┼ blocks ▁█ ⏎ …',
			'한국어 mixed with ascii and 中文',
		];
		for (const sample of samples) expect(textWidth(sample), sample).toBe(stringWidth(sample));
	});
});
