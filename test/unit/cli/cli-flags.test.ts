import {describe, expect, it} from 'vitest';
import {FLAGS} from '../../../source/cli/flag-table.js';
import {usageErrorLines} from '../../../source/cli/help-text.js';
import {editDistance, nearestName} from '../../../source/cli/nearest-flag.js';
import {colourWanted, parseCli} from '../../../source/cli/parse-cli.js';
import type {DemoSettings, ViewerSettings} from '../../../source/settings/run-settings.js';

const NOW = Date.parse('2025-03-01T12:00:00Z');

function parse(argv: string[], env: Record<string, string> = {}, stdoutIsTTY = true) {
	return parseCli({argv, env, stdoutIsTTY, importMeta: import.meta, now: NOW});
}

function viewer(argv: string[], env: Record<string, string> = {}, stdoutIsTTY = true): ViewerSettings {
	const result = parse(argv, env, stdoutIsTTY);
	if (result.kind !== 'run' || result.config.command !== 'view') throw new Error(JSON.stringify(result));
	return result.config;
}

function demo(argv: string[], env: Record<string, string> = {}): DemoSettings {
	const result = parse(['demo', ...argv], env);
	if (result.kind !== 'run' || result.config.command !== 'demo') throw new Error(JSON.stringify(result));
	return result.config;
}

function errorOf(argv: string[]): string {
	const result = parse(argv);
	if (result.kind !== 'error') throw new Error(`expected an error for ${argv.join(' ')}: ${result.kind}`);
	return result.message;
}

describe('defaults', () => {
	it('watches topic logs on localhost:9092 in the TUI, last 200 records, no filters', () => {
		const config = viewer([]);
		expect(config).toMatchObject({
			mode: 'tui',
			brokers: ['localhost:9092'],
			topics: ['logs'],
			start: {kind: 'tail', count: 200},
			output: 'text',
			exitAtEnd: false,
			maxRecords: 50_000,
			commit: false,
			allowProduce: false,
			group: undefined,
			timeoutMs: 15_000,
			logFile: undefined,
		});
		expect(config.filter.minLevel).toBeUndefined();
		expect(config.filter.terms).toEqual([]);
		expect(config.filter.services.mode).toBe('exclude');
		expect(config.filter.services.services.size).toBe(0);
	});

	it('takes brokers from KAFKA_BROKERS, and --brokers over it', () => {
		expect(viewer([], {KAFKA_BROKERS: 'k1:9093, k2'}).brokers).toEqual(['k1:9093', 'k2:9092']);
		expect(viewer(['-b', 'a:1'], {KAFKA_BROKERS: 'k1:9093'}).brokers).toEqual(['a:1']);
	});

	it('chooses plain output when stdout is not a terminal, or when asked', () => {
		expect(viewer([], {}, false).mode).toBe('plain');
		expect(viewer(['--plain']).mode).toBe('plain');
		expect(viewer(['--exit']).mode).toBe('plain');
		expect(viewer(['--output', 'json']).mode).toBe('plain');
	});
});

