import {describe, expect, it} from 'vitest';
import {looksLikeTui, looksLikeViewer} from '../../../source/cli/early-worker.js';

describe('looksLikeViewer (the stream worker starts before the command line is read)', () => {
	it('starts it for the TUI and plain output', () => {
		expect(looksLikeViewer([])).toBe(true);
		expect(looksLikeViewer(['-b', 'k:9092', '-t', 'logs', '--plain', '--grep', 'trace_id=x', '--exit'])).toBe(
			true,
		);
	});

	it('not for help, the version, the demo or lag', () => {
		for (const argv of [['--help'], ['-h'], ['--version'], ['demo', '-t', 'logs'], ['lag', '-t', 'logs']])
			expect(looksLikeViewer(argv)).toBe(false);
	});
});

describe('looksLikeTui (the heap settings come before the early worker)', () => {
	it('is the TUI on a terminal without a word that asks for plain output', () => {
		expect(looksLikeTui(['-b', 'k:9092', '-t', 'logs', '--tail', '10'], true)).toBe(true);
		expect(looksLikeTui(['-t', 'logs'], false)).toBe(false);
		for (const word of ['--plain', '--exit', '-e', '--output', '--output=json', '-o'])
			expect(looksLikeTui(['-t', 'logs', word], true)).toBe(false);
		expect(looksLikeTui(['--help'], true)).toBe(false);
	});
});
