import {describe, expect, it} from 'vitest';
import {
	createMouseInputFilter,
	type MouseReport,
	parseMouseReport,
} from '../../../source/terminal-text/mouse-report.js';
import {mouseReport} from '../../support/terminal/mouse-reports.js';

const E = '\x1b';

const report = mouseReport;

describe('parseMouseReport: good reports', () => {
	it.each([
		[`${E}[<0;1;1M`, report({})],
		[`${E}[<0;1;1m`, report({release: true})],
		[`${E}[<1;10;5M`, report({button: 'middle', column: 9, row: 4})],
		[`${E}[<2;120;40M`, report({button: 'right', column: 119, row: 39})],
		[`${E}[<64;3;7M`, report({button: 'wheelUp', column: 2, row: 6})],
		[`${E}[<65;3;7M`, report({button: 'wheelDown', column: 2, row: 6})],
		[`${E}[<66;3;7M`, report({button: 'wheelLeft', column: 2, row: 6})],
		[`${E}[<67;3;7M`, report({button: 'wheelRight', column: 2, row: 6})],
		[`${E}[<32;4;4M`, report({motion: true, column: 3, row: 3})],
		[`${E}[<28;1;1M`, report({shift: true, alt: true, ctrl: true})],
		[`${E}[<128;1;1M`, report({button: 'other'})],
		[
			`${E}[<255;9999;9999M`,
			report({button: 'other', motion: true, shift: true, alt: true, ctrl: true, column: 9998, row: 9998}),
		],
		[`${E}[<000;0001;01M`, report({})],
	])('%j', (sequence, expected) => {
		expect(parseMouseReport(sequence)).toEqual(expected);
	});
});

describe('parseMouseReport: malformed reports are refused', () => {
	it.each([
		['no final byte', `${E}[<0;1;1`],
		['wrong final byte', `${E}[<0;1;1X`],
		['two fields', `${E}[<0;1M`],
		['four fields', `${E}[<0;1;1;1M`],
		['empty field', `${E}[<0;;1M`],
		['code over 255', `${E}[<256;1;1M`],
		['code of 4 digits', `${E}[<0000;1;1M`],
		['column of 5 digits', `${E}[<0;10000;1M`],
		['row of 5 digits', `${E}[<0;1;99999M`],
		['column 0', `${E}[<0;0;1M`],
		['row 0', `${E}[<0;1;0M`],
		['negative', `${E}[<0;-1;1M`],
		['no <', `${E}[0;1;1M`],
		['X10 encoding', `${E}[M !!`],
		['urxvt encoding', `${E}[32;1;1M`],
		['text after', `${E}[<0;1;1Mx`],
		['text before', `x${E}[<0;1;1M`],
		['colon', `${E}[<0:1;1M`],
		['not ASCII digits', `${E}[<0;١;1M`],
	])('%s', (_name, sequence) => {
		expect(parseMouseReport(sequence)).toBeUndefined();
	});
});

/** Feed the chunks one after another and collect all that came out. */
/** Feed the chunks one after another, then flush (as after the caller's wait), and collect all. */
function feed(chunks: readonly string[]): {text: string; reports: MouseReport[]} {
	const filter = createMouseInputFilter();
	let text = '';
	const reports: MouseReport[] = [];
	for (const chunk of chunks) {
		const out = filter.push(chunk);
		text += out.text;
		reports.push(...out.reports);
	}
	text += filter.flush();
	return {text, reports};
}

const click = `${E}[<0;5;3M`;
const clickReport = report({column: 4, row: 2});

describe('createMouseInputFilter', () => {
	it.each([
		['plain keys pass', ['jk q'], 'jk q', []],
		['arrows and Escape pass', [`${E}[A${E}[B${E}`], `${E}[A${E}[B${E}`, []],
		['Alt+key passes', [`${E}x`], `${E}x`, []],
		['a report alone', [click], '', [clickReport]],
		['a report between keys', [`a${click}b`], 'ab', [clickReport]],
		['two reports at once', [`${click}${E}[<65;1;1M`], '', [clickReport, report({button: 'wheelDown'})]],
		['malformed: wrong final', [`a${E}[<0;1;1Xb`], 'ab', []],
		['malformed: too many fields', [`${E}[<0;1;1;1;1Mq`], 'q', []],
		['malformed: over-long digits', [`${E}[<0;1234567890123456789012345;1Mq`], 'q', []],
		['malformed: cut by a key', [`${E}[<0;1\rq`], '\rq', []],
		['malformed: cut by Escape', [`${E}[<0;1${E}[A`], `${E}[A`, []],
		['malformed: cut by a non-ASCII letter', [`${E}[<0;1é`], 'é', []],
	])('%s', (_name, chunks, text, reports) => {
		expect(feed(chunks)).toEqual({text, reports});
	});

	it('a report split at every position is held and finished by the next read', () => {
		const sequence = `x${click}y`;
		for (let cut = 1; cut < sequence.length; cut++) {
			expect(feed([sequence.slice(0, cut), sequence.slice(cut)]), `cut at ${cut}`).toEqual({
				text: 'xy',
				reports: [clickReport],
			});
		}
	});

	it('a report split into single characters', () => {
		expect(feed([...`a${click}b${E}[<64;2;2M`])).toEqual({
			text: 'ab',
			reports: [clickReport, report({button: 'wheelUp', column: 1, row: 1})],
		});
	});

	it('a held start that turns out not to be a report gives its bytes back', () => {
		expect(feed([`${E}[`, 'A'])).toEqual({text: `${E}[A`, reports: []});
	});

	it('a malformed report split across reads shows nothing', () => {
		expect(feed([`${E}[<0;1`, '2;3X', 'k'])).toEqual({text: 'k', reports: []});
	});

	it('an over-long report split across many reads is dropped to its end', () => {
		expect(feed([`${E}[<0;`, '1'.repeat(40), '2'.repeat(40), ';1M', 'j'])).toEqual({text: 'j', reports: []});
	});

	it('an over-long report cut by a control key gives the key back', () => {
		expect(feed([`${E}[<`, '9'.repeat(30), '\r'])).toEqual({text: '\r', reports: []});
	});

	it('a letter after an over-long report is its final byte, as in any control sequence', () => {
		expect(feed([`${E}[<`, '9'.repeat(30), 'q', 'j'])).toEqual({text: 'j', reports: []});
	});

	it('Escape or Alt+[ at the end of a read is held until flushed, then given back as typed', () => {
		const filter = createMouseInputFilter();
		expect(filter.push(`j${E}`)).toEqual({text: 'j', reports: []});
		expect(filter.holdsKey()).toBe(true);
		expect(filter.flush()).toBe(E);
		expect(filter.holdsKey()).toBe(false);
		expect(filter.push(`${E}[`)).toEqual({text: '', reports: []});
		expect(filter.flush()).toBe(`${E}[`);
		expect(filter.flush()).toBe('');
	});

	it('the start of a report is not given back by flush: it is never a key', () => {
		const filter = createMouseInputFilter();
		expect(filter.push(`${E}[<0;5`)).toEqual({text: '', reports: []});
		expect(filter.holdsKey()).toBe(false);
		expect(filter.flush()).toBe('');
		expect(filter.push(';3M')).toEqual({text: '', reports: [clickReport]});
	});
});
