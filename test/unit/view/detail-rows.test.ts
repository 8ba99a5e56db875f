import {describe, expect, it} from 'vitest';
import type {RawRecord} from '../../../source/record/log-record.js';
import {parseRecord} from '../../../source/record/parse-record.js';
import {detailRows} from '../../../source/view/detail-rows.js';
import {findTerminalUnsafe} from '../../support/records/hostile-corpus.js';
import {COMMITTED_FIXTURES} from '../../support/records/shape-fixtures.js';

const KAFKA_TIME = Date.parse('2024-12-06T10:00:05.000Z');

function rowsOf(value: string) {
	const raw: RawRecord = {
		topic: 'logs',
		partition: 1,
		offset: 9,
		timestamp: KAFKA_TIME,
		key: null,
		value: Buffer.from(value),
		headers: undefined,
	};
	return detailRows(parseRecord(raw, 0));
}

const texts = (value: string) => rowsOf(value).map((row) => row.text);

describe('detail rows', () => {
	it('shows the log time and the Kafka time, and says when the record names no time', () => {
		const timed = texts('{"msg":"m","time":"2024-12-06T10:00:00.123Z"}');
		expect(timed).toContain('log time   2024-12-06T10:00:00.123Z');
		expect(timed).toContain('kafka time 2024-12-06T10:00:05.000Z');
		expect(texts('{"msg":"m"}')).toContain(
			'log time   2024-12-06T10:00:05.000Z (the Kafka time: none in the record)',
		);
	});

	it('names the shape and shows trace and span ids', () => {
		const logback = COMMITTED_FIXTURES.find((fixture) => fixture.shape === 'logstash-logback')!;
		const rows = texts(logback.value);
		expect(rows).toContain(
			'shape      logback + logstash-logback-encoder (customFields appname/app_name/application)',
		);
		expect(rows).toContain('trace id   4bf92f3577b34da6a3ce929d0e0e4736');
		expect(rows).toContain('span id    00f067aa0ba902b7');
	});

	it("shows a shipper's envelope with its metadata as fields and the application's JSON unwrapped", () => {
		const fluentBit = COMMITTED_FIXTURES.find((fixture) => fixture.shape === 'fluent-bit-kubernetes')!;
		const rows = rowsOf(fluentBit.value);
		const text = rows.map((row) => row.text);
		expect(text).toContain('shape      Fluent Bit (kubernetes filter) › Any other JSON object');
		expect(text).toContain('  "log": (JSON in a string)');
		const fields = rows.flatMap((row) => (row.field ? [`${row.field.path}=${row.field.value}`] : []));
		expect(fields).toEqual(
			expect.arrayContaining([
				'kubernetes.pod_name=orders-5c9-abcde',
				'kubernetes.namespace_name=prod',
				'kubernetes.container_name=orders-container',
				'log.level=warn',
				'log.service=orders',
			]),
		);
	});

	it('keeps every row terminal-safe, also for hostile JSON inside a string', () => {
		const value = JSON.stringify({
			log: JSON.stringify({msg: '\u001b[2Jcleared', '\u001b]0;t\u0007': 1, trace_id: '\u009b6n'}),
			kubernetes: {pod_name: 'p\u202e', container_name: 'c'},
		});
		for (const row of rowsOf(value)) expect(findTerminalUnsafe(row.text), row.text).toBeUndefined();
	});
});
