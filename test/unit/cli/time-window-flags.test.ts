import {describe, expect, it} from 'vitest';
import {parseCli} from '../../../source/cli/parse-cli.js';
import type {ViewerSettings} from '../../../source/settings/run-settings.js';

const NOW = Date.parse('2026-12-07T12:00:00Z');

function parse(argv: string[], stdoutIsTTY = true) {
	return parseCli({argv, env: {}, stdoutIsTTY, importMeta: import.meta, now: NOW});
}

function viewer(argv: string[], stdoutIsTTY = true): ViewerSettings {
	const result = parse(argv, stdoutIsTTY);
	if (result.kind !== 'run' || result.config.command !== 'view') throw new Error(JSON.stringify(result));
	return result.config;
}

function errorOf(argv: string[]): string {
	const result = parse(argv);
	if (result.kind !== 'error') throw new Error(`expected an error for ${argv.join(' ')}: ${result.kind}`);
	return result.message;
}

describe('--until', () => {
	it('with --since reads a window; a duration counts back from now, an ISO time is taken as is', () => {
		const config = viewer(['--since', '1h', '--until', '15m']);
		expect(config.start).toEqual({kind: 'since', time: NOW - 3_600_000});
		expect(config.until).toBe(NOW - 900_000);
		expect(viewer(['--since', '2026-12-07T10:00Z', '--until', '2026-12-07T10:05Z']).until).toBe(
			Date.parse('2026-12-07T10:05Z'),
		);
	});

	it('alone reads from the beginning up to the time; --from-beginning says the same', () => {
		expect(viewer(['--until', '5m']).start).toEqual({kind: 'beginning'});
		expect(viewer(['--from-beginning', '--until', '5m']).start).toEqual({kind: 'beginning'});
	});

	it('keeps the TUI open on a terminal; plain output ends at the window end, as with --exit', () => {
		const tui = viewer(['--until', '5m']);
		expect(tui).toMatchObject({mode: 'tui', exitAtEnd: false});
		expect(viewer(['--until', '5m'], false)).toMatchObject({mode: 'plain', exitAtEnd: true});
		expect(viewer(['--plain', '--until', '5m'])).toMatchObject({mode: 'plain', exitAtEnd: true});
		expect(viewer(['--plain'])).toMatchObject({until: undefined, exitAtEnd: false});
	});

	it('refuses a window that ends before it starts, a time to come, and --tail, each in one line', () => {
		expect(errorOf(['--since', '5m', '--until', '10m'])).toBe(
			"--until '10m' is not after --since: the window would be empty",
		);
		expect(errorOf(['--since', '5m', '--until', '5m'])).toBe(
			"--until '5m' is not after --since: the window would be empty",
		);
		expect(errorOf(['--until', '2027-01-01'])).toBe("--until '2027-01-01': that time is in the future");
		expect(errorOf(['--until', 'soon'])).toMatch(/^--until 'soon': use a duration like 15m/);
		expect(errorOf(['--tail', '10', '--until', '5m'])).toBe(
			'--tail and --until cannot be used together: start the window with --since or --from-beginning',
		);
	});
});

describe("-t '/regex/'", () => {
	it('keeps patterns whole (a regex may hold a comma) beside plain names, which still split on commas', () => {
		const config = viewer(['-t', 'a,b', '-t', '/^x{1,2}-/', '-t', '/^x{1,2}-/']);
		expect(config.topics).toEqual(['a', 'b']);
		expect(config.topicPatterns).toEqual(['/^x{1,2}-/']);
	});

	it('a pattern alone reads no default topic', () => {
		expect(viewer(['-t', '/^app-/'])).toMatchObject({topics: [], topicPatterns: ['/^app-/']});
		expect(viewer([])).toMatchObject({topics: ['logs'], topicPatterns: []});
	});

	it('refuses a bad regex before connecting, and a pattern where names are needed', () => {
		expect(errorOf(['-t', '/a(/'])).toMatch(/^-t '\/a\(\/': not a valid regex: /);
		expect(errorOf(['-t', '/a/x'])).toBe("-t '/a/x': a topic pattern takes only the flags i, m, s and u");
		const lag = parse(['lag', '-t', '/^app-/']);
		expect(lag).toEqual({kind: 'error', message: "klog-tui lag takes topic names, not a pattern: '/^app-/'"});
		const demo = parse(['demo', '-t', '/^app-/']);
		expect(demo).toEqual({
			kind: 'error',
			message: "klog-tui demo takes topic names, not a pattern: '/^app-/'",
		});
	});
});
