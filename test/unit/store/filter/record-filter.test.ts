import {describe, expect, it} from 'vitest';
import type {KnownLevel, Level, LogRecord, RawRecord} from '../../../../source/record/log-record.js';
import {parseRecordRows} from '../../../../source/record/parse-record.js';
import type {FilterSpec} from '../../../../source/store/filter/filter-spec.js';
import {
	compileFilter,
	compileTerm,
	describeFilter,
	EMPTY_FILTER,
	findMatchRanges,
	isEmptyFilter,
	levelRank,
	parseFilterTerm,
} from '../../../../source/store/filter/record-filter.js';
import {otlpJsonRequest, TRACE_ID} from '../../../support/records/otlp-requests.js';

function record(fields: Partial<LogRecord> & {body?: unknown}): LogRecord {
	const {body, ...rest} = fields;
	const value = body === undefined ? (rest.value ?? null) : JSON.stringify(body);
	return {
		seq: 0,
		topic: 'logs',
		partition: 0,
		offset: 0,
		time: 0,
		kafkaTime: 0,
		service: 'api',
		level: 'info',
		message: 'hello',
		key: null,
		headers: {},
		json: body !== undefined && typeof body === 'object' && body !== null,
		size: value?.length ?? 0,
		...rest,
		value,
	};
}

const rawOf = (value: string): RawRecord => ({
	topic: 'logs',
	partition: 0,
	offset: 0,
	timestamp: 0,
	key: null,
	value: Buffer.from(value),
	headers: undefined,
});

function spec(partial: Partial<FilterSpec>): FilterSpec {
	return {...EMPTY_FILTER, ...partial};
}

function passes(filter: Partial<FilterSpec>, line: LogRecord): boolean {
	return compileFilter(spec(filter)).test(line);
}

describe('parseFilterTerm', () => {
	it('reads text, smart case', () => {
		expect(parseFilterTerm('timeout')).toEqual({
			kind: 'text',
			text: 'timeout',
			caseSensitive: false,
			exclude: false,
		});
		expect(parseFilterTerm('Timeout')).toMatchObject({kind: 'text', caseSensitive: true});
		expect(parseFilterTerm('  spaced  ')).toMatchObject({kind: 'text', text: 'spaced'});
	});

	it('reads regexes with flags, dropping the stateful g and y', () => {
		const term = parseFilterTerm('/err(or)?/gi');
		expect(term.kind).toBe('regex');
		if (term.kind === 'regex') {
			expect(term.regex.source).toBe('err(or)?');
			expect(term.regex.flags).toBe('i');
			expect(term.exclude).toBe(false);
		}

		expect(parseFilterTerm('/api/v1')).toMatchObject({kind: 'text', text: '/api/v1'});
	});

	it('reads exclusions of every kind', () => {
		expect(parseFilterTerm('!health')).toMatchObject({kind: 'text', text: 'health', exclude: true});
		expect(parseFilterTerm('!/GET .*200/')).toMatchObject({kind: 'regex', exclude: true});
		expect(parseFilterTerm('!user.id=42')).toMatchObject({kind: 'field', exclude: true});
	});

	it('reads field filters with dotted paths', () => {
		expect(parseFilterTerm('user.id=42')).toEqual({
			kind: 'field',
			path: 'user.id',
			values: ['42'],
			exclude: false,
		});
		expect(parseFilterTerm('@timestamp=x')).toMatchObject({kind: 'field', path: '@timestamp'});
		expect(parseFilterTerm('empty=')).toMatchObject({kind: 'field', values: ['']});
		// Not a field name on the left: plain text.
		expect(parseFilterTerm('a b=c')).toMatchObject({kind: 'text', text: 'a b=c'});
	});

	it('treats a quoted term as literal text', () => {
		expect(parseFilterTerm('"status=500"')).toMatchObject({kind: 'text', text: 'status=500'});
		expect(parseFilterTerm('!"/x/"')).toMatchObject({kind: 'text', text: '/x/', exclude: true});
	});

	it('reports a bad regex instead of throwing, and ignores empty terms', () => {
		expect(parseFilterTerm('/(unclosed/')).toMatchObject({kind: 'invalid', term: '/(unclosed/'});
		expect(parseFilterTerm('/x/q')).toMatchObject({kind: 'invalid'});
		expect(parseFilterTerm('')).toEqual({kind: 'empty'});
		expect(parseFilterTerm('!')).toEqual({kind: 'empty'});
		expect(parseFilterTerm('""')).toEqual({kind: 'empty'});
	});
});

