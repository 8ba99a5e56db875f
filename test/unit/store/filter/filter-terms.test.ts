/**
 * The terms with an operator and the alternatives (`filter-field-terms.ts`, `record-filter.ts`):
 * how each is read, what it matches at the edges (text where a number is expected, a missing
 * field, `null`, an unknown level), and the one-line reason of a term that cannot be read.
 */
import {describe, expect, it} from 'vitest';
import {hasJsonPath} from '../../../../source/record/json-path.js';
import type {Level, LogRecord} from '../../../../source/record/log-record.js';
import {parseRecord} from '../../../../source/record/parse-record.js';
import {parseTimePoint} from '../../../../source/shared/time-point.js';
import {
	compileFilter,
	compileTerm,
	EMPTY_FILTER,
	findMatchRanges,
	parseFilterTerm,
} from '../../../../source/store/filter/record-filter.js';
import {fieldFilterTerm} from '../../../../source/view/detail-rows.js';
import {logRecord} from '../../../support/terminal/tui-fixtures.js';

/** A parsed record of this JSON body (a string body is a record that is not a JSON object). */
function record(body: unknown, extra: Partial<LogRecord> = {}): LogRecord {
	return {...parseRecord(logRecord(body as Record<string, unknown>), 0), ...extra};
}

/** Which of the bodies the one-term filter keeps, by index. */
function kept(term: string, bodies: readonly unknown[], now = Date.now()): number[] {
	const filter = compileFilter({...EMPTY_FILTER, terms: [term]}, now);
	expect(filter.error).toBeUndefined();
	return bodies.flatMap((body, index) => (filter.test(record(body)) ? [index] : []));
}

/** The footer's line for a term that cannot be read. */
function errorOf(term: string, now = Date.now()): string | undefined {
	return compileFilter({...EMPTY_FILTER, terms: ['ok', term]}, now).error;
}

describe('numeric comparisons on fields', () => {
	const bodies = [
		{status: 200},
		{status: 500},
		{status: 503.5},
		{status: '502'},
		{status: 'five hundred'},
		{status: true},
		{status: null},
		{status: {code: 500}},
		{other: 1},
		{status: 5e2},
		{status: ''},
	];

	it('compares numbers and numeric strings; text, booleans, null, objects and missing fields never match', () => {
		expect(kept('status>=500', bodies)).toEqual([1, 2, 3, 9]);
		expect(kept('status>500', bodies)).toEqual([2, 3]);
		expect(kept('status<500', bodies)).toEqual([0]);
		expect(kept('status<=500', bodies)).toEqual([0, 1, 9]);
	});

	it('negated, it keeps exactly what the comparison did not', () => {
		const matched = kept('status>=500', bodies);
		const negated = kept('!status>=500', bodies);
		expect(negated).toEqual(bodies.map((_, index) => index).filter((index) => !matched.includes(index)));
	});

	it('reads dotted paths, negative and fractional bounds, exponent spellings', () => {
		expect(kept('http.duration_ms>250', [{http: {duration_ms: 251}}, {http: {duration_ms: 250}}])).toEqual([
			0,
		]);
		expect(kept('delta<-1.5', [{delta: -2}, {delta: -1}])).toEqual([0]);
		expect(kept('size>=1e3', [{size: 1000}, {size: 999.9}])).toEqual([0]);
		// A shipper's `log` string holding the application's JSON line is read through.
		expect(kept('log.ms>10', [{log: JSON.stringify({ms: 11})}, {log: JSON.stringify({ms: 9})}])).toEqual([0]);
	});

	it('never matches a record that is not JSON', () => {
		const filter = compileFilter({...EMPTY_FILTER, terms: ['status>1']});
		expect(filter.test(record('status=500 text line'))).toBe(false);
	});

	it('says which term and why when the value is not a number', () => {
		expect(errorOf('status>abc')).toBe(
			'status>abc: "abc" is not a number (quote the term to find it as text)',
		);
		expect(errorOf('status>')).toBe('status>: a value is missing after >');
		expect(errorOf('status>=500|404')).toBe('status>=500|404: a comparison takes one value');
		expect(errorOf('status>0x1f')).toMatch(/is not a number/);
		// Quoted, the same characters are text.
		expect(parseFilterTerm('"a->b"')).toMatchObject({kind: 'text', text: 'a->b'});
	});
});

