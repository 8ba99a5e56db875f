import {BinaryWriter} from '@bufbuild/protobuf/wire';
import {describe, expect, it} from 'vitest';
import {packLogRecords, unpackLogRecords} from '../../../source/kafka/worker/log-record-packing.js';
import type {LogRecord, RawRecord} from '../../../source/record/log-record.js';
import {decodeOtlpLogsProto} from '../../../source/record/otlp/decode-otlp-proto.js';
import {
	MAX_OTLP_ROWS,
	parseRecord,
	parseRecordRows,
	UNKNOWN_SERVICE,
} from '../../../source/record/parse-record.js';
import {EMPTY_FILTER} from '../../../source/store/filter/record-filter.js';
import {createLogStore} from '../../../source/store/log-store.js';
import {isMark} from '../../../source/store/log-store-types.js';
import {formatJsonLine} from '../../../source/terminal-text/format-json-line.js';
import {detailRows} from '../../../source/view/detail-rows.js';
import {
	type OtlpLog,
	otlpJsonRequest,
	otlpProtoRequest,
	SeverityNumber,
	SPAN_ID,
	TRACE_ID,
} from '../../support/records/otlp-requests.js';

const KAFKA_TIME = Date.now();
const AT = KAFKA_TIME - 60_000;

function raw(value: Buffer | string, extra: Partial<RawRecord> = {}): RawRecord {
	return {
		topic: 'otel-logs',
		partition: 2,
		offset: 41,
		timestamp: KAFKA_TIME,
		key: null,
		value: typeof value === 'string' ? Buffer.from(value) : value,
		headers: undefined,
		...extra,
	};
}

function rowsOf(record: RawRecord): LogRecord[] {
	const rows: LogRecord[] = [];
	parseRecordRows(record, rows);
	return rows;
}

/** Three log records of two services, as an instrumented shop would write them. */
const SHOP: OtlpLog[] = [
	{
		service: 'checkout',
		severityNumber: SeverityNumber.ERROR,
		severityText: 'ERROR',
		body: 'payment failed',
		attributes: {'order.id': 42, 'http.method': 'POST'},
		time: AT,
		traced: true,
	},
	{
		service: 'checkout',
		severityNumber: SeverityNumber.DEBUG2,
		body: {cart: {items: 3}, tags: ['a', true]},
		time: AT + 1,
	},
	{service: 'cart', severityText: 'Warning', body: 'low stock', time: AT + 2},
	{service: 'cart', severityNumber: SeverityNumber.FATAL, body: 12.5, time: AT + 3},
	{service: 'cart', severityNumber: SeverityNumber.TRACE, body: Buffer.from([0, 1, 255]), time: AT + 4},
];

const EXPECTED = [
	{service: 'checkout', level: 'error', time: AT, message: 'payment failed'},
	{service: 'checkout', level: 'debug', time: AT + 1, message: '{"cart":{"items":3},"tags":["a",true]}'},
	{service: 'cart', level: 'warn', time: AT + 2, message: 'low stock'},
	{service: 'cart', level: 'fatal', time: AT + 3, message: '12.5'},
	{service: 'cart', level: 'trace', time: AT + 4, message: 'AAH/'},
];

const summary = (rows: LogRecord[]) =>
	rows.map(({service, level, time, message}) => ({service, level, time, message}));

