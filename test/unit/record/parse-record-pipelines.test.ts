import {describe, expect, it} from 'vitest';
import type {RawRecord} from '../../../source/record/log-record.js';
import {createRecordParser, parseRecord, UNKNOWN_SERVICE} from '../../../source/record/parse-record.js';
import {looksLikeServiceName} from '../../../source/record/service-name.js';
import {fixtureLine} from '../../support/records/shape-fixtures.js';

/** What real pipelines add around the shapes: config overrides, colours, keys, times, framing. */

const KAFKA_TIME = Date.parse('2024-12-06T10:00:05.000Z');

function raw(value: string | Buffer, extra: Partial<RawRecord> = {}): RawRecord {
	return {
		topic: 'logs',
		partition: 0,
		offset: 3,
		timestamp: KAFKA_TIME,
		key: null,
		value: typeof value === 'string' ? Buffer.from(value) : value,
		headers: undefined,
		...extra,
	};
}

const parse = (value: string | Buffer, extra: Partial<RawRecord> = {}) => parseRecord(raw(value, extra), 0);

const FLUENT_BIT = JSON.stringify({
	log: '{"level":"info","msg":"cart saved","service":"cart"}\n',
	kubernetes: {pod_name: 'cart-1', container_name: 'cart', labels: {team: 'shop', app: 'cart-app'}},
});

describe('config file: fields and timeZone', () => {
	it('tries the configured field names before the built-in ones, on the envelope and the record inside', () => {
		expect(parse(FLUENT_BIT).service).toBe('cart');
		const byTeam = createRecordParser({fields: {service: ['kubernetes.labels.team']}});
		expect(byTeam(raw(FLUENT_BIT), 0).service).toBe('shop');
		const custom = createRecordParser({fields: {level: ['sev'], message: ['text'], service: ['component']}});
		const record = custom(raw('{"sev":"E","text":"disk gone","component":"storage","message":"ignored"}'), 0);
		expect([record.level, record.message, record.service]).toEqual(['error', 'disk gone', 'storage']);
		// Missing configured fields fall back to the table.
		expect(custom(raw('{"level":"warn","message":"m","service":"api"}'), 0).service).toBe('api');
	});

	it('reads a time without a zone as UTC, or in the configured zone', () => {
		const line = '{"msg":"m","time":"2024-12-06 10:00:00"}';
		expect(parse(line).time).toBe(Date.parse('2024-12-06T10:00:00Z'));
		const newYork = createRecordParser({timeZone: 'America/New_York'});
		expect(newYork(raw(line), 0).time).toBe(Date.parse('2024-12-06T15:00:00Z'));
		// Summer time: New York is 4 hours behind UTC in July.
		expect(newYork(raw('{"msg":"m","time":"2024-07-01T10:00:00"}'), 0).time).toBe(
			Date.parse('2024-07-01T14:00:00Z'),
		);
		// A time that names its zone is left alone.
		expect(newYork(raw('{"msg":"m","time":"2024-12-06T10:00:00Z"}'), 0).time).toBe(
			Date.parse('2024-12-06T10:00:00Z'),
		);
	});
});

describe('coloured console lines', () => {
	it('drops SGR colours before finding the level and showing the message', () => {
		const spring =
			'2024-12-06T10:00:00.123Z \u001b[31mERROR\u001b[0m 1 --- [main] \u001b[36mc.e.OrderService\u001b[0m : order lost';
		const record = parse(spring);
		expect(record.level).toBe('error');
		expect(record.message).toBe('2024-12-06T10:00:00.123Z ERROR 1 --- [main] c.e.OrderService : order lost');
		expect(record.time).toBe(Date.parse('2024-12-06T10:00:00.123Z'));
		const nest = parse(
			JSON.stringify({level: '\u001b[33mwarn\u001b[39m', msg: '\u001b[32m[Nest] boot\u001b[39m'}),
		);
		expect([nest.level, nest.message]).toEqual(['warn', '[Nest] boot']);
	});

	it('keeps every other escape sequence escaped', () => {
		expect(parse('\u001b[31mERROR\u001b[0m \u001b[2J\u001b]0;title\u0007gone').message).toBe(
			'ERROR \\e[2J\\e]0;title\\x07gone',
		);
	});
});

describe('keys as services', () => {
	it('takes a key that reads like a service name', () => {
		for (const key of ['payments', 'orders-v2', 'billing.api', 'auth_service', 's3-sync']) {
			expect(parse('{"msg":"m"}', {key: Buffer.from(key)}).service, key).toBe(key);
		}
	});

	it('never takes a UUID, a number-heavy id, a hash or a binary key; the key stays a field', () => {
		for (const key of [
			'3f2b8c1e-9d4a-4f6b-8e2a-1c5d7f9b0a3e',
			'3f2b8c1e9d4a4f6b8e2a1c5d7f9b0a3e',
			'12345',
			'user-829371',
			'order_2024_12_06',
			'req-a1b2c3d4e5',
			'9f86d081884c7d65',
			'jane.doe@example.com',
			'',
		]) {
			const record = parse('{"msg":"m"}', {key: Buffer.from(key)});
			expect(record.service, key).toBe(UNKNOWN_SERVICE);
			expect(record.key, key).toBe(key);
		}
		const binary = parse('{"msg":"m"}', {key: Buffer.from([0x00, 0x01, 0xff, 0x9b])});
		expect(binary.service).toBe(UNKNOWN_SERVICE);
		expect(binary.key).toBe('\\x00\\x01\\xff\\x9b');
		expect(looksLikeServiceName('x'.repeat(65))).toBe(false);
	});

	it('4 000 request-id keys do not make thousands of services', () => {
		const services = new Set<string>();
		for (let index = 0; index < 1000; index++) {
			const hex = crypto.randomUUID().replaceAll('-', '');
			services.add(parse('{"msg":"m"}', {key: Buffer.from(`req-${hex.slice(0, 8)}`)}).service);
			services.add(parse('{"msg":"m"}', {key: Buffer.from(`req-${hex.slice(0, 6)}`)}).service);
			services.add(parse('{"msg":"m"}', {key: Buffer.from(String(100_000 + index))}).service);
			services.add(parse('{"msg":"m"}', {key: Buffer.from(crypto.randomUUID())}).service);
		}
		// A short hex id with no digit in it reads like a word (`facade`, `decade`): about 0.3% of
		// six-digit ones. The panel stays readable: a handful of rows, not thousands.
		expect(services.has(UNKNOWN_SERVICE)).toBe(true);
		expect(services.size).toBeLessThan(15);
	});
});

