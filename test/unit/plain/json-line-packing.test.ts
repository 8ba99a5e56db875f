import {describe, expect, it} from 'vitest';
import {packLogRecords, unpackLogRecords} from '../../../source/kafka/worker/log-record-packing.js';
import {packJsonLines, readJsonLines} from '../../../source/plain/json-line-packing.js';
import {
	createJsonLinePrinter,
	type OrderedJsonLines,
	orderedJsonLines,
} from '../../../source/plain/json-line-printer.js';
import {createLineWriter} from '../../../source/plain/line-writer.js';
import type {RawRecord} from '../../../source/record/log-record.js';
import {parseRecord} from '../../../source/record/parse-record.js';
import {createBatchTimeOrder} from '../../../source/store/time-order.js';
import {formatJsonLine} from '../../../source/terminal-text/format-json-line.js';
import {jsonLineBytesBound, writeJsonLineBytes} from '../../../source/terminal-text/json-line-bytes.js';
import {createLogLineGenerator} from '../../../tools/load/log-lines.js';
import {hostileRawRecords} from '../../support/records/hostile-corpus.js';

/** Records of the common shapes with every field the fast path writes varied. */
function commonRecords(): RawRecord[] {
	const next = createLogLineGenerator(200, 7);
	const values = [
		...Array.from({length: 50}, () => next()),
		'{"message":"quote \\" and backslash \\\\ inside","level":"warn","service":"a\\"b"}',
		'{"msg":"tab\\tescaped","level":30,"time":1714564800123,"name":"pino-app"}',
		'{"message":"no time","service":"x"}',
		'{ "message" : "spaces between tokens" , "level" : "error" }',
		'{"message":"text\twith a raw tab is not JSON"}',
		'{"message":"line\nbreak"}',
		'{"message":"DEL \u007f inside"}',
		'{"message":"日本語"}',
		'{"message":"old","timestamp":"1969-12-31T23:59:59.999Z"}',
		'{"message":"far","timestamp":"+010000-01-01T00:00:00.000Z"}',
		'{"message":"year 1","timestamp":"0001-01-01T00:00:00.000Z"}',
		'{"message":"fraction","timestamp":1714564800.1234}',
		'{"message":"nested","service":{"name":"svc"},"extra":{"a":[1,2,{"b":null}]}}',
		`{"message":"${'long '.repeat(900)}"}`,
		'[1,2,3]',
		'plain text line',
		'level=info msg="logfmt" service=lf',
		'',
	];
	const keys = [null, Buffer.from('api'), Buffer.from('key "quoted" \\'), Buffer.from([0xff, 0x41])];
	const headers = [
		undefined,
		{trace: Buffer.from('abc'), 'x-"q"': 'v\\'},
		{service: Buffer.from('from-header')},
		{bad: Buffer.from('\u001b[2J')},
	];
	return values.map((value, index) => ({
		topic: 'logs',
		partition: index % 7,
		offset: index === 3 ? 2 ** 53 + 2 : index * 1_000_003,
		timestamp: [1_714_564_800_000 + index, -86_400_001, 0, 253_402_300_799_999, 1_714_564_800_000.5][
			index % 5
		]!,
		key: keys[index % keys.length]!,
		value: index === values.length - 1 ? null : Buffer.from(value),
		headers: headers[index % headers.length],
	}));
}

/** The bytes of each line of a packed batch. */
function linesOf(buffer: ArrayBuffer): string[] {
	const batch = readJsonLines(buffer);
	return Array.from({length: batch.count}, (_, index) =>
		Buffer.from(batch.bytes.subarray(batch.lineStart(index), batch.lineEnd(index))).toString('utf8'),
	);
}

describe('packJsonLines', () => {
	it('gives the lines formatJsonLine gives on the main thread, byte for byte, fast path or not', () => {
		const raws = [...commonRecords(), ...hostileRawRecords('logs', 3, 100)];
		const parsed = raws.map((raw) => parseRecord(raw, 0));
		const packed = packJsonLines(
			'logs',
			parsed,
			raws.map((raw) => raw.value),
		);
		// The general path: the records cross the thread boundary, then formatJsonLine.
		const general = unpackLogRecords(packLogRecords('logs', parsed)).map(
			(record) => `${formatJsonLine(record)}\n`,
		);
		expect(linesOf(packed)).toEqual(general);
		const batch = readJsonLines(packed);
		expect(batch.topic).toBe('logs');
		expect(
			Array.from({length: batch.count}, (_, index) => [batch.partition(index), batch.offset(index)]),
		).toEqual(raws.map((raw) => [raw.partition, raw.offset]));
		// Without the value bytes every line goes through formatJsonLine: same text.
		expect(linesOf(packJsonLines('logs', parsed))).toEqual(general);
	});

	it('takes the fast path for the common records and leaves the others to formatJsonLine', () => {
		const raws = commonRecords();
		const taken = raws.map((raw) => {
			const record = parseRecord(raw, 0);
			if (raw.value === null) return false;
			const topicJson = JSON.stringify(record.topic);
			const target = new Uint8Array(jsonLineBytesBound(record, topicJson, raw.value.length));
			const end = writeJsonLineBytes(record, topicJson, raw.value, target, 0);
			if (end >= 0)
				expect(Buffer.from(target.subarray(0, end)).toString('utf8')).toBe(formatJsonLine(record));
			return end >= 0;
		});
		// The bench's lines with Kafka times of a four-digit year, integer ms, and a safe integer
		// offset (record 3 has 2^53 + 2): every key and header kind.
		expect(taken.slice(0, 50).filter((_, index) => index % 5 < 4 && index !== 3)).not.toContain(false);
		expect(taken[3]).toBe(false);
		// Quotes and backslashes in the fields and the value are escaped as JSON.stringify does.
		expect(taken[50]).toBe(true);
		// Not JSON, not ASCII, a cut or long value, odd times: the general path.
		expect(taken.filter((fast) => !fast).length).toBeGreaterThan(8);
	});
});