describe('OTLP logs: a row per log record', () => {
	for (const format of ['otlp_proto', 'otlp_json'] as const) {
		it(`reads the SDK's ${format} request: service, level, time, message, ids, attributes`, async () => {
			const value = format === 'otlp_proto' ? await otlpProtoRequest(SHOP) : await otlpJsonRequest(SHOP);
			const rows = rowsOf(raw(value));
			expect(summary(rows)).toEqual(EXPECTED);
			expect(rows.map((row) => [row.topic, row.partition, row.offset, row.logIndex])).toEqual(
				[0, 1, 2, 3, 4].map((index) => ['otel-logs', 2, 41, index]),
			);
			expect(rows.every((row) => row.json && row.size === value.length)).toBe(true);
			const first = JSON.parse(rows[0]!.value!);
			expect(first).toMatchObject({
				severityNumber: 17,
				severityText: 'ERROR',
				body: 'payment failed',
				attributes: {'order.id': 42, 'http.method': 'POST'},
				traceId: TRACE_ID,
				spanId: SPAN_ID,
				flags: 1,
				resource: {'service.name': 'checkout', 'host.name': 'node-7'},
				scope: {name: 'shop', version: '1.2.3'},
			});
			expect(first.timeUnixNano).toBe(`${AT}000000`);
			// parseRecord (one record, one row) gives the first row.
			expect(parseRecord(raw(value), 0).message).toBe('payment failed');
		});
	}

	it('shows the attributes, ids and the log record in the detail view', async () => {
		const [row] = rowsOf(raw(await otlpProtoRequest(SHOP)));
		const text = detailRows(row!).map((line) => line.text);
		expect(text[0]).toContain('offset 41 · log record 0');
		expect(text).toContain(
			'shape      OpenTelemetry OTLP logs (otlp_proto, otlp_json; a row per log record)',
		);
		expect(text).toContain(`trace id   ${TRACE_ID}`);
		expect(text).toContain(`span id    ${SPAN_ID}`);
		expect(text.some((line) => line.includes('"order.id": 42'))).toBe(true);
		expect(text.some((line) => line.includes('"service.name": "checkout"'))).toBe(true);
	});

	it('gives logIndex in --output json for OTLP rows only, and through the worker packing', async () => {
		const rows = rowsOf(raw(await otlpProtoRequest(SHOP)));
		const unpacked = unpackLogRecords(packLogRecords('otel-logs', rows));
		expect(unpacked.map((row) => row.logIndex)).toEqual([0, 1, 2, 3, 4]);
		const lines = unpacked.map((row) => JSON.parse(formatJsonLine(row)));
		expect(lines.map((line) => [line.offset, line.logIndex, line.service, line.level])).toEqual(
			EXPECTED.map((row, index) => [41, index, row.service, row.level]),
		);
		expect(lines[0].value.resource['service.name']).toBe('checkout');
		const plain = parseRecord(raw('{"message":"hi","service":"api"}'), 0);
		expect(unpackLogRecords(packLogRecords('otel-logs', [plain]))[0]!.logIndex).toBeUndefined();
		expect(JSON.parse(formatJsonLine(plain))).not.toHaveProperty('logIndex');
	});

	it('filters rows on their attributes and resource (field=value, as the detail view offers)', async () => {
		const store = createLogStore();
		store.append([raw(await otlpProtoRequest(SHOP))]);
		const shown = (term: string) => {
			store.setFilter({...EMPTY_FILTER, terms: [term]});
			return store.slice(0, store.viewLength).map((line) => (isMark(line) ? '' : line.message));
		};
		expect(shown('attributes.http.method=POST')).toEqual(['payment failed']);
		expect(shown('attributes.order.id=42')).toEqual(['payment failed']);
		expect(shown('resource.service.name=cart')).toEqual(['low stock', '12.5', 'AAH/']);
		expect(shown(`traceId=${TRACE_ID}`)).toEqual(['payment failed']);
		store.dispose();
	});

	it('takes the observed time when the time is 0, and the Kafka time when both are', () => {
		const log = (fields: (writer: BinaryWriter) => void) => request([logRecord(fields)]);
		const observed = rowsOf(raw(log((w) => w.tag(11, 1).fixed64(BigInt(AT) * 1_000_000n))))[0]!;
		expect(observed.time).toBe(AT);
		const none = rowsOf(raw(log((w) => w.tag(3, 2).string('INFO'))))[0]!;
		expect([none.time, none.level, none.message]).toEqual([KAFKA_TIME, 'info', '(empty)']);
	});

	it('falls back to the key or a header for the service when the resource names none', () => {
		const value = request([logRecord((w) => w.tag(5, 2).fork().tag(1, 2).string('no service').join())]);
		expect(rowsOf(raw(value, {key: Buffer.from('billing')}))[0]!.service).toBe('billing');
		expect(rowsOf(raw(value, {headers: {service: 'mailer'}}))[0]!.service).toBe('mailer');
		expect(rowsOf(raw(value))[0]!.service).toBe(UNKNOWN_SERVICE);
	});

	it(`makes at most ${MAX_OTLP_ROWS} rows of a request, and says how many more it held`, () => {
		const value = request(Array.from({length: MAX_OTLP_ROWS + 5}, () => logRecord(() => {})));
		const rows = rowsOf(raw(value));
		expect(rows).toHaveLength(MAX_OTLP_ROWS + 1);
		expect(rows.at(-1)!.logIndex).toBe(MAX_OTLP_ROWS);
		expect(rows.at(-1)!.message).toContain('+5 log records of this OTLP request not shown');
	});
});

/** Hand-made protobuf, for what the SDK never writes: ExportLogsServiceRequest around log records. */
function logRecord(fields: (writer: BinaryWriter) => void): Uint8Array {
	const writer = new BinaryWriter();
	fields(writer);
	return writer.finish();
}