describe('time comparisons', () => {
	/** A fixed clock: 2026-12-07 14:30 local time. */
	const now = new Date(2026, 11, 7, 14, 30, 0, 0).getTime();
	const at = (hours: number, minutes: number, seconds = 0) =>
		new Date(2026, 11, 7, hours, minutes, seconds).getTime();
	const timed = (time: number) => record({message: 'x'}, {time});

	it('reads a time of day as today, local time', () => {
		expect(parseTimePoint('10:42', now)).toEqual({ok: true, time: at(10, 42)});
		expect(parseTimePoint('9:05:30', now)).toEqual({ok: true, time: at(9, 5, 30)});
		expect(parseTimePoint('10:42:05.25', now)).toEqual({ok: true, time: at(10, 42, 5) + 250});
	});

	it('reads a duration back from now, and ISO times (a date alone is local midnight)', () => {
		expect(parseTimePoint('-5m', now)).toEqual({ok: true, time: now - 300_000});
		expect(parseTimePoint('-1h30m', now)).toEqual({ok: true, time: now - 5_400_000});
		expect(parseTimePoint('2026-12-07T10:00:00Z', now)).toEqual({ok: true, time: Date.UTC(2026, 11, 7, 10)});
		expect(parseTimePoint('2026-12-07T10:00', now)).toEqual({ok: true, time: at(10, 0)});
		expect(parseTimePoint('2026-12-07', now)).toEqual({ok: true, time: at(0, 0)});
	});

	it('refuses what is not a time, with the formats that work', () => {
		for (const text of ['25:00', '10:60', '5m', '-0m', 'noon', '2026-13-45', '']) {
			const point = parseTimePoint(text, now);
			expect(point.ok, text).toBe(false);
		}
		expect(errorOf('time>25:00', now)).toBe(
			'time>25:00: no such time of day; use 10:42, 10:42:05, -5m or an ISO time like 2026-12-07T10:42',
		);
		expect(errorOf('time<soon', now)).toMatch(/^time<soon: not a time; use 10:42/);
	});

	it("compares the record's time, fixed when the filter is applied", () => {
		const filter = compileFilter({...EMPTY_FILTER, terms: ['time>10:42', 'time<=-1h']}, now);
		expect(filter.test(timed(at(10, 42, 1)))).toBe(true);
		expect(filter.test(timed(at(10, 42)))).toBe(false);
		expect(filter.test(timed(at(13, 30)))).toBe(true);
		expect(filter.test(timed(at(13, 31)))).toBe(false);
		// A record without a usable time never matches a time comparison (and `!` keeps it).
		expect(filter.test(timed(Number.NaN))).toBe(false);
		expect(compileFilter({...EMPTY_FILTER, terms: ['!time>10:42']}, now).test(timed(Number.NaN))).toBe(true);
	});

	it('`time=` stays a field equality on the JSON', () => {
		expect(parseFilterTerm('time=10:42')).toMatchObject({kind: 'field', path: 'time', values: ['10:42']});
	});
});

describe('level comparisons', () => {
	const withLevel = (level: Level) => record({message: 'x'}, {level});
	const levels: Level[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'unknown'];
	const matching = (term: string) => {
		const filter = compileFilter({...EMPTY_FILTER, terms: [term]});
		expect(filter.error).toBeUndefined();
		return levels.filter((level) => filter.test(withLevel(level)));
	};

	it('orders levels as the level module does; unknown counts as info', () => {
		expect(matching('level>=warn')).toEqual(['warn', 'error', 'fatal']);
		expect(matching('level>info')).toEqual(['warn', 'error', 'fatal']);
		expect(matching('level<info')).toEqual(['trace', 'debug']);
		expect(matching('level<=info')).toEqual(['trace', 'debug', 'info', 'unknown']);
		expect(matching('!level>=error')).toEqual(['trace', 'debug', 'info', 'warn', 'unknown']);
	});

	it('takes the spellings --level takes, and says which when it is none', () => {
		expect(parseFilterTerm('level>=WARNING')).toMatchObject({kind: 'level', op: '>=', level: 'warn'});
		expect(parseFilterTerm('level>=err')).toMatchObject({kind: 'level', level: 'error'});
		expect(parseFilterTerm('level>=4')).toMatchObject({kind: 'level', level: 'warn'});
		expect(errorOf('level>=loud')).toMatch(/^level>=loud: "loud" is not a level; use trace, debug, info/);
	});
});

