import {describe, expect, it} from 'vitest';
import type {LogRecord, RawRecord} from '../../../../source/record/log-record.js';
import {parseRecordRows} from '../../../../source/record/parse-record.js';
import {rawValueCheck, rawValueNeedles} from '../../../../source/store/filter/raw-value-check.js';
import {compileFilter, EMPTY_FILTER} from '../../../../source/store/filter/record-filter.js';
import {otlpJsonRequest} from '../../../support/records/otlp-requests.js';

/**
 * The raw-bytes pre-check skips a record's parse when the filter cannot pass it. Words, phrases
 * and regexes match anywhere in the line (the value too, and the key, which the check never sees),
 * so the check must reject only on what a field term needs: a record it rejects is never one the
 * filter would match, for any mix of terms.
 */

const raw = (value: string | null, key: string | null = null): RawRecord => ({
	topic: 'logs',
	partition: 0,
	offset: 0,
	timestamp: Date.UTC(2026, 11, 7),
	key: key === null ? null : Buffer.from(key),
	value: value === null ? null : Buffer.from(value),
	headers: undefined,
});

const VALUES: Array<string | null> = [
	'{"message":"GET /orders","trace_id":"4bf92f3577b34da6","user":{"id":42}}',
	'{"message":"GET /orders","trace_id":"4bf92f3577b34da6","user":{"id":7}}',
	// The same text with JSON escapes: the value text holds them as written, the message decoded.
	'{"message":"caf\\u00e9 TIMEOUT \\"q\\"","user":{"id":42}}',
	'{"message":"caf\\u00e9 timeout","user":{"id":"4\\u0032"}}',
	'{"message":"café Timeout","user":{"id":"42"},"note":"ÉDITH"}',
	'{"msg":"health ok","user":{"id":7},"tag":"4bf92f35"}',
	'{"msg":"no user here 42","trace":"user.id=42"}',
	'user.id=42 plain text 4bf92f35 café',
	'{not json user 42',
	'',
	null,
];

const SPECS: string[][] = [
	['user.id=42', '4bf92f35'],
	['user.id=42', '4BF92F35'],
	['user.id=42', '!timeout'],
	['user.id=42', '!Timeout'],
	['user.id=42|7', '/caf./'],
	['user.id=42', 'CAFÉ'],
	['user.id=42', 'café'],
	['user.id=42', 'édith'],
	['user.id=42', 'u00e9'],
	['user.id=42', '"\\"q\\""'],
	['user.id=42', 'orders-key'],
	['trace_id=4bf92f3577b34da6', 'trace_id'],
	['user.id=42', '!health', 'api|auth|svc'],
];

async function rows(): Promise<Array<{raw: RawRecord; rows: LogRecord[]}>> {
	const otlp = await otlpJsonRequest([
		{service: 'api', body: 'GET /orders', attributes: {'user.id': 42}, traced: true},
		{service: 'api', body: 'café timeout', attributes: {'user.id': 7}},
	]);
	const raws = [
		...VALUES.map((value) => raw(value)),
		...VALUES.map((value) => raw(value, 'orders-key 4bf92f35 café')),
		raw(otlp),
	];
	return raws.map((each) => {
		const out: LogRecord[] = [];
		parseRecordRows(each, out);
		return {raw: each, rows: out};
	});
}

describe('the raw value pre-check', () => {
	it('rejects only records that no row of passes the filter', async () => {
		const records = await rows();
		let rejected = 0;
		let matched = 0;
		for (const terms of SPECS) {
			const spec = {...EMPTY_FILTER, terms};
			const check = rawValueCheck(rawValueNeedles(spec))!;
			const {test} = compileFilter(spec);
			for (const {raw: each, rows: parsed} of records) {
				const passing = parsed.filter(test).length;
				matched += passing;
				if (check(each.value)) continue;
				rejected++;
				expect(passing, `${terms.join(' ')} on ${String(each.value)} (key ${String(each.key)})`).toBe(0);
			}
		}
		// Not vacuous: both answers are given.
		expect(rejected).toBeGreaterThan(20);
		expect(matched).toBeGreaterThan(10);
	});

	it('checks nothing for words, phrases and regexes alone: the key and service are not in the value', () => {
		for (const terms of [['4bf92f35'], ['"a phrase"'], ['/4bf9/'], ['api|auth'], ['!user.id=42']]) {
			expect(rawValueCheck(rawValueNeedles({...EMPTY_FILTER, terms})), terms.join(' ')).toBeUndefined();
		}
		// A word in the key alone finds the record.
		const keyed = raw('{"message":"GET /"}', '4bf92f35');
		const out: LogRecord[] = [];
		parseRecordRows(keyed, out);
		expect(out.filter(compileFilter({...EMPTY_FILTER, terms: ['4bf92f35']}).test)).toHaveLength(1);
	});
});
