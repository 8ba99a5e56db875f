import chalk from 'chalk';
import {describe, expect, it} from 'vitest';
import {styleSegments} from '../../../source/terminal-text/style-segments.js';

describe('styleSegments', () => {
	it('styles each segment as chalk does, the same again from its cache', () => {
		chalk.level = 3;
		const segments = [
			{text: 'plain '},
			{text: 'cyan bold', color: 'cyan', bold: true},
			{text: ' dim', dim: true},
			{text: 'hex', color: '#5fafff', backgroundColor: 'blue'},
			{text: 'inv', inverse: true, color: 'ansi256(208)'},
			{text: 'rgb', color: 'rgb(10, 20, 30)'},
			{text: '', color: 'red'},
		];
		const expected =
			'plain ' +
			chalk.bold(chalk.cyan('cyan bold')) +
			chalk.dim(' dim') +
			chalk.bgBlue(chalk.hex('#5fafff')('hex')) +
			chalk.inverse(chalk.ansi256(208)('inv')) +
			chalk.rgb(10, 20, 30)('rgb');
		expect(styleSegments(segments)).toBe(expected);
		expect(styleSegments(segments)).toBe(expected);
	});

	it('follows a change of chalk level (no colour when there is none)', () => {
		const level = chalk.level;
		try {
			chalk.level = 0;
			expect(styleSegments([{text: 'x', color: 'red', bold: true}])).toBe('x');
		} finally {
			chalk.level = level;
		}
	});
});
