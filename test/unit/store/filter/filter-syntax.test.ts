import {describe, expect, it} from 'vitest';
import {parseRecord} from '../../../../source/record/parse-record.js';
import {FILTER_SYNTAX} from '../../../../source/store/filter/filter-syntax.js';
import {compileFilter, EMPTY_FILTER, parseFilterTerm} from '../../../../source/store/filter/record-filter.js';
import {splitFilterTerms} from '../../../../source/view/view-state.js';
import {logRecord} from '../../../support/terminal/tui-fixtures.js';

/** Today at this local time of day, as an ISO time with the zone (how a log would write it). */
function today(hours: number, minutes: number): string {
	const day = new Date();
	day.setHours(hours, minutes, 0, 0);
	return day.toISOString();
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** One fixture per row of the table: a record the example matches and one it does not. */
const FIXTURES: Record<string, {matches: Record<string, unknown>; misses: Record<string, unknown>}> = {
	timeout: {matches: {message: 'upstream TimeOut after 3 s'}, misses: {message: 'upstream slow'}},
	// Where request ids live: in a JSON field, not the message.
	'4bf92f35': {
		matches: {message: 'GET /orders 200', trace_id: '4bf92f3577b34da6'},
		misses: {message: 'GET /orders 200', trace_id: '00f067aa0ba902b7'},
	},
	// A bare word finds a field name too, as grep on the line would.
	trace_id: {matches: {message: 'GET /', trace_id: '1'}, misses: {message: 'GET /', span_id: '1'}},
	'"a phrase"': {matches: {message: 'said a phrase twice'}, misses: {message: 'a short phrase'}},
	'/timed?/i': {matches: {message: 'request TIMED out'}, misses: {message: 'tim is up'}},
	'api|auth': {matches: {message: 'auth token refreshed'}, misses: {message: 'cache warmed'}},
	'user.id=42': {matches: {message: 'login', user: {id: 42}}, misses: {message: 'login', user: {id: 7}}},
	'app=api|auth': {matches: {app: 'auth', message: 'x'}, misses: {app: 'billing', message: 'x'}},
	'has:trace_id': {matches: {message: 'GET /', trace_id: '4bf92f35'}, misses: {message: 'GET /', span: 'x'}},
	'status>=500': {matches: {message: 'GET /', status: 503}, misses: {message: 'GET /', status: 404}},
	'time>10:42': {
		matches: {message: 'late', timestamp: today(10, 43)},
		misses: {message: 'early', timestamp: today(10, 41)},
	},
	'time>-5m': {
		matches: {message: 'recent', timestamp: minutesAgo(1)},
		misses: {message: 'old', timestamp: minutesAgo(10)},
	},
	'level>=warn': {matches: {message: 'disk', level: 'ERROR'}, misses: {message: 'disk', level: 'info'}},
	'!health': {matches: {message: 'GET /orders'}, misses: {message: 'GET /', probe: 'healthcheck'}},
	'a !b c': {
		matches: {service: 'api', message: 'a then c'},
		misses: {service: 'api', message: 'a, b and c'},
	},
};

const recordOf = (fields: Record<string, unknown>) => parseRecord(logRecord({service: 'svc', ...fields}), 0);

describe('the filter syntax table', () => {
	it.each(FILTER_SYNTAX.map((row) => [row.example, row]))('%s is the kind of term it says', (_, row) => {
		if (row.kind === 'all') {
			const terms = splitFilterTerms(row.example);
			expect(terms.length).toBeGreaterThan(1);
			for (const term of terms) expect(parseFilterTerm(term).kind).not.toMatch(/empty|invalid/);
		} else {
			expect(parseFilterTerm(row.example).kind).toBe(row.kind);
		}
	});

	it.each(FILTER_SYNTAX.map((row) => [row.example]))(
		'%s matches its fixture and misses the other',
		(example) => {
			const fixture = FIXTURES[example];
			expect(fixture, `a fixture for ${example}`).toBeDefined();
			const filter = compileFilter({...EMPTY_FILTER, terms: splitFilterTerms(example)});
			expect(filter.test(recordOf(fixture!.matches))).toBe(true);
			expect(filter.test(recordOf(fixture!.misses))).toBe(false);
		},
	);
});