function request(logRecords: Uint8Array[]): Buffer {
	const scopeLogs = new BinaryWriter();
	for (const bytes of logRecords) scopeLogs.tag(2, 2).bytes(bytes);
	const resourceLogs = new BinaryWriter().tag(2, 2).bytes(scopeLogs.finish());
	return Buffer.from(new BinaryWriter().tag(1, 2).bytes(resourceLogs.finish()).finish());
}

describe('OTLP logs: what is not a request is read as before', () => {
	const plainly = (record: RawRecord) => {
		const rows = rowsOf(record);
		expect(rows).toHaveLength(1);
		expect(rows[0]!.logIndex).toBeUndefined();
		// Terminal-safe: no control character reaches a message.
		expect(rows[0]!.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
		return rows[0]!;
	};

	it('never throws on any cut of SDK bytes, and a cut that is not a whole request is text', async () => {
		const bytes = await otlpProtoRequest(SHOP);
		for (let length = 1; length < bytes.length; length++) {
			const rows = rowsOf(raw(bytes.subarray(0, length)));
			// A cut at the end of a resource's logs is a whole (shorter) request; any other is not.
			if (rows[0]!.logIndex === undefined) plainly(raw(bytes.subarray(0, length)));
			else expect(rows.length).toBeLessThan(SHOP.length);
		}
	});

	it('reads an OTLP trace request (the same nesting, other fields) as bytes, not as logs', () => {
		const span = new BinaryWriter()
			.tag(1, 2)
			.bytes(Buffer.from(TRACE_ID, 'hex'))
			.tag(2, 2)
			.bytes(Buffer.from(SPAN_ID, 'hex'))
			.tag(5, 2)
			.string('GET /cart')
			.finish();
		const value = request([span]);
		expect(decodeOtlpLogsProto(value)).toBeUndefined();
		expect(plainly(raw(value)).json).toBe(false);
	});

	it('reads text that starts with a line break, and other protobuf, as before', () => {
		expect(plainly(raw('\nERROR disk full')).level).toBe('error');
		expect(plainly(raw(Buffer.from([0x0a, 0x03, 0x66, 0x6f, 0x6f]))).message).not.toBe('');
		// Invalid UTF-8 in a string field: not OTLP.
		expect(
			decodeOtlpLogsProto(request([logRecord((w) => w.tag(3, 2).bytes(Buffer.from([0xff, 0xfe])))])),
		).toBe(undefined);
	});

	it('refuses AnyValues nested deeper than the bound, without recursion trouble', () => {
		let value = new BinaryWriter().tag(1, 2).string('deep').finish();
		for (let depth = 0; depth < 200; depth++) {
			const array = new BinaryWriter().tag(1, 2).bytes(value).finish();
			value = new BinaryWriter().tag(5, 2).bytes(array).finish();
		}
		const bytes = request([logRecord((w) => w.tag(5, 2).bytes(value))]);
		expect(decodeOtlpLogsProto(bytes)).toBeUndefined();
		plainly(raw(bytes));
	});

	it('reads JSON with resourceLogs that is not a request with log records as JSON', () => {
		for (const value of [
			{resourceLogs: 'nope', message: 'a'},
			{resourceLogs: [], message: 'b'},
			{resourceLogs: [{scopeLogs: [{logRecords: [1, 2]}]}], message: 'c'},
		]) {
			const row = plainly(raw(JSON.stringify(value)));
			expect([row.json, row.message]).toEqual([true, value.message]);
		}
	});

	it('keeps the values of empty and hostile attributes terminal-safe', async () => {
		const value = await otlpJsonRequest([
			{service: 'evil\u001b[2Jsvc', body: 'bell\u0007 \u001b]0;title\u0007 done', severityNumber: 9},
		]);
		const row = rowsOf(raw(value))[0]!;
		expect(row.service).not.toContain('\u001b');
		expect(row.message).not.toMatch(/[\u0000-\u001f]/);
	});

	it('keeps attribute keys such as __proto__ as plain keys of the document', () => {
		const attributes = ['__proto__', 'constructor', 'a.b'].map((key) => ({key, value: {stringValue: key}}));
		const request = {resourceLogs: [{scopeLogs: [{logRecords: [{body: {stringValue: 'x'}, attributes}]}]}]};
		const document = JSON.parse(rowsOf(raw(JSON.stringify(request)))[0]!.value!);
		expect(Object.getOwnPropertyNames(document.attributes).sort()).toEqual([
			'__proto__',
			'a.b',
			'constructor',
		]);
		expect(Object.getPrototypeOf({})).toBe(Object.prototype);
	});
});