describe('viewer flags', () => {
	it('reads --without-group (off by default)', () => {
		expect(viewer([]).withoutGroup).toBe(false);
		expect(viewer(['--without-group', '--tail', '5']).withoutGroup).toBe(true);
	});

	it('reads every start position', () => {
		expect(viewer(['--from-beginning']).start).toEqual({kind: 'beginning'});
		expect(viewer(['--tail', '0']).start).toEqual({kind: 'tail', count: 0});
		expect(viewer(['--since', '15m']).start).toEqual({kind: 'since', time: NOW - 15 * 60_000});
		expect(viewer(['--since=2025-03-01T10:00:00Z']).start).toEqual({
			kind: 'since',
			time: Date.parse('2025-03-01T10:00:00Z'),
		});
	});

	it('turns filter flags into the store filter', () => {
		const config = viewer([
			'--service',
			'api',
			'-s',
			'auth,worker',
			'--level',
			'WARNING',
			'-g',
			'timeout',
			'--grep=!health',
		]);
		expect([...config.filter.services.services]).toEqual(['api', 'auth', 'worker']);
		expect(config.filter.services.mode).toBe('include');
		expect(config.filter.minLevel).toBe('warn');
		expect(config.filter.terms).toEqual(['timeout', '!health']);
		const hidden = viewer(['--service', '!api', '--service', '!auth']).filter.services;
		expect(hidden.mode).toBe('exclude');
		expect([...hidden.services]).toEqual(['api', 'auth']);
	});

	it('takes the common spellings of a level and syslog numbers for --level', () => {
		const spelled = {
			ERR: 'error',
			ERROR: 'error',
			Warning: 'warn',
			CRIT: 'fatal',
			critical: 'fatal',
			notice: 'info',
			verbose: 'debug',
			'0': 'fatal',
			'3': 'error',
			'4': 'warn',
			'6': 'info',
			'7': 'debug',
		};
		for (const [typed, level] of Object.entries(spelled)) {
			expect(viewer(['--level', typed]).filter.minLevel, typed).toBe(level);
		}
	});

	it("reads a short flag's value joined to it where yargs does: after =, a number, a sign", () => {
		expect(viewer(['-o=json', '-t5', '-g/time/'])).toMatchObject({output: 'json', topics: ['5']});
		expect(viewer(['-g/time/']).filter.terms).toEqual(['/time/']);
	});

	it('reads repeated topics, group, output and numbers', () => {
		const config = viewer([
			'-t',
			'a',
			'--topic',
			'b',
			'--group',
			'oncall',
			'-o',
			'json',
			'--max-records',
			'1000',
			'--timeout',
			'2.5',
			'--commit',
			'--allow-produce',
			'--log-file',
			'/tmp/k.log',
		]);
		expect(config).toMatchObject({
			topics: ['a', 'b'],
			group: 'oncall',
			output: 'json',
			maxRecords: 1000,
			timeoutMs: 2500,
			commit: true,
			allowProduce: true,
			logFile: '/tmp/k.log',
		});
	});

	it('colours only without NO_COLOR / --no-color, and with FORCE_COLOR or a terminal', () => {
		expect(viewer(['--plain']).colour).toBe(true);
		expect(viewer(['--plain'], {}, false).colour).toBe(false);
		expect(viewer(['--plain'], {FORCE_COLOR: '1'}, false).colour).toBe(true);
		expect(viewer(['--plain'], {NO_COLOR: '1', FORCE_COLOR: '1'}, true).colour).toBe(false);
		expect(viewer(['--plain', '--no-color'], {FORCE_COLOR: '1'}).colour).toBe(false);
		expect(colourWanted(true, {FORCE_COLOR: '0'}, true)).toBe(false);
		expect(colourWanted(true, {NO_COLOR: ''}, true)).toBe(true);
	});
});

describe('demo flags', () => {
	it('plays the four default services at 2 records/s into logs, 3 partitions', () => {
		expect(demo([])).toMatchObject({
			topic: 'logs',
			services: ['api', 'auth', 'payments', 'worker'],
			rate: 2,
			count: undefined,
			partitions: 3,
			compression: 'none',
		});
	});

	it("reads --compression, any of Kafka's codecs", () => {
		for (const codec of ['none', 'gzip', 'snappy', 'lz4', 'zstd']) {
			expect(demo(['--compression', codec]).compression).toBe(codec);
		}
		expect(demo(['--compression', 'LZ4']).compression).toBe('lz4');
	});

	it('reads --services, --rate, --count, and SERVICE_NAME for one service', () => {
		expect(demo(['--services', 'a, b', '--rate', '0.25', '--count', '10', '-t', 'x'])).toMatchObject({
			services: ['a', 'b'],
			rate: 0.25,
			count: 10,
			topic: 'x',
		});
		expect(demo([], {SERVICE_NAME: 'billing'}).services).toEqual(['billing']);
	});
});