describe('times', () => {
	const at = (time: string | number, kafkaTime = KAFKA_TIME) =>
		parse(JSON.stringify({msg: 'm', time}), {timestamp: kafkaTime}).time;

	it('reads comma milliseconds, +0000 offsets and nginx/Apache times', () => {
		expect(at('2024-12-06 10:00:00,123')).toBe(Date.parse('2024-12-06T10:00:00.123Z'));
		expect(at('2024-12-06T10:00:00,123')).toBe(Date.parse('2024-12-06T10:00:00.123Z'));
		expect(at('2024-12-06 11:00:00,123+0100')).toBe(Date.parse('2024-12-06T10:00:00.123Z'));
		expect(at('06/Dec/2024:10:00:00 +0000')).toBe(Date.parse('2024-12-06T10:00:00Z'));
		expect(at('06/Dec/2024:05:00:00 -0500')).toBe(Date.parse('2024-12-06T10:00:00Z'));
	});

	it('gives a syslog time the year nearest the Kafka time', () => {
		expect(at('Dec  6 10:00:00')).toBe(Date.parse('2024-12-06T10:00:00Z'));
		// Written on New Year's Eve, read by Kafka just after midnight: still last year.
		expect(at('Dec 31 23:59:59', Date.parse('2025-01-01T00:00:02Z'))).toBe(
			Date.parse('2024-12-31T23:59:59Z'),
		);
		expect(at('Jan  1 00:00:01', Date.parse('2024-12-31T23:59:58Z'))).toBe(
			Date.parse('2025-01-01T00:00:01Z'),
		);
	});

	it('takes a number as an epoch only when it is plausible next to the Kafka time', () => {
		expect(at(42)).toBe(KAFKA_TIME);
		expect(at(1_000_000)).toBe(KAFKA_TIME);
		expect(at(1733479200)).toBe(Date.parse('2024-12-06T10:00:00Z'));
		expect(at(1733479200123)).toBe(Date.parse('2024-12-06T10:00:00.123Z'));
		expect(at('1733479200')).toBe(Date.parse('2024-12-06T10:00:00Z'));
		// Three years off (a replay) is a time; twenty years off is a counter or a wrong unit.
		expect(at(1733479200 - 3 * 365 * 86_400)).toBe(Date.parse('2024-12-06T10:00:00Z') - 3 * 365 * 86_400_000);
		expect(at(1733479200 - 20 * 365 * 86_400)).toBe(KAFKA_TIME);
	});

	it('reads the time a plain-text line starts with (Python logging, syslog, access logs)', () => {
		const python = fixtureLine('python/python-logging-text.log', 1);
		const record = parse(python, {timestamp: Date.parse(`${python.slice(0, 23).replace(',', '.')}Z`) + 500});
		expect(record.time).toBe(Date.parse(`${python.slice(0, 23).replace(',', '.')}Z`));
		expect(record.level).toBe('error');
		expect(parse('Dec  6 10:00:00 web-1 sshd[42]: Accepted publickey').time).toBe(
			Date.parse('2024-12-06T10:00:00Z'),
		);
		expect(parse('10.0.0.1 - - [06/Dec/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 612').time).toBe(
			Date.parse('2024-12-06T10:00:00Z'),
		);
		expect(parse('no time here').time).toBe(KAFKA_TIME);
	});
});

describe('Schema Registry wire format', () => {
	const framed = (id: number, payload: Buffer) => {
		const header = Buffer.alloc(5);
		header.writeUInt32BE(id, 1);
		return Buffer.concat([header, payload]);
	};

	it('unwraps JSON behind the magic byte and schema id', () => {
		const record = parse(framed(7, Buffer.from('{"level":"error","msg":"boom","service":"sr-app"}')));
		expect([record.json, record.service, record.level, record.message]).toEqual([
			true,
			'sr-app',
			'error',
			'boom',
		]);
		expect(JSON.parse(record.value!)).toEqual({level: 'error', msg: 'boom', service: 'sr-app'});
	});

	it('names the schema id of an Avro or Protobuf payload instead of showing bytes', () => {
		const record = parse(framed(1234, Buffer.from([0x02, 0x06, 0x61, 0x70, 0x69, 0x00])));
		expect(record.message).toBe('schema registry id 1234 (Avro or Protobuf, 6 bytes, not decoded)');
		expect(record.json).toBe(false);
	});
});
