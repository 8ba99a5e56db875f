import {describe, expect, it} from 'vitest';
import {MAX_MESSAGE_LENGTH, MAX_VALUE_LENGTH, type RawRecord} from '../../../source/record/log-record.js';
import {
	EMPTY_MESSAGE,
	MAX_HEADERS,
	MAX_PARSE_BYTES,
	MAX_SERVICE_LENGTH,
	parseRecord,
	TOMBSTONE_MESSAGE,
	UNKNOWN_SERVICE,
} from '../../../source/record/parse-record.js';
import {
	findTerminalUnsafe,
	HOSTILE_CASES,
	hostileRawRecords,
	manyServiceValues,
} from '../../support/records/hostile-corpus.js';

const KAFKA_TIME = 1_700_000_000_000;

function raw(value: string | Buffer | null, extra: Partial<RawRecord> = {}): RawRecord {
	return {
		topic: 'logs',
		partition: 2,
		offset: 41,
		timestamp: KAFKA_TIME,
		key: null,
		value: value === null ? null : typeof value === 'string' ? Buffer.from(value) : value,
		headers: undefined,
		...extra,
	};
}

function parse(value: string | Buffer | null, extra: Partial<RawRecord> = {}) {
	return parseRecord(raw(value, extra), 7);
}

describe('parseRecord: log shapes', () => {
	it('reads the original format, with a level', () => {
		const value =
			'{"message":"user logged in","timestamp":"2024-05-01T12:00:00.250Z","service":"auth","level":"warn"}';
		expect(parse(value)).toEqual({
			seq: 7,
			topic: 'logs',
			partition: 2,
			offset: 41,
			time: Date.parse('2024-05-01T12:00:00.250Z'),
			kafkaTime: KAFKA_TIME,
			service: 'auth',
			level: 'warn',
			message: 'user logged in',
			key: null,
			headers: {},
			value,
			json: true,
			size: Buffer.byteLength(value),
		});
	});

	it('reads pino (numeric level, ms time, name)', () => {
		const record = parse(
			'{"level":50,"time":1714564800123,"pid":7,"hostname":"web-1","name":"billing","msg":"charge failed"}',
		);
		expect([record.level, record.time, record.service, record.message]).toEqual([
			'error',
			1714564800123,
			'billing',
			'charge failed',
		]);
	});

	it('reads bunyan (v, ISO time, name)', () => {
		const record = parse(
			'{"name":"orders","hostname":"h","pid":1,"level":40,"msg":"slow query","time":"2024-05-01T12:00:00.000Z","v":0}',
		);
		expect([record.level, record.time, record.service, record.message]).toEqual([
			'warn',
			Date.parse('2024-05-01T12:00:00.000Z'),
			'orders',
			'slow query',
		]);
	});

	it('uses the pino hostname only after key and headers', () => {
		expect(parse('{"level":30,"hostname":"pod-7","msg":"x"}').service).toBe('pod-7');
		expect(parse('{"level":30,"hostname":"pod-7","msg":"x"}', {key: Buffer.from('from-key')}).service).toBe(
			'from-key',
		);
	});

	it('reads winston (level, message, timestamp, service or defaultMeta)', () => {
		const record = parse(
			'{"level":"error","message":"boom","service":"user-service","timestamp":"2024-05-01 12:00:00"}',
		);
		expect([record.level, record.service, record.message]).toEqual(['error', 'user-service', 'boom']);
		// A time without a zone is UTC (not the viewer's zone).
		expect(record.time).toBe(Date.parse('2024-05-01T12:00:00Z'));
		expect(parse('{"level":"info","message":"m","defaultMeta":{"service":"meta-svc"}}').service).toBe(
			'meta-svc',
		);
	});

	it('reads ECS (dotted and nested log.level, @timestamp, service.name)', () => {
		const dotted = parse(
			'{"@timestamp":"2024-05-01T12:00:00Z","log.level":"warning","message":"m","service.name":"ecs-a"}',
		);
		expect([dotted.level, dotted.service, dotted.time]).toEqual([
			'warn',
			'ecs-a',
			Date.parse('2024-05-01T12:00:00Z'),
		]);
		const nested = parse(
			'{"@timestamp":"2024-05-01T12:00:00Z","log":{"level":"ERROR"},"message":"m","service":{"name":"ecs-b"}}',
		);
		expect([nested.level, nested.service]).toEqual(['error', 'ecs-b']);
	});

	it('reads GCP severity (names and numbers) and ts in seconds', () => {
		expect(parse('{"severity":"CRITICAL","message":"m"}').level).toBe('fatal');
		expect(parse('{"severity":400,"message":"m"}').level).toBe('warn');
		expect(parse('{"severity":3,"msg":"m"}').level).toBe('error');
		expect(parse('{"ts":1714564800.5,"msg":"zap"}').time).toBe(1714564800500);
	});

	it('reads time in every unit and as numeric strings, else Kafka time', () => {
		const at = (time: string) => parse(`{"msg":"t","time":${time}}`, {timestamp: 1714564800000}).time;
		const KAFKA_TIME = 1714564800000;
		expect(at('1714564800')).toBe(1714564800000);
		expect(at('1714564800123')).toBe(1714564800123);
		expect(at('1714564800123456')).toBe(1714564800123);
		expect(at('1714564800123456789')).toBe(1714564800123);
		expect(at('"1714564800123"')).toBe(1714564800123);
		expect(at('"not a time"')).toBe(KAFKA_TIME);
		expect(at('0')).toBe(KAFKA_TIME);
		expect(at('{"a":1}')).toBe(KAFKA_TIME);
		// A number is an epoch only near the Kafka time: a counter or 1e308 leaves the Kafka time.
		expect(at('1e308')).toBe(KAFKA_TIME);
		expect(at('42')).toBe(KAFKA_TIME);
	});

	it('reads logfmt', () => {
		const record = parse(
			'time=2024-05-01T12:00:00Z level=warn msg="disk \\"sda\\" 91% full" service=storage',
		);
		expect([record.level, record.service, record.message, record.json]).toEqual([
			'warn',
			'storage',
			'disk "sda" 91% full',
			false,
		]);
		expect(record.time).toBe(Date.parse('2024-05-01T12:00:00Z'));
	});

	it('keeps plain text as text and guesses its level', () => {
		const record = parse('2024-05-01 12:00:00 ERROR connection refused\n');
		expect([record.level, record.message, record.json, record.service]).toEqual([
			'error',
			'2024-05-01 12:00:00 ERROR connection refused',
			false,
			UNKNOWN_SERVICE,
		]);
		expect(parse('just words').level).toBe('unknown');
	});

	it('guesses the level from the message of JSON without a level field', () => {
		expect(parse('{"message":"ERROR: payment declined","service":"pay"}').level).toBe('error');
		expect(parse('{"message":"all fine","service":"pay"}').level).toBe('unknown');
	});

	it('copes with fields of the wrong type', () => {
		const numericService = parse('{"service":12345,"message":"hi"}');
		expect(numericService.service).toBe('12345');
		const objectMessage = parse('{"service":"api","message":{"nested":{"x":[1,2,3]}},"level":"warn"}');
		expect(objectMessage.message).toBe('{"nested":{"x":[1,2,3]}}');
		expect(parse('{"service":"api","message":"m","level":["error"]}').level).toBe('unknown');
		expect(parse('{"message":true}').message).toBe('true');
		expect(parse('{"message":null,"msg":"fallback"}').message).toBe('fallback');
		const noMessage = parse('{"service":"api","event_id":5}');
		expect(noMessage.message).toBe('{"service":"api","event_id":5}');
		expect(parse('[1,2,3]').json).toBe(false);
		expect(parse('{"message":"never closed"').json).toBe(false);
	});

	it('survives JSON nested 10 000 levels deep', () => {
		const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
		const record = parse(`{"service":"deep","message":${deep}}`);
		expect(record.json).toBe(true);
		expect(record.service).toBe('deep');
		expect(record.message.startsWith('{"a":{"a":')).toBe(true);
		expect(record.message).toContain('{…}');
	});
});