describe('field exists: has:', () => {
	it('matches any value at the path, null included, and nothing else', () => {
		const bodies = [
			{error: {stack: 'at x'}},
			{error: {stack: null}},
			{error: {kind: 'io'}},
			{error: 'stack'},
			{message: 'error.stack'},
			{'error.stack': ''},
		];
		expect(kept('has:error.stack', bodies)).toEqual([0, 1, 5]);
		expect(kept('!has:error.stack', bodies)).toEqual([2, 3, 4]);
		expect(kept('has:trace_id|span_id', [{trace_id: 'a'}, {span_id: 'b'}, {x: 1}])).toEqual([0, 1]);
		expect(kept('has:tags.1', [{tags: ['a', 'b']}, {tags: ['a']}])).toEqual([0]);
	});

	it('finds a large object without decoding it, and does not count a cut-off value', () => {
		const big = {error: {stack: 'x'.repeat(100_000)}};
		expect(hasJsonPath(JSON.stringify(big), ['error'])).toBe(true);
		expect(hasJsonPath('{"error": {"stack": "cut', ['error'])).toBe(false);
		expect(hasJsonPath('{"log":"{\\"level\\":\\"warn\\"}"}', ['log', 'level'])).toBe(true);
	});

	it('says what is wrong with a bad path', () => {
		expect(errorOf('has:')).toBe('has:: a field path is missing after has:');
		expect(errorOf('has:a|')).toBe('has:a|: a field path is missing after has:');
		expect(errorOf('has:9lives')).toBe('has:9lives: "9lives" is not a field path');
	});
});

describe('alternatives', () => {
	it('matches any of the words, each in smart case', () => {
		const messages = ['api up', 'AUTH down', 'Auth ok', 'billing'];
		const filter = compileFilter({...EMPTY_FILTER, terms: ['api|Auth']});
		expect(messages.filter((message) => filter.test(record({}, {message, service: 'svc'})))).toEqual([
			'api up',
			'Auth ok',
		]);
		expect(parseFilterTerm('!api|auth')).toEqual({kind: 'words', words: ['api', 'auth'], exclude: true});
	});

	it('matches any of the values of a field; a quoted value is one value', () => {
		expect(kept('service=api|auth', [{service: 'api'}, {service: 'auth'}, {service: 'api|auth'}])).toEqual([
			0, 1,
		]);
		expect(kept('service="api|auth"', [{service: 'api'}, {service: 'api|auth'}])).toEqual([1]);
		expect(kept('code=1|2.5', [{code: 1}, {code: 2.5}, {code: 3}])).toEqual([0, 1]);
	});

	it('leaves the bars of a regex and of a quoted phrase alone', () => {
		expect(parseFilterTerm('/a|b/')).toMatchObject({kind: 'regex'});
		expect(parseFilterTerm('"a|b"')).toMatchObject({kind: 'text', text: 'a|b'});
	});

	it('refuses an empty alternative', () => {
		expect(errorOf('api|')).toBe('api|: an alternative is empty (quote a | to find it)');
		expect(errorOf('|')).toMatch(/an alternative is empty/);
	});

	it('highlights every word as a search, overlaps joined', () => {
		const term = parseFilterTerm('err|Error');
		expect(findMatchRanges('an Error, err', term)).toEqual([
			[3, 8],
			[10, 13],
		]);
		expect(compileTerm('api|auth').test(record({}, {message: 'AUTH'}))).toBe(true);
	});

	it('the detail view quotes a value with a bar when it adds a field term', () => {
		expect(fieldFilterTerm({path: 'route', value: 'a|b'} as never)).toBe('route="a|b"');
		expect(parseFilterTerm(fieldFilterTerm({path: 'route', value: 'a|b'} as never))).toMatchObject({
			kind: 'field',
			values: ['a|b'],
		});
	});
});
