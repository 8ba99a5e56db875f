import {describe, expect, it} from 'vitest';
import {looksLikeTui, looksLikeViewer} from '../../../source/cli/early-worker.js';
import {FLAGS} from '../../../source/cli/flag-table.js';
import {parseCli} from '../../../source/cli/parse-cli.js';

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
		for (const words of [
			['--plain'],
			['--exit'],
			['-e'],
			['--output', 'json'],
			['--output=json'],
			['-o', 'json'],
		])
			expect(looksLikeTui(['-t', 'logs', ...words], true)).toBe(false);
		expect(looksLikeTui(['--help'], true)).toBe(false);
	});

	/** The mode parse-cli.ts gives the same words. */
	const parsedMode = (argv: string[], stdoutIsTTY: boolean) => {
		const parsed = parseCli({argv, env: {}, stdoutIsTTY, importMeta: import.meta});
		if (parsed.kind !== 'run' || parsed.config.command !== 'view')
			throw new Error(`not a view: ${argv.join(' ')}`);
		return parsed.config.mode;
	};

	/** Every way to write a mode flag of the table, with a value that chooses plain output and one that does not. */
	const spellings = FLAGS.filter((flag) => flag.choosesPlain !== undefined).flatMap((flag) => {
		const long = `--${flag.name}`;
		const short = flag.short ? `-${flag.short}` : undefined;
		if (flag.type === 'boolean')
			return [[long], [`${long}=false`], [`--no-${flag.name}`], ...(short ? [[short]] : [])];
		const chosen = String(flag.choosesPlain);
		const other = flag.name === 'output' ? 'text' : 'x';
		return [
			[long, chosen],
			[`${long}=${chosen.toUpperCase()}`],
			[long, other],
			[`${long}=${other}`],
			...(short
				? [
						[short, chosen],
						[short, other],
					]
				: []),
		];
	});

	it('agrees with parse-cli on every spelling of every mode flag of the table, on a terminal or not', () => {
		expect(spellings.length).toBeGreaterThanOrEqual(10);
		for (const words of [[], ...spellings]) {
			for (const terminal of [true, false]) {
				const argv = ['-b', 'k:9092', '-t', 'logs', ...words];
				expect(looksLikeTui(argv, terminal), words.join(' ')).toBe(parsedMode(argv, terminal) === 'tui');
			}
		}
		// Both ways round: --output text on a terminal is the TUI, --exit is plain.
		expect(looksLikeTui(['--output', 'text'], true)).toBe(true);
		expect(looksLikeTui(['--exit', '--output', 'text'], true)).toBe(false);
	});
});