describe('compileFilter: services and level', () => {
	it('shows everything with the empty filter', () => {
		const compiled = compileFilter(EMPTY_FILTER);
		expect(compiled.matchesAll).toBe(true);
		expect(compiled.test(record({}))).toBe(true);
		expect(isEmptyFilter(EMPTY_FILTER)).toBe(true);
	});

	it('hides excluded services', () => {
		const filter = {services: {mode: 'exclude' as const, services: new Set(['auth'])}};
		expect(passes(filter, record({service: 'auth'}))).toBe(false);
		expect(passes(filter, record({service: 'api'}))).toBe(true);
	});

	it('shows only included services (solo and inverted)', () => {
		const solo = {services: {mode: 'include' as const, services: new Set(['auth'])}};
		expect(passes(solo, record({service: 'auth'}))).toBe(true);
		expect(passes(solo, record({service: 'api'}))).toBe(false);
		const none = {services: {mode: 'include' as const, services: new Set<string>()}};
		expect(passes(none, record({service: 'api'}))).toBe(false);
		expect(compileFilter(spec(none)).matchesAll).toBe(false);
	});

	it('hides records below the minimum level, unknown ranking as info', () => {
		const cases: Array<[KnownLevel, Level, boolean]> = [
			['warn', 'info', false],
			['warn', 'warn', true],
			['warn', 'fatal', true],
			['warn', 'unknown', false],
			['info', 'unknown', true],
			['info', 'debug', false],
			['trace', 'trace', true],
		];
		for (const [minLevel, level, expected] of cases) {
			expect(passes({minLevel}, record({level})), `${level} at min ${minLevel}`).toBe(expected);
		}

		expect(levelRank('unknown')).toBe(levelRank('info'));
	});
});

