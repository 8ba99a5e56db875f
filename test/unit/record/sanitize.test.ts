import {describe, expect, it} from 'vitest';
import {LINE_BREAK_MARK, sanitizeForTerminal} from '../../../source/record/sanitize.js';
import {assertTerminalSafe, findTerminalUnsafe, HOSTILE_CASES} from '../../support/records/hostile-corpus.js';

const multiLine = {singleLine: false} as const;

describe('sanitizeForTerminal', () => {
	it('returns clean text itself (the fast path)', () => {
		const clean = 'GET /api/users 200 12ms user=42 "quoted" {json: [1,2]} ~`!@#$%^&*()';
		expect(sanitizeForTerminal(clean)).toBe(clean);
		const unicode = '日本語 🚀 ошибка e\u0301 👨‍👩‍👧';
		expect(sanitizeForTerminal(unicode)).toBe(unicode);
	});

	it('shows every escape sequence family visibly instead of passing ESC through', () => {
		expect(sanitizeForTerminal('a\u001b[2Jb')).toBe('a\\e[2Jb');
		expect(sanitizeForTerminal('\u001b[8mhidden\u001b[0m')).toBe('\\e[8mhidden\\e[0m');
		expect(sanitizeForTerminal('\u001b]0;title\u0007')).toBe('\\e]0;title\\x07');
		expect(sanitizeForTerminal('\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\')).toBe(
			'\\e]8;;http://x\\e\\link\\e]8;;\\e\\',
		);
		expect(sanitizeForTerminal('\u001bP+q544e\u001b\\')).toBe('\\eP+q544e\\e\\');
		expect(sanitizeForTerminal('\u001b_apc\u001b\\')).toBe('\\e_apc\\e\\');
	});

	it('escapes C0 controls, DEL and C1 controls', () => {
		expect(sanitizeForTerminal('a\u0007b\bc\u0000d\u000be\u000cf\u007fg')).toBe(
			'a\\x07b\\x08c\\x00d\\x0be\\x0cf\\x7fg',
		);
		expect(sanitizeForTerminal('\u009b2J \u009d0;t\u009c \u0085')).toBe(
			'\\u009b2J \\u009d0;t\\u009c \\u0085',
		);
	});

	it('shows CR visibly but treats CRLF as a line break', () => {
		expect(sanitizeForTerminal('ERROR x\rINFO ok')).toBe('ERROR x\\rINFO ok');
		expect(sanitizeForTerminal('one\r\ntwo\nthree')).toBe(`one${LINE_BREAK_MARK}two${LINE_BREAK_MARK}three`);
	});

	it('single-line mode: tab becomes a space, line breaks become ⏎', () => {
		expect(sanitizeForTerminal('a\tb\nc', {singleLine: true})).toBe('a b⏎c');
	});

	it('multi-line mode keeps line breaks, normalises CRLF and expands tabs', () => {
		expect(sanitizeForTerminal('a\r\n\tb\nc\rd\u001b[2J', multiLine)).toBe('a\n    b\nc\\rd\\e[2J');
	});

	it('neutralises bidi overrides, isolates, zero-width and separators but keeps ZWJ/ZWNJ', () => {
		expect(sanitizeForTerminal('x\u202eevil\u202c')).toBe('x\\u202eevil\\u202c');
		expect(sanitizeForTerminal('\u2066a\u2069\u200b\ufeff\u2028\u2029\u00ad')).toBe(
			'\\u2066a\\u2069\\u200b\\ufeff\\u2028\\u2029\\u00ad',
		);
		expect(sanitizeForTerminal('ok\u{e0001}')).toBe('ok\\u{e0001}');
		const joined = '👨\u200d👩 \u200c';
		expect(sanitizeForTerminal(joined)).toBe(joined);
	});

	it('shows emoji skin-tone modifiers, whose width terminals disagree on, and keeps their emoji', () => {
		// tmux draws 👍🏽 in four cells, string-width (and so Ink's layout) counts two.
		expect(sanitizeForTerminal('ok 👍🏽 👋🏿x a\u{1f3fb}')).toBe('ok 👍\\u{1f3fd} 👋\\u{1f3ff}x a\\u{1f3fb}');
		expect(sanitizeForTerminal('👍🏽\n', multiLine)).toBe('👍\\u{1f3fd}\n');
	});

	it('shows unpaired surrogates and keeps pairs', () => {
		expect(sanitizeForTerminal('a\ud800b\udc00c')).toBe('a\\ud800b\\udc00c');
		expect(sanitizeForTerminal('end\ud83d')).toBe('end\\ud83d');
		expect(sanitizeForTerminal('\ud83d\ude80')).toBe('🚀');
	});

	it('makes every hostile corpus value terminal-safe', () => {
		for (const hostile of HOSTILE_CASES) {
			if (hostile.value === null) continue;
			const raw = hostile.value.toString('utf8');
			const single = sanitizeForTerminal(raw);
			expect(findTerminalUnsafe(single), hostile.name).toBeUndefined();
			expect(
				findTerminalUnsafe(sanitizeForTerminal(raw, multiLine), {allowNewlines: true}),
				hostile.name,
			).toBeUndefined();
		}
	});

	it('leaves no unsafe character anywhere in Unicode', () => {
		// Every code point (surrogates included, as lone code units), in chunks.
		const chunk: string[] = [];
		for (let code = 0; code <= 0x10ffff; code++) {
			chunk.push(String.fromCodePoint(code));
			if (chunk.length === 4096 || code === 0x10ffff) {
				const text = chunk.join('');
				assertTerminalSafe(sanitizeForTerminal(text));
				assertTerminalSafe(sanitizeForTerminal(text, multiLine), {allowNewlines: true});
				chunk.length = 0;
			}
		}
	});

	it('escapes exactly the format characters (Cf) except ZWJ and ZWNJ', () => {
		for (let code = 0; code <= 0x10ffff; code++) {
			if (code >= 0xd800 && code <= 0xdfff) continue;
			const char = String.fromCodePoint(code);
			if (!/\p{Cf}/u.test(char)) continue;
			const kept = code === 0x200c || code === 0x200d;
			expect(sanitizeForTerminal(char) === char, `U+${code.toString(16)}`).toBe(kept);
		}
	});
});
