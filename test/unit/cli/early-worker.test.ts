import {describe, expect, it} from 'vitest';
import {looksLikeViewer} from '../../../source/cli/early-worker.js';

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
