import {describe, expect, it} from 'vitest';
import {readJsonPath} from '../../../source/record/json-path.js';

const read = (json: string, path: string) => readJsonPath(json, path.split('.'));

describe('readJsonPath', () => {
	const doc = JSON.stringify({
		message: 'has "quotes", {braces} and [brackets]',
		user: {id: 42, name: 'Ada', tags: ['a', 'b'], address: {city: 'Zürich'}},
		ok: true,
		none: null,
		ratio: 0.5,
		'flat.key': 'flat',
		list: [{id: 1}, {id: 2}],
	});

	it('reads nested values as comparable text', () => {
		expect(read(doc, 'user.id')).toBe('42');
		expect(read(doc, 'user.name')).toBe('Ada');
		expect(read(doc, 'user.address.city')).toBe('Zürich');
		expect(read(doc, 'ok')).toBe('true');
		expect(read(doc, 'none')).toBe('null');
		expect(read(doc, 'ratio')).toBe('0.5');
		expect(read(doc, 'message')).toBe('has "quotes", {braces} and [brackets]');
	});

	it('reads objects and arrays as compact JSON, and array elements by index', () => {
		expect(read(doc, 'user.tags')).toBe('["a","b"]');
		expect(read(doc, 'user.tags.1')).toBe('b');
		expect(read(doc, 'list.1.id')).toBe('2');
		expect(read(doc, 'user.address')).toBe('{"city":"Zürich"}');
	});

	it('falls back to a top-level key spelled with dots', () => {
		expect(read(doc, 'flat.key')).toBe('flat');
	});

	it('reads keys spelled with dots at any level (OTLP attributes), the nested path first', () => {
		const otlp = JSON.stringify({
			attributes: {'http.method': 'GET', http: {status: 200}},
			resource: {'service.name': 'a'},
		});
		expect(read(otlp, 'attributes.http.method')).toBe('GET');
		expect(read(otlp, 'attributes.http.status')).toBe('200');
		expect(read(otlp, 'resource.service.name')).toBe('a');
		expect(read(JSON.stringify({a: {'b.c': {'d.e': 1}}}), 'a.b.c.d.e')).toBe('1');
		expect(read(otlp, 'attributes.http.verb')).toBeUndefined();
	});

	it('returns undefined for missing paths', () => {
		expect(read(doc, 'user.missing')).toBeUndefined();
		expect(read(doc, 'user.tags.2')).toBeUndefined();
		expect(read(doc, 'user.tags.x')).toBeUndefined();
		expect(read(doc, 'ok.deeper')).toBeUndefined();
		expect(read('[]', '0')).toBeUndefined();
	});

	it('agrees with JSON.parse on spacing, escapes and number spellings', () => {
		const spaced = '{ "a" : { "b\\u0022c" : "x\\ny" , "n" : 1000.0 , "e" : 1e3 } ,\n\t"s" : "back\\\\" }';
		expect(readJsonPath(spaced, ['a', 'b"c'])).toBe('x\ny');
		expect(read(spaced, 'a.n')).toBe('1000');
		expect(read(spaced, 'a.e')).toBe('1000');
		expect(read(spaced, 's')).toBe('back\\');
		expect(read('{"a":-0}', 'a')).toBe('0');
	});

	it('never throws on malformed or truncated text', () => {
		const samples = [
			'',
			'{',
			'{"a',
			'{"a":',
			'{"a":"x',
			'{"a":1,',
			'{"a" 1}',
			'not json',
			'{"a":{"b":[1,2',
			'"str"',
		];
		for (const sample of samples) {
			expect(() => read(sample, 'a.b')).not.toThrow();
			expect(read(sample, 'a.b')).toBeUndefined();
		}

		// A field before the damage is still found (values of huge records are cut).
		expect(read('{"service":"api","blob":"xxxxx', 'service')).toBe('api');
	});

	it('takes the first of duplicate keys', () => {
		expect(read('{"a":1,"a":2}', 'a')).toBe('1');
	});
});

describe('readJsonPath: JSON inside a string', () => {
	it("reads fields of the application's JSON a shipper keeps as a string", () => {
		const envelope = JSON.stringify({
			log: `${JSON.stringify({level: 'warn', user: {id: 42}})}\n`,
			kubernetes: {pod_name: 'p-1'},
		});
		expect(readJsonPath(envelope, ['log', 'level'])).toBe('warn');
		expect(readJsonPath(envelope, ['log', 'user', 'id'])).toBe('42');
		expect(readJsonPath(envelope, ['kubernetes', 'pod_name'])).toBe('p-1');
		expect(readJsonPath(envelope, ['log', 'missing'])).toBeUndefined();
		expect(readJsonPath('{"log":"plain text"}', ['log', 'level'])).toBeUndefined();
		// Strings in strings are followed twice at most.
		const deep = JSON.stringify({a: JSON.stringify({b: JSON.stringify({c: JSON.stringify({d: 1})})})});
		expect(readJsonPath(deep, ['a', 'b', 'c'])).toBe('{"d":1}');
		expect(readJsonPath(deep, ['a', 'b', 'c', 'd'])).toBeUndefined();
	});
});