/** A printer into memory, and the lines it printed so far. */
function capturingPrinter() {
	const chunks: Buffer[] = [];
	const writer = createLineWriter(
		{
			write: (chunk) => {
				chunks.push(Buffer.from(chunk));
				return true;
			},
			once: () => undefined,
			on: () => undefined,
			writableLength: 0,
		},
		{onFull: () => undefined, onDrain: () => undefined, onClosed: () => undefined},
	);
	const printed = () =>
		Buffer.concat(chunks)
			.toString('utf8')
			.trimEnd()
			.split('\n')
			.map((line) => JSON.parse(line) as {partition: number; offset: number; message: string});
	return {printer: createJsonLinePrinter(writer), printed};
}

describe('createJsonLinePrinter', () => {
	it('prints each offset of a partition once, and again after the topic was forgotten', () => {
		const {printer, printed} = capturingPrinter();
		const batch = (partition: number, offsets: number[]) =>
			packJsonLines(
				'logs',
				offsets.map((offset) =>
					parseRecord(
						{
							topic: 'logs',
							partition,
							offset,
							timestamp: 1_714_564_800_000,
							key: null,
							value: Buffer.from(`{"message":"m${offset}"}`),
							headers: undefined,
						},
						0,
					),
				),
			);
		printer.print(batch(0, [0, 1, 2]));
		printer.print(batch(1, [0, 1]));
		// A re-delivery overlapping what was printed, with a gap in the middle.
		printer.print(batch(0, [1, 2, 3, 4]));
		printer.print(batch(0, [4, 5]));
		printer.forgetTopic('logs');
		printer.print(batch(0, [0]));
		expect(printed().map((line) => `${line.partition}:${line.offset}:${line.message}`)).toEqual([
			'0:0:m0',
			'0:1:m1',
			'0:2:m2',
			'1:0:m0',
			'1:1:m1',
			'0:3:m3',
			'0:4:m4',
			'0:5:m5',
			'0:0:m0',
		]);
	});

	it('prints packed lines in time order through the time order, by the times packed with them', () => {
		const {printer, printed} = capturingPrinter();
		const at = 1_714_564_800_000;
		/** A packed batch of `partition` whose records carry `times` (seconds after `at`) in their JSON. */
		const batch = (partition: number, firstOffset: number, times: number[], kafkaTime = at) =>
			orderedJsonLines(
				packJsonLines(
					'logs',
					times.map((time, index) =>
						parseRecord(
							{
								topic: 'logs',
								partition,
								offset: firstOffset + index,
								timestamp: kafkaTime,
								key: null,
								value: Buffer.from(
									time < 0
										? '{"message":"no time"}'
										: `{"message":"t${time}","time":"${new Date(at + time * 1000).toISOString()}"}`,
								),
								headers: undefined,
							},
							0,
						),
					),
				),
			);
		const order = createBatchTimeOrder<OrderedJsonLines>();
		order.push(batch(0, 0, [1, 4, 6]), 0);
		order.push(batch(1, 0, [2, 3, 5]), 0);
		// A line without a time of its own sorts by Kafka's time (here between t3 and t4).
		order.push(batch(2, 0, [-1], at + 3500), 0);
		// A re-delivered line takes its place in the merge but is printed once.
		order.push(batch(1, 2, [5]), 0);
		const runs = order.flush();
		printer.printRuns(runs);
		// Consecutive lines of one batch leave as one run (t1 alone, then t2 t3 of partition 1...).
		expect(runs.map(({batch: {partition}, from, to}) => `${partition}:${from}-${to}`)).toEqual([
			'0:0-1',
			'1:0-2',
			'2:0-1',
			'0:1-2',
			'1:2-3',
			'1:0-1',
			'0:2-3',
		]);
		expect(printed().map((line) => `${line.partition}:${line.offset}:${line.message}`)).toEqual([
			'0:0:t1',
			'1:0:t2',
			'1:1:t3',
			'2:0:no time',
			'0:1:t4',
			'1:2:t5',
			'0:2:t6',
		]);
	});
});