describe('parseRecord: service fallback', () => {
	it('body field, then key, then header, then unknown', () => {
		const headers = {service: Buffer.from('from-header')};
		expect(parse('{"service":"body","msg":"m"}', {key: Buffer.from('k'), headers}).service).toBe('body');
		expect(parse('{"msg":"m"}', {key: Buffer.from('k'), headers}).service).toBe('k');
		expect(parse('{"msg":"m"}', {headers}).service).toBe('from-header');
		expect(parse('{"msg":"m"}', {headers: {'service.name': 'dotted', app: 'app-h'}}).service).toBe('dotted');
		expect(parse('{"msg":"m"}', {headers: {app: ['first', 'second']}}).service).toBe('first, second');
		expect(parse('{"msg":"m"}').service).toBe(UNKNOWN_SERVICE);
		expect(parse('{"msg":"m","service":""}').service).toBe(UNKNOWN_SERVICE);
	});

	it('caps long service names', () => {
		const service = parse(JSON.stringify({service: 's'.repeat(500), message: 'm'})).service;
		expect(service.length).toBeLessThanOrEqual(MAX_SERVICE_LENGTH + 20);
		expect(service.startsWith('s'.repeat(MAX_SERVICE_LENGTH))).toBe(true);
	});
});

describe('parseRecord: odd and hostile values', () => {
	it('shows tombstones and empty values', () => {
		const tombstone = parse(null, {key: Buffer.from('user-1')});
		expect([tombstone.message, tombstone.level, tombstone.value, tombstone.size, tombstone.service]).toEqual([
			TOMBSTONE_MESSAGE,
			'unknown',
			null,
			0,
			'user-1',
		]);
		const empty = parse('');
		expect([empty.message, empty.value, empty.json]).toEqual([EMPTY_MESSAGE, '', false]);
	});

	it('keeps at most MAX_VALUE_LENGTH bytes of a 1 MB value, with a note, and parses it', () => {
		const value = JSON.stringify({message: 'x'.repeat(1_048_576), service: 'big', level: 'error'});
		const record = parse(value);
		expect(record.size).toBe(Buffer.byteLength(value));
		expect(record.value!.length).toBeLessThan(MAX_VALUE_LENGTH + 40);
		expect(record.value!.endsWith(`…(+${Buffer.byteLength(value) - MAX_VALUE_LENGTH} bytes)`)).toBe(true);
		expect([record.json, record.service, record.level]).toEqual([true, 'big', 'error']);
		expect(record.message.length).toBeLessThan(MAX_MESSAGE_LENGTH + 40);
	});

	it('parses JSON up to MAX_PARSE_BYTES (4 MB): a stack trace of 3.9 MB keeps its service', () => {
		const stack = 'at com.example.Foo.bar(Foo.java:42)\n'.repeat(110_000);
		const value = JSON.stringify({level: 'error', service: 'orders', message: 'boom', stack_trace: stack});
		expect(value.length).toBeGreaterThan(3_900_000);
		expect(value.length).toBeLessThan(MAX_PARSE_BYTES);
		const record = parse(value);
		expect([record.json, record.service, record.level, record.message]).toEqual([
			true,
			'orders',
			'error',
			'boom',
		]);
	});

	it('beyond MAX_PARSE_BYTES, reads service, level and time from the first bytes', () => {
		const value = JSON.stringify({
			timestamp: '2024-05-01T12:00:00Z',
			level: 'fatal',
			service: 'huge',
			message: 'out of memory',
			dump: 'z'.repeat(MAX_PARSE_BYTES),
		});
		const record = parse(value);
		expect([record.json, record.service, record.level, record.message]).toEqual([
			false,
			'huge',
			'fatal',
			'out of memory',
		]);
		expect(record.time).toBe(Date.parse('2024-05-01T12:00:00Z'));
		expect(record.value!.length).toBeLessThan(MAX_VALUE_LENGTH + 40);
	});

	it('parses values between MAX_VALUE_LENGTH and the parse cap, keeping a short value', () => {
		const value = JSON.stringify({message: 'y'.repeat(100_000), service: 'mid', level: 'warn'});
		const record = parse(value);
		expect([record.service, record.level, record.json]).toEqual(['mid', 'warn', true]);
		expect(record.message.startsWith('y'.repeat(MAX_MESSAGE_LENGTH))).toBe(true);
		expect(record.message.endsWith(`…(+${100_000 - MAX_MESSAGE_LENGTH} chars)`)).toBe(true);
		expect(record.value!.length).toBeLessThan(MAX_VALUE_LENGTH + 40);
	});

	it('caps a 10 000-character line', () => {
		const record = parse('w'.repeat(10_000));
		expect(record.message).toBe(`${'w'.repeat(MAX_MESSAGE_LENGTH)}…(+${10_000 - MAX_MESSAGE_LENGTH} chars)`);
		expect(record.value).toBe('w'.repeat(10_000));
	});

	it('sanitises key and headers (names and values), keeping them all distinct', () => {
		const record = parse('m', {
			key: Buffer.from('k\u001b[2J'),
			headers: {
				'h\u001b]0;t\u0007': Buffer.from([0x61, 0xff]),
				list: ['a', Buffer.from('b\u009b')],
				gone: undefined,
			},
		});
		expect(record.key).toBe('k\\e[2J');
		expect(record.headers).toEqual({'h\\e]0;t\\x07': 'a\\xff', list: 'a, b\\u009b'});
	});

	it('treats a __proto__ header as a plain header', () => {
		const record = parse('m', {headers: JSON.parse('{"__proto__":"x","ok":"y"}')});
		expect(Object.keys(record.headers).sort()).toEqual(['__proto__', 'ok']);
	});

	it('keeps at most MAX_HEADERS headers and says how many more there were', () => {
		const headers: Record<string, string> = {};
		for (let index = 0; index < 1000; index++) headers[`h${index}`] = 'v';
		const record = parse('m', {headers});
		expect(Object.keys(record.headers)).toHaveLength(MAX_HEADERS + 1);
		expect(record.headers['…']).toBe(`+${1000 - MAX_HEADERS} more headers`);
	});

	it('understands 1 000 distinct services', () => {
		const services = new Set(manyServiceValues(1000).map((value) => parse(value).service));
		expect(services.size).toBe(1000);
	});

	it('turns every hostile corpus record into terminal-safe fields without throwing', () => {
		const records = hostileRawRecords();
		expect(records).toHaveLength(HOSTILE_CASES.length);
		for (const [index, rawRecord] of records.entries()) {
			const name = HOSTILE_CASES[index]!.name;
			const record = parseRecord(rawRecord, index);
			const fields = [
				record.topic,
				record.service,
				record.message,
				record.key ?? '',
				...Object.entries(record.headers).flat(),
			];
			for (const field of fields)
				expect(findTerminalUnsafe(field), `${name}: ${JSON.stringify(field.slice(0, 80))}`).toBeUndefined();
			expect(record.message.length, name).toBeLessThan(MAX_MESSAGE_LENGTH + 40);
			expect(record.service.length, name).toBeLessThanOrEqual(MAX_SERVICE_LENGTH + 1);
			expect(record.value === null || record.value.length < MAX_VALUE_LENGTH + 40, name).toBe(true);
			expect(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'unknown']).toContain(record.level);
			expect(Number.isFinite(record.time), name).toBe(true);
		}
	});

	it('shows hostile bytes visibly rather than dropping them', () => {
		const byName = (name: string) => {
			const index = HOSTILE_CASES.findIndex((hostile) => hostile.name === name);
			return parseRecord(hostileRawRecords()[index]!, index);
		};
		expect(byName('CSI clear screen').message).toBe('before\\e[2Jafter');
		expect(byName('OSC 0 title (BEL)').message).toBe('\\e]0;pwned title\\x07text');
		expect(byName('raw 0x9b CSI byte').message).toBe('\\x9b2JA\\x9d0;t\\x9c');
		expect(byName('UTF-8 encoded 8-bit CSI').message).toBe('\\u009b2Jcleared');
		expect(byName('CR overwrite').message).toBe('ERROR real problem\\rINFO  all good      ');
		const jsonEscaped = byName('JSON-escaped CSI in every field');
		expect([jsonEscaped.message, jsonEscaped.service, jsonEscaped.level]).toEqual([
			'\\e[2Jm',
			'\\e]0;t\\x07svc',
			'error',
		]);
		expect(byName('lone surrogate via JSON escape').message).toBe('a\\ud800b\\udc00c');
		expect(byName('RLO override').message).toBe('user admin\\u202e\\u2066 gnp.exe\\u2069\\u202c');
	});
});
