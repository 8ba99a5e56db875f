import {describe, expect, it} from 'vitest';
import {packJsonLines, readJsonLines} from '../../../source/plain/json-line-packing.js';
import {flatKeys, readFlatObject, readFlatRecord, withoutFastPath} from '../../../source/record/flat-json.js';
import type {RawRecord} from '../../../source/record/log-record.js';
import {parseRecord} from '../../../source/record/parse-record.js';
import {createShapeReader, emptyReading} from '../../../source/record/shapes/read-shape.js';
import {formatJsonLine} from '../../../source/terminal-text/format-json-line.js';
import {createLogLineGenerator} from '../../../tools/load/log-lines.js';
import {hostileRawRecords} from '../../support/records/hostile-corpus.js';
import {COMMITTED_FIXTURES} from '../../support/records/shape-fixtures.js';

/** Flat records the fast path should take, and near misses it must leave to JSON.parse. */
const HAND_VALUES = [
	'{"message":"m","level":"warn","service":"s","timestamp":"2024-05-01T12:00:00.123Z"}',
	'{"msg":"pino","level":30,"time":1714564800123,"pid":1,"hostname":"h","name":"app"}',
	'{"message":"numbers","level":-1.5e+3,"time":0,"a":-0,"b":1E2,"c":0.5,"d":true,"e":false,"f":null}',
	'{"message":"dup","level":"info","level":"error"}',
	'{"message":"null level","level":null,"severity":"warn"}',
	'{"level":"info"}',
	'{"message":""}',
	'{"message":"{\\"inner\\":1}"}',
	'{"message":"{not json"}',
	'{"message":"esc \\" \\\\ \\n \\u001b[2J \\ud800"}',
	'{"message":"spaces", "level":"info"}',
	'{"message":"trailing"} ',
	'{"message":"nested","service":{"name":"svc"}}',
	'{"message":"array","tags":[1,2]}',
	'{"message":"bad number","n":01}',
	'{"message":"bad number","n":1.}',
	'{"message":"bad number","n":-}',
	'{"message":"bad literal","n":tru}',
	'{"message":"cut","level":"in',
	'{"message":"two"}{"message":"objects"}',
	'{"__proto__":"x","message":"proto"}',
	'{"message":"proto value","__proto__":{"level":"error"}}',
	'{"resourceLogs":"x","message":"otlp-ish"}',
	'{"message":"日本語","level":"info"}',
	'{"message":"del \u007f"}',
	'{"":"empty key","message":"m"}',
	'{"message":"m","log.level":"warn","service.name":"dotted"}',
	'{"message":"m","@timestamp":"2024-05-01T12:00:00Z","log.level":"error"}',
	'{"timeUnixNano":"1714564800000000000","observedTimeUnixNano":"1","resource":"r","body":"b"}',
	'{"@t":"2024-05-01T12:00:00Z","@mt":"Order {Id} done","Id":7}',
	'{}',
	'[]',
	'{',
];

function raw(value: string | Buffer, offset: number, kafkaTime = 1_714_564_800_000): RawRecord {
	return {
		topic: 'logs',
		partition: offset % 3,
		offset,
		timestamp: kafkaTime,
		key: offset % 2 === 0 ? null : Buffer.from('api'),
		value: Buffer.isBuffer(value) ? value : Buffer.from(value),
		headers: undefined,
	};
}

function corpus(): RawRecord[] {
	const next = createLogLineGenerator(200, 11);
	return [
		...HAND_VALUES.map((value, index) => raw(value, index)),
		...Array.from({length: 200}, (_, index) => raw(next(), 1000 + index)),
		...COMMITTED_FIXTURES.map((fixture, index) => raw(fixture.value, 2000 + index, fixture.kafkaTime)),
		...hostileRawRecords('logs', 0, 3000),
	];
}

/** The `--output json` line of a record as the stream worker packs it. */
function packedLine(record: ReturnType<typeof parseRecord>, value: Buffer | null): string {
	const packed = readJsonLines(packJsonLines(record.topic, [record], [value]));
	return Buffer.from(packed.bytes.subarray(packed.lineStart(0), packed.lineEnd(0))).toString('utf8');
}

describe('flat-object fast path (record/flat-json.ts)', () => {
	it('reads every record as the general parser does, and prints the same line', () => {
		for (const record of corpus()) {
			const fast = parseRecord(record, 0);
			const general = withoutFastPath(() => parseRecord(record, 0));
			const label = record.value?.toString('utf8').slice(0, 120);
			expect(fast, label).toEqual(general);
			expect(formatJsonLine(fast), label).toBe(formatJsonLine(general));
			expect(packedLine(fast, record.value), label).toBe(packedLine(general, record.value));
		}
	});

	it('keeps of a flat object exactly the wanted fields JSON.parse gives, else refuses it', () => {
		const wantedKeys = [...createShapeReader().flatKeys];
		const wanted = flatKeys(wantedKeys);
		let read = 0;
		for (const record of corpus()) {
			if (record.value === null) continue;
			const text = record.value.toString('utf8');
			const flat = readFlatObject(text, wanted);
			if (flat === undefined) continue;
			read++;
			const parsed = JSON.parse(text) as Record<string, unknown>;
			const expected = Object.fromEntries(
				wantedKeys.filter((key) => Object.hasOwn(parsed, key)).map((key) => [key, parsed[key]]),
			);
			expect(flat, text).toEqual(expected);
			for (const key of Object.keys(flat)) expect(Object.is(flat[key], parsed[key]), key).toBe(true);
		}
		expect(read).toBeGreaterThan(200);
	});

	it('takes the common shapes and leaves the others to JSON.parse', () => {
		const shapes = createShapeReader();
		const reading = emptyReading();
		const takes = (text: string) => readFlatRecord(text, shapes, reading);
		const next = createLogLineGenerator(200, 3);
		for (let index = 0; index < 20; index++) expect(takes(next())).toBe(true);
		expect(takes(HAND_VALUES[0]!)).toBe(true);
		expect(takes(HAND_VALUES[1]!)).toBe(true);
		for (const text of [
			'{"level":"info"}',
			'{"message":"esc \\" inside"}',
			'{"message":"spaces", "level":"info"}',
			'{"message":"nested","service":{"name":"svc"}}',
			'{"message":"{\\"inner\\":1}"}',
			'{"@t":"2024-05-01T12:00:00Z","@mt":"Order {Id} done","Id":7}',
			'{"resourceLogs":"x","message":"otlp-ish"}',
		])
			expect(takes(text), text).toBe(false);
		expect(withoutFastPath(() => takes(HAND_VALUES[0]!))).toBe(false);
	});
});