describe('compileFilter: text terms', () => {
	it('matches text in message, service and key, case-insensitive for lower-case text', () => {
		expect(passes({terms: ['timeout']}, record({message: 'Upstream TIMEOUT after 3s'}))).toBe(true);
		expect(passes({terms: ['pay']}, record({service: 'payments'}))).toBe(true);
		expect(passes({terms: ['order-7']}, record({key: 'ORDER-7'}))).toBe(true);
		expect(passes({terms: ['missing']}, record({message: 'hello'}))).toBe(false);
	});

	it('is case-sensitive when the text has a capital', () => {
		expect(passes({terms: ['Timeout']}, record({message: 'timeout'}))).toBe(false);
		expect(passes({terms: ['Timeout']}, record({message: 'a Timeout'}))).toBe(true);
	});

	it('matches regex metacharacters in text literally', () => {
		expect(passes({terms: ['a.b(c']}, record({message: 'xa.b(cx'}))).toBe(true);
		expect(passes({terms: ['a.b(c']}, record({message: 'axbxc'}))).toBe(false);
	});

	it('matches regexes with their flags', () => {
		expect(passes({terms: ['/^GET \\/\\w+ 5\\d\\d$/']}, record({message: 'GET /orders 503'}))).toBe(true);
		expect(passes({terms: ['/^get/']}, record({message: 'GET /orders'}))).toBe(false);
		expect(passes({terms: ['/^get/i']}, record({message: 'GET /orders'}))).toBe(true);
		expect(passes({terms: ['/^auth$/']}, record({service: 'auth'}))).toBe(true);
	});

	it('gives the same answer on every call with a g flag', () => {
		const compiled = compileFilter(spec({terms: ['/a/g']}));
		const line = record({message: 'a'});
		expect([compiled.test(line), compiled.test(line), compiled.test(line)]).toEqual([true, true, true]);
	});

	it('excludes with ! on text and regex', () => {
		expect(passes({terms: ['!health']}, record({message: 'GET /health 200'}))).toBe(false);
		expect(passes({terms: ['!health']}, record({message: 'GET /orders 200'}))).toBe(true);
		expect(passes({terms: ['!/^GET/']}, record({message: 'GET /orders'}))).toBe(false);
		expect(passes({terms: ['!/^GET/']}, record({message: 'POST /orders'}))).toBe(true);
	});

	it('ignores a bad regex, reports it and still applies the other terms', () => {
		const compiled = compileFilter(spec({terms: ['/(bad/', 'orders']}));
		expect(compiled.error).toMatch(/\/\(bad\/: /);
		expect(compiled.test(record({message: 'GET /orders'}))).toBe(true);
		expect(compiled.test(record({message: 'GET /users'}))).toBe(false);
		expect(compileFilter(spec({terms: ['/(bad/']})).matchesAll).toBe(true);
	});
});

describe('compileFilter: words, phrases and regexes in the value', () => {
	// Where request ids live: a JSON field, not the message (kcat | grep finds them there).
	const traced = record({
		message: 'GET /orders 200',
		body: {msg: 'GET /orders 200', trace_id: '4bf92f3577b34da6'},
	});

	it('finds a word only in a field value, and a field name, as grep on the line would', () => {
		expect(passes({terms: ['4bf92f3577b34da6']}, traced)).toBe(true);
		expect(passes({terms: ['00f067aa0ba902b7']}, traced)).toBe(false);
		expect(passes({terms: ['trace_id']}, traced)).toBe(true);
		expect(passes({terms: ['"trace_id":"4bf9"']}, traced)).toBe(true);
		expect(passes({terms: ['/"trace_id":"[0-9a-f]{16}"/']}, traced)).toBe(true);
		expect(passes({terms: ['api|4bf92f35']}, record({service: 'web', body: {id: '4bf92f35'}}))).toBe(true);
		expect(passes({terms: ['plain']}, record({message: 'x', value: 'a plain text value'}))).toBe(true);
	});

	it('keeps smart case in the value', () => {
		expect(passes({terms: ['4BF92F35']}, traced)).toBe(false);
		expect(passes({terms: ['Trace_id']}, traced)).toBe(false);
		expect(passes({terms: ['ADA']}, record({body: {user: 'ada'}}))).toBe(false);
		expect(passes({terms: ['ada']}, record({body: {user: 'ADA'}}))).toBe(true);
		expect(passes({terms: ['édith']}, record({body: {user: 'ÉDITH'}}))).toBe(true);
	});

	it('excludes a record with the word anywhere in its value', () => {
		expect(passes({terms: ['!health']}, record({message: 'GET /', body: {probe: 'healthcheck'}}))).toBe(
			false,
		);
		expect(passes({terms: ['!/4bf9/']}, traced)).toBe(false);
		expect(passes({terms: ['!4bf9']}, record({message: 'GET /', body: {trace_id: '00f0'}}))).toBe(true);
	});

	it("matches an OTLP row on its own JSON, the trace id of one log record not its neighbour's", async () => {
		const otlp = await otlpJsonRequest([
			{service: 'api', body: 'GET /orders', attributes: {'order.id': 'ord-1'}, traced: true},
			{service: 'api', body: 'GET /users', attributes: {'order.id': 'ord-2'}},
		]);
		const rows: LogRecord[] = [];
		parseRecordRows(rawOf(otlp), rows);
		expect(rows).toHaveLength(2);
		const messages = (term: string) =>
			rows.filter(compileFilter(spec({terms: [term]})).test).map((row) => row.message);
		expect(messages(TRACE_ID.slice(0, 16))).toEqual(['GET /orders']);
		expect(messages('ord-2')).toEqual(['GET /users']);
		expect(messages('node-7')).toEqual(['GET /orders', 'GET /users']);
	});

	it('searches (n/N) the value too', () => {
		expect(compileTerm('4bf92f35').test(traced)).toBe(true);
		expect(compileTerm('!4bf92f35').test(traced)).toBe(true);
	});
});

describe('compileFilter: field terms', () => {
	const body = {
		message: 'login',
		user: {id: 42, name: 'Ada <admin>', active: true},
		'flat.key': 'v',
		tags: ['a'],
	};

	it('compares the value at a dotted path as a string', () => {
		expect(passes({terms: ['user.id=42']}, record({body}))).toBe(true);
		expect(passes({terms: ['user.id=43']}, record({body}))).toBe(false);
		expect(passes({terms: ['user.active=true']}, record({body}))).toBe(true);
		expect(passes({terms: ['user.name=Ada <admin>']}, record({body}))).toBe(true);
		expect(passes({terms: ['tags.0=a']}, record({body}))).toBe(true);
		expect(passes({terms: ['user={"id":42,"name":"Ada <admin>","active":true}']}, record({body}))).toBe(true);
	});

	it('finds a top-level key spelled with dots', () => {
		expect(passes({terms: ['flat.key=v']}, record({body}))).toBe(true);
	});

	it('reads values the JSON spells with escapes or as floats', () => {
		const escaped = record({
			value: '{"url":"http:\\/\\/x\\u002fy","n":1000.0,"big":1e3,"q":"a\\"b"}',
			json: true,
		});
		expect(passes({terms: ['url=http://x/y']}, escaped)).toBe(true);
		expect(passes({terms: ['n=1000']}, escaped)).toBe(true);
		expect(passes({terms: ['big=1000.5']}, record({value: '{"big":1.0005e3}', json: true}))).toBe(true);
		expect(passes({terms: ['q=a"b']}, escaped)).toBe(true);
	});

	it('never matches records without a JSON object value', () => {
		expect(passes({terms: ['user.id=42']}, record({message: 'user.id=42', value: 'user.id=42'}))).toBe(false);
		expect(passes({terms: ['a=1']}, record({value: null}))).toBe(false);
		// A shortened huge value still answers for the fields before the cut.
		expect(passes({terms: ['a=1']}, record({value: '{"a":1,"b":"xx…', json: true}))).toBe(true);
		expect(passes({terms: ['b=xx']}, record({value: '{"a":1,"b":"xx…', json: true}))).toBe(false);
		expect(passes({terms: ['missing=x']}, record({body}))).toBe(false);
	});

	it('excludes with !field=value', () => {
		expect(passes({terms: ['!user.id=42']}, record({body}))).toBe(false);
		expect(passes({terms: ['!user.id=7']}, record({body}))).toBe(true);
	});
});

describe('compileFilter: combinations', () => {
	it('requires every part to agree (AND)', () => {
		const filter: Partial<FilterSpec> = {
			services: {mode: 'exclude', services: new Set(['worker'])},
			minLevel: 'warn',
			terms: ['/timeout|refused/', '!retry', 'region=eu'],
		};
		const hit = record({service: 'api', level: 'error', message: 'connection refused', body: {region: 'eu'}});
		expect(passes(filter, {...hit, message: 'connection refused'})).toBe(true);
		expect(passes(filter, {...hit, service: 'worker'})).toBe(false);
		expect(passes(filter, {...hit, level: 'info'})).toBe(false);
		expect(passes(filter, {...hit, message: 'all good'})).toBe(false);
		expect(passes(filter, {...hit, message: 'refused, will retry'})).toBe(false);
		expect(passes(filter, record({...hit, body: {region: 'us'}}))).toBe(false);
	});
});

describe('compileTerm (search)', () => {
	it('matches what a term names, also for a ! term', () => {
		expect(compileTerm('timeout').test(record({message: 'a timeout'}))).toBe(true);
		expect(compileTerm('!timeout').test(record({message: 'a timeout'}))).toBe(true);
		expect(compileTerm('timeout').test(record({message: 'fine'}))).toBe(false);
	});

	it('reports a bad regex and matches nothing', () => {
		const compiled = compileTerm('/[/');
		expect(compiled.error).toBeDefined();
		expect(compiled.test(record({message: '['}))).toBe(false);
		expect(compileTerm('').matchesAll).toBe(true);
	});
});

describe('findMatchRanges', () => {
	it('finds text matches with smart case', () => {
		expect(findMatchRanges('Error: error', parseFilterTerm('error'))).toEqual([
			[0, 5],
			[7, 12],
		]);
		expect(findMatchRanges('Error: error', parseFilterTerm('Error'))).toEqual([[0, 5]]);
	});

	it('finds regex matches and skips empty ones', () => {
		expect(findMatchRanges('a1b22', parseFilterTerm('/\\d+/'))).toEqual([
			[1, 2],
			[3, 5],
		]);
		expect(findMatchRanges('abc', parseFilterTerm('/x*/'))).toEqual([]);
	});

	it('highlights nothing for exclusions and fields', () => {
		expect(findMatchRanges('health', parseFilterTerm('!health'))).toEqual([]);
		expect(findMatchRanges('a=1', parseFilterTerm('a=1'))).toEqual([]);
	});
});

describe('describeFilter', () => {
	it('is empty when nothing is filtered', () => {
		expect(describeFilter(EMPTY_FILTER)).toBe('');
		expect(describeFilter(spec({minLevel: 'trace', terms: ['', '!']}))).toBe('');
	});

	it('lists services, level and terms', () => {
		expect(
			describeFilter({
				services: {mode: 'exclude', services: new Set(['worker', 'auth'])},
				minLevel: 'warn',
				terms: ['timeout', '!/health/'],
			}),
		).toBe('hide auth,worker | level>=warn | timeout | !/health/');
		expect(describeFilter(spec({services: {mode: 'include', services: new Set(['api'])}}))).toBe('only api');
		expect(describeFilter(spec({services: {mode: 'include', services: new Set()}}))).toBe('only (none)');
		expect(
			describeFilter(spec({services: {mode: 'exclude', services: new Set(['a', 'b', 'c', 'd', 'e'])}})),
		).toBe('hide a,b,c +2');
	});
});
