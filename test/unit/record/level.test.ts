import {describe, expect, it} from 'vitest';
import {guessLevelFromText, levelFromNumber, normalizeLevel} from '../../../source/record/level.js';

describe('normalizeLevel', () => {
	it('reads level names in any case and spelling', () => {
		const cases: Array<[string, string]> = [
			['trace', 'trace'],
			['TRACE', 'trace'],
			['silly', 'trace'],
			['debug', 'debug'],
			['dbg', 'debug'],
			['Verbose', 'debug'],
			['info', 'info'],
			['INFO', 'info'],
			['Information', 'info'],
			['notice', 'info'],
			['warn', 'warn'],
			['WARNING', 'warn'],
			['error', 'error'],
			['err', 'error'],
			['ERR', 'error'],
			['fatal', 'fatal'],
			['critical', 'fatal'],
			['CRIT', 'fatal'],
			['emerg', 'fatal'],
			['alert', 'fatal'],
			['  warn  ', 'warn'],
			['E', 'error'],
			['W', 'warn'],
		];
		for (const [input, level] of cases) expect(normalizeLevel(input), input).toBe(level);
	});

	it('strips the colours winston puts around the level', () => {
		expect(normalizeLevel('\u001b[31merror\u001b[39m')).toBe('error');
	});

	it('reads pino/bunyan numbers, including custom levels in between', () => {
		expect([10, 20, 30, 40, 50, 60].map(normalizeLevel)).toEqual([
			'trace',
			'debug',
			'info',
			'warn',
			'error',
			'fatal',
		]);
		expect(normalizeLevel(35)).toBe('info');
		expect(normalizeLevel(70)).toBe('fatal');
		expect(normalizeLevel('30')).toBe('info');
	});

	it('reads syslog severities 0..7 and Cloud Logging numbers', () => {
		expect([0, 1, 2, 3, 4, 5, 6, 7].map(normalizeLevel)).toEqual([
			'fatal',
			'fatal',
			'fatal',
			'error',
			'warn',
			'info',
			'info',
			'debug',
		]);
		expect([100, 200, 300, 400, 500, 600, 800].map(levelFromNumber)).toEqual([
			'debug',
			'info',
			'info',
			'warn',
			'error',
			'fatal',
			'fatal',
		]);
	});

	it('gives unknown for anything else', () => {
		for (const value of [
			8,
			9,
			-1,
			2.5,
			1000,
			Number.NaN,
			Number.POSITIVE_INFINITY,
			'nope',
			'',
			['error'],
			{level: 'error'},
			true,
			null,
			undefined,
			'constructor',
			'__proto__',
			'toString',
		]) {
			expect(normalizeLevel(value), String(value)).toBe('unknown');
		}
	});
});

describe('guessLevelFromText', () => {
	it('finds obvious levels', () => {
		expect(guessLevelFromText('2024-01-01 12:00:00 ERROR db down')).toBe('error');
		expect(guessLevelFromText('[WARN] disk 91%')).toBe('warn');
		expect(guessLevelFromText('time=... level=warn msg="x"')).toBe('warn');
		expect(guessLevelFromText('{"level":"debug","msg":"truncated json')).toBe('debug');
		expect(guessLevelFromText('severity: CRITICAL something')).toBe('fatal');
		expect(guessLevelFromText('2024/01/01 12:00:00 [error] 123#0: upstream timed out')).toBe('error');
		expect(guessLevelFromText('FATAL: out of memory')).toBe('fatal');
		expect(guessLevelFromText('npm ERR! code E404')).toBe('error');
	});

	it('does not guess from prose or from parts of words', () => {
		expect(guessLevelFromText('no error found, all info is fine')).toBe('unknown');
		expect(guessLevelFromText('ERROR_CODE=5 returned')).toBe('unknown');
		expect(guessLevelFromText('INFORMATION_SCHEMA query')).toBe('unknown');
		expect(guessLevelFromText('')).toBe('unknown');
	});

	it('only looks near the start of the line', () => {
		expect(guessLevelFromText(`${'x '.repeat(200)}ERROR late`)).toBe('unknown');
	});
});
