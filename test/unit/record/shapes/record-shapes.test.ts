import {describe, expect, it} from 'vitest';
import type {RawRecord} from '../../../../source/record/log-record.js';
import {parseRecord} from '../../../../source/record/parse-record.js';
import {createShapeReader, emptyReading} from '../../../../source/record/shapes/read-shape.js';
import {GENERIC_SHAPE, RECORD_SHAPES} from '../../../../source/record/shapes/record-shapes.js';
import {bunyanLines, pinoLines, winstonLines} from '../../../support/records/node-logger-lines.js';
import {otlpJsonRequest, SeverityNumber, SPAN_ID, TRACE_ID} from '../../../support/records/otlp-requests.js';
import {COMMITTED_FIXTURES, type ShapeFixture} from '../../../support/records/shape-fixtures.js';

function raw(value: string, kafkaTime: number): RawRecord {
	return {
		topic: 'logs',
		partition: 0,
		offset: 1,
		timestamp: kafkaTime,
		key: null,
		value: Buffer.from(value),
		headers: undefined,
	};
}

const reader = createShapeReader();

/** What the table says about a fixture: the row, the inner row, the ids. */
function shapeReading(value: string) {
	const reading = emptyReading();
	let object: unknown;
	try {
		object = JSON.parse(value);
	} catch {
		return {shape: 'logfmt-or-text', inner: undefined, traceId: undefined, spanId: undefined};
	}
	reader.read(object as Record<string, unknown>, reading, true);
	return {
		shape: reading.shape.id,
		inner: reading.inner?.id,
		traceId: reading.traceId,
		spanId: reading.spanId,
	};
}

function check(fixture: ShapeFixture): void {
	const record = parseRecord(raw(fixture.value, fixture.kafkaTime), 0);
	const {expected} = fixture;
	const label = `${fixture.shape} (${fixture.source})`;
	expect(
		{service: record.service, level: record.level, time: record.time, message: record.message},
		label,
	).toEqual({
		service: expected.service,
		level: expected.level,
		time: expected.time === 'kafka' ? fixture.kafkaTime : expected.time,
		message: expected.message,
	});
	// A row of an OTLP request: the table reads the row's document (its value), not the request.
	const reading = shapeReading(record.logIndex === undefined ? fixture.value : record.value!);
	// Rows without `match` are read by the generic row; the others must be recognised.
	const row = RECORD_SHAPES.find((shape) => shape.id === fixture.shape)!;
	if (reading.shape !== 'logfmt-or-text') {
		expect(reading.shape, label).toBe(row.match === undefined ? GENERIC_SHAPE.id : row.id);
		expect(reading.inner, label).toBe(expected.inner);
		expect(reading.traceId, label).toBe(expected.traceId);
		expect(reading.spanId, label).toBe(expected.spanId);
	}
}

/** Fixtures made at test time by the npm packages (devDependencies). */
async function nodeFixtures(): Promise<ShapeFixture[]> {
	const now = Date.now();
	const source = (name: string) => `library: ${name} from npm, made at test time`;
	const pino = pinoLines();
	const bunyan = bunyanLines();
	const winston = await winstonLines('json');
	const logstash = await winstonLines('logstash');
	const field = (line: string, name: string) => JSON.parse(line)[name];
	const otlpTime = now - 1500;
	const otlp = await otlpJsonRequest([
		{
			service: 'checkout',
			severityNumber: SeverityNumber.ERROR,
			severityText: 'ERROR',
			body: 'payment failed',
			time: otlpTime,
			traced: true,
		},
	]);
	return [
		{
			shape: 'otlp',
			source: source('@opentelemetry/sdk-logs + otlp-transformer JsonLogsSerializer'),
			value: otlp,
			kafkaTime: now,
			expected: {
				service: 'checkout',
				level: 'error',
				time: otlpTime,
				message: 'payment failed',
				traceId: TRACE_ID,
				spanId: SPAN_ID,
			},
		},
		{
			shape: 'pino',
			source: source('pino'),
			value: pino[2]!,
			kafkaTime: now,
			expected: {
				service: 'billing',
				level: 'error',
				time: field(pino[2]!, 'time'),
				message: 'invoice 9 failed',
			},
		},
		{
			shape: 'bunyan',
			source: source('bunyan'),
			value: bunyan[2]!,
			kafkaTime: now,
			expected: {
				service: 'orders',
				level: 'fatal',
				time: Date.parse(field(bunyan[2]!, 'time')),
				message: 'database gone',
			},
		},
		{
			shape: 'winston-json',
			source: source('winston'),
			value: winston[1]!,
			kafkaTime: now,
			expected: {
				service: 'user-service',
				level: 'warn',
				time: Date.parse(field(winston[1]!, 'timestamp')),
				message: 'password too weak',
			},
		},
		{
			shape: 'winston-logstash',
			source: source('winston'),
			value: logstash[2]!,
			kafkaTime: now,
			expected: {
				service: 'user-service',
				level: 'error',
				time: Date.parse(field(logstash[2]!, '@timestamp')),
				message: 'profile store down',
			},
		},
	];
}

describe('record shapes: one fixture per row', () => {
	it('reads every committed fixture (real library output or documented)', () => {
		for (const fixture of COMMITTED_FIXTURES) check(fixture);
	});

	it('reads the lines pino, bunyan and winston write (npm, at test time)', async () => {
		for (const fixture of await nodeFixtures()) check(fixture);
	});

	it('has a fixture for every row but the generic one, and only for rows of the table', async () => {
		const covered = new Set(
			[...COMMITTED_FIXTURES, ...(await nodeFixtures())].map((fixture) => fixture.shape),
		);
		const rows = RECORD_SHAPES.map((shape) => shape.id);
		for (const id of covered) expect(rows, id).toContain(id);
		for (const id of rows.filter((id) => id !== GENERIC_SHAPE.id)) expect([...covered], id).toContain(id);
	});

	it('keeps rows without match honest: their fields are the generic row fields', () => {
		for (const shape of RECORD_SHAPES.filter((row) => row.match === undefined && row !== GENERIC_SHAPE)) {
			for (const field of ['service', 'level', 'time', 'message', 'traceId', 'spanId', 'host'] as const) {
				for (const path of shape[field] ?? [])
					expect(GENERIC_SHAPE[field], `${shape.id}.${field}`).toContainEqual(path);
			}
		}
	});
});