describe('bad command lines say what is wrong in one line', () => {
	it.each([
		[['--form-beginning'], 'unknown flag --form-beginning, did you mean --from-beginning?'],
		[['--tial', '5'], 'unknown flag --tial, did you mean --tail?'],
		[['--no-colour'], 'unknown flag --no-colour, did you mean --no-color?'],
		[['--brokres=x'], 'unknown flag --brokres, did you mean --brokers?'],
		[['--frobnicate'], 'unknown flag --frobnicate'],
		[['-x'], 'unknown flag -x'],
		// yargs would read these as -o -j -s -o -n and -t -l -o -g -s (a throw, or a wrong complaint).
		[['-ojson'], '-o takes its value after a space: -o json'],
		[['-tlogs'], '-t takes its value after a space: -t logs'],
		[['logs'], "unexpected argument 'logs' (flags start with --)"],
		[
			['--from-beginning', '--since', '15m'],
			'--from-beginning and --since cannot be used together: pick one start',
		],
		[
			['--tail', '5', '--from-beginning'],
			'--tail and --from-beginning cannot be used together: pick one start',
		],
		[['--tail', '-3'], '--tail must be 0 or more, not -3'],
		[['--tail', 'lots'], "--tail must be a whole number, not 'lots'"],
		[
			['--since', 'yesterday'],
			"--since 'yesterday': use a duration like 15m, 2h, 1d or an ISO time like 2024-05-01T10:00Z",
		],
		[['--output', 'xml'], "--output must be text or json, not 'xml'"],
		[
			['--level', 'loud'],
			"--level takes trace, debug, info, warn, error or fatal (any case; also ERR, Warning, CRIT, critical, notice, verbose, or syslog 0-7), not 'loud'",
		],
		[
			['--level', '30'],
			"--level takes trace, debug, info, warn, error or fatal (any case; also ERR, Warning, CRIT, critical, notice, verbose, or syslog 0-7), not '30'",
		],
		[['--grep'], '--grep needs a value, e.g. --grep=<term>'],
		[['--tail', '1', '--tail', '2'], '--tail can only be given once'],
		[['--rate', '3'], "--rate is only for 'klog-tui demo'"],
		[['demo', '--from-beginning'], "--from-beginning is not a flag of 'klog-tui demo'"],
		[['dmeo'], "unexpected argument 'dmeo', did you mean 'klog-tui demo'?"],
		[['--brokers', 'a:b:c'], "--brokers: bad broker address 'a:b:c': write IPv6 addresses as [addr]:port"],
		[
			['--service', 'api', '--service', '!auth'],
			'--service: give either services to show or !services to hide, not both',
		],
		[['--group', 'g', '--group-prefix', 'p-'], '--group and --group-prefix cannot be used together'],
		[
			['--without-group', '--group', 'g'],
			'--without-group and --group cannot be used together: there is no group',
		],
		[
			['--commit', '--without-group'],
			'--without-group and --commit cannot be used together: there is no group',
		],
		[['demo', '--rate', '0'], "--rate must be a number above 0, not '0'"],
		[
			['demo', '--compression', 'brotli'],
			"--compression must be one of none, gzip, snappy, lz4, zstd, not 'brotli'",
		],
		[['--compression', 'lz4'], "--compression is only for 'klog-tui demo'"],
	])('%j → %s', (argv, message) => {
		const got = errorOf(argv);
		expect(got).toBe(message);
		expect(got).not.toContain('\n');
	});

	it('refuses a --grep regex that does not compile, before any connection', () => {
		const got = errorOf(['--grep', 'timeout', '--grep', '/(unclosed/']);
		expect(got).toMatch(/^--grep: \/\(unclosed\/: Invalid regular expression: .*Unterminated group/);
		expect(got).not.toContain('\n');
		expect(viewer(['--grep', '/time(out)?/i', '--grep', '!/health/']).filter.terms).toEqual([
			'/time(out)?/i',
			'!/health/',
		]);
	});

	it('prints the problem, then a line pointing to a --help that works', () => {
		const lines = usageErrorLines('--tail must be 0 or more, not -3');
		expect(lines).toEqual([
			'klog-tui: --tail must be 0 or more, not -3',
			"Try 'klog-tui --help' for the flags and examples.",
		]);
		const pointedTo = /'klog-tui (.+?)'/.exec(lines[1])![1]!.split(' ');
		expect(parse(pointedTo).kind).toBe('help');
	});
});

describe('help and version', () => {
	it('lists every flag of the table, with examples, in meow form', () => {
		const result = parse(['--help']);
		if (result.kind !== 'help') throw new Error(result.kind);
		expect(result.text).toContain('Usage\n    $ klog-tui [options]');
		expect(result.text).toContain('Examples');
		for (const flag of FLAGS) {
			expect(result.text).toContain(flag.negatable ? `--no-${flag.name}` : `--${flag.name}`);
		}
	});

	it('prints the package version', () => {
		const result = parse(['--version']);
		expect(result).toEqual({kind: 'version', text: expect.stringMatching(/^\d+\.\d+\.\d+/)});
	});
});

describe('nearest flag', () => {
	it('counts a swap of neighbouring letters as one edit', () => {
		expect(editDistance('form', 'from')).toBe(1);
		expect(editDistance('tail', 'tail')).toBe(0);
		expect(editDistance('', 'abc')).toBe(3);
	});

	it('suggests only plausible names', () => {
		const names = FLAGS.map((flag) => flag.name);
		expect(nearestName('from', names)).toBe('from-beginning');
		expect(nearestName('servce', names)).toBe('service');
		expect(nearestName('zzzzzz', names)).toBeUndefined();
	});
});
