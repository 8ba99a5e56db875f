import {describe, expect, it} from 'vitest';
import {rowsWithValues} from '../../../source/kafka/worker/rows-with-values.js';
import {flatLineTime, writeFlatJsonLine} from '../../../source/plain/flat-json-line.js';
import {
	createRawBatchPacker,
	type JsonLineBatch,
	packJsonLines,
	readJsonLines,
} from '../../../source/plain/json-line-packing.js';
import {jsonLineBatchOf} from '../../../source/plain/main-thread-lines.js';
import {forgetLayouts} from '../../../source/record/flat-layout.js';
import type {LogRecord, RawRecord} from '../../../source/record/log-record.js';
import {createRowParser, type ParseSettings, parseRecord} from '../../../source/record/parse-record.js';
import {createShapeReader} from '../../../source/record/shapes/read-shape.js';
import {formatJsonLine} from '../../../source/terminal-text/format-json-line.js';
import {createLogLineGenerator} from '../../../tools/load/log-lines.js';
import {hostileRawRecords} from '../../support/records/hostile-corpus.js';
import {COMMITTED_FIXTURES} from '../../support/records/shape-fixtures.js';

const KAFKA_TIME = Date.UTC(2025, 5, 1, 12, 0, 0);

/** The bench's record with some fields replaced (undefined drops one), compact as producers write it. */
function variant(base: string, changes: Record<string, unknown>): string {
	const object = {...(JSON.parse(base) as Record<string, unknown>), ...changes};
	for (const [name, value] of Object.entries(changes)) if (value === undefined) delete object[name];
	return JSON.stringify(object);
}

/** Near misses of every check the one-pass line makes, around the bench's records. */
function flatVariants(): string[] {
	const next = createLogLineGenerator(200, 5);
	const base = next();
	const changes: Array<Record<string, unknown>> = [
		...['2025-02-31T00:00:00.000Z', '2025-06-01T23:59:60.000Z', '0050-01-01T00:00:00.000Z'].map(
			(timestamp) => ({
				timestamp,
			}),
		),
		...['2025-06-01t12:00:00.000z', '2025-06-01T12:00:00Z', '2025-06-01T24:00:00.000Z'].map((timestamp) => ({
			timestamp,
		})),
		...['2025-06-01 12:00:00.000Z', '1969-12-31T23:59:59.999Z', '2025-06-01T12:00:00.000+00:00'].map(
			(timestamp) => ({timestamp}),
		),
		{timestamp: '0000-01-01T00:00:00.000Z'},
		{timestamp: '2024-02-29T23:59:59.999Z'},
		{timestamp: 1_748_779_200_123},
		{timestamp: null},
		{timestamp: ''},
		{timestamp: undefined},
		...[null, '', 'WARN', 'Warning', '50', ' info', 'error', 'bogus', 42].map((level) => ({level})),
		{level: undefined},
		...['', '{x', ' {"a":1}', '{}', ' lead', 'trail ', 'x'.repeat(4200)].map((message) => ({message})),
		{message: 12},
		{message: null},
		{message: undefined},
		...['', 's'.repeat(64), 's'.repeat(65), 7, true].map((service) => ({service})),
		{service: undefined},
		{service: undefined, host: ''},
		{msg: 'second message field'},
		{log: '{"level":"error","message":"inside"}'},
		{resourceLogs: 'x'},
		{trace_id: null, duration_ms: 1.5e3},
	];
	const values = changes.map((change) => variant(base, change));
	// The same layout again after others (the layouts remembered), and keys twice.
	values.push(
		next(),
		base.replace('"level":"', '"level":"x","level":"'),
		`{"__proto__":"p",${base.slice(1)}`,
	);
	values.push(base.replace(/^\{/, '{ '), `${base} `, base.replace('"service":', '"Service":'));
	return values;
}

/** A flat fixture with its times in the canonical form: the rows of the shape table on the fast path. */
function canonicalTimes(value: string, kafkaTime: number): string | undefined {
	let object: unknown;
	try {
		object = JSON.parse(value);
	} catch {
		return undefined;
	}
	if (typeof object !== 'object' || object === null || Array.isArray(object)) return undefined;
	const entries = Object.entries(object).map(([name, field]) => [
		name,
		typeof field === 'string' && /^\d{4}-\d\d-\d\d[T ]\d/.test(field)
			? new Date(kafkaTime).toISOString()
			: field,
	]);
	return JSON.stringify(Object.fromEntries(entries));
}

function raw(value: string | Buffer | null, offset: number, extra: Partial<RawRecord> = {}): RawRecord {
	return {
		topic: 'logs',
		partition: 2,
		offset,
		timestamp: KAFKA_TIME + offset,
		key: null,
		value: typeof value === 'string' ? Buffer.from(value) : value,
		headers: {},
		...extra,
	};
}

function corpus(): RawRecord[] {
	const next = createLogLineGenerator(200, 9);
	const keys = [
		null,
		Buffer.from(''),
		Buffer.from('api'),
		Buffer.from('key "q" \\'),
		Buffer.from([0xff]),
		Buffer.alloc(1100, 0x61),
	];
	const headers = [{}, undefined, {trace: Buffer.from('abc')}, {service: Buffer.from('from-header')}];
	const timestamps = [KAFKA_TIME, KAFKA_TIME + 0.5, -86_400_001, 253_402_300_799_999];
	const bench = Array.from({length: 120}, (_, index) =>
		raw(next(), index, {
			key: keys[index % keys.length]!,
			headers: headers[Math.floor(index / 6) % headers.length],
			timestamp: timestamps[Math.floor(index / 24) % timestamps.length]!,
		}),
	);
	const fixtures = COMMITTED_FIXTURES.flatMap((fixture, index) => {
		const canonical = canonicalTimes(fixture.value, fixture.kafkaTime);
		const extra = {timestamp: fixture.kafkaTime};
		return [
			raw(fixture.value, 2000 + 2 * index, extra),
			...(canonical ? [raw(canonical, 2001 + 2 * index, extra)] : []),
		];
	});
	return [
		...bench,
		...flatVariants().map((value, index) => raw(value, 1000 + index)),
		...fixtures,
		...hostileRawRecords('logs', 2, 3000),
		raw(null, 4000),
		raw('', 4001),
	];
}

/** The packed lines of `raws` as the worker packed them before this path: every record parsed. */
function parsedPacking(raws: readonly RawRecord[], settings?: ParseSettings): ArrayBuffer {
	const parseRows = rowsWithValues(createRowParser(settings));
	const rows: LogRecord[] = [];
	const values: Array<Uint8Array | null> = [];
	for (const record of raws) parseRows(record, rows, values);
	return packJsonLines(rows[0]?.topic ?? '', rows, values);
}

/** A batch of lines as text: its topic, then per line its entry and the line's bytes. */
function textOf(batch: JsonLineBatch): string {
	const lines = [batch.topic];
	for (let index = 0; index < batch.count; index++) {
		const entry = [
			batch.partition(index),
			batch.offset(index),
			batch.row(index),
			batch.time(index),
			batch.kafkaTime(index),
		];
		const line = Buffer.from(batch.bytes.subarray(batch.lineStart(index), batch.lineEnd(index))).toString(
			'latin1',
		);
		lines.push(`${entry.join(' ')} ${line}`);
	}
	return lines.join('\n');
}

/** The worker's raw batch, its lines written as the main thread writes them. */
const splitPacking = (buffer: ArrayBuffer, settings?: ParseSettings) =>
	textOf(jsonLineBatchOf(buffer, settings));
/** Lines packed by the worker, read as the main thread reads them. */
const packedLines = (buffer: ArrayBuffer) => textOf(readJsonLines(buffer));

describe('the one-pass line of a flat record (plain/flat-json-line.ts)', () => {
	for (const [name, settings] of [
		['without settings', undefined],
		[
			'with the config file fields',
			{fields: {service: ['app', 'host'], message: ['detail'], level: ['sev']}},
		],
	] as const) {
		it(`packs every record of the corpus as parsing it does, byte for byte (${name})`, () => {
			const packRaw = createRawBatchPacker(settings, rowsWithValues(createRowParser(settings)));
			const raws = corpus();
			for (const record of raws) {
				forgetLayouts();
				const label = record.value?.toString('utf8').slice(0, 160);
				expect(splitPacking(packRaw([record]), settings), label).toBe(
					packedLines(parsedPacking([record], settings)),
				);
			}
			// A whole batch at once: the entries (partition, offset, row, times) and the lines.
			expect(splitPacking(packRaw(raws), settings)).toBe(packedLines(parsedPacking(raws, settings)));
		});
	}

	it('keeps the lines of each batch as written while later ones, and one larger than a slab, are written', () => {
		const packRaw = createRawBatchPacker(undefined, rowsWithValues(createRowParser()));
		const next = createLogLineGenerator(200, 11);
		const batchOf = (size: number, first: number) =>
			Array.from({length: size}, (_, index) =>
				raw(next(), first + index, {key: index % 3 ? null : Buffer.from('k')}),
			);
		// 40 batches of ~0.4 MB of lines (slabs of 4 MB fill and are left), then one of ~6 MB.
		const sizes = [...Array.from({length: 40}, () => 1000), 15_000];
		const written: Array<{batch: JsonLineBatch; text: string}> = [];
		let offset = 0;
		for (const size of sizes) {
			const raws = batchOf(size, offset);
			offset += size;
			const batch = jsonLineBatchOf(packRaw(raws));
			const text = textOf(batch);
			expect(text).toBe(packedLines(parsedPacking(raws)));
			written.push({batch, text});
		}
		for (const {batch, text} of written) expect(textOf(batch)).toBe(text);
	});

	it('leaves to the parser a record of a known layout with an escape or a byte beyond ASCII', () => {
		const settings = undefined;
		const packRaw = createRawBatchPacker(settings, rowsWithValues(createRowParser(settings)));
		forgetLayouts();
		const known = (message: string, level = 'info') =>
			`{"timestamp":"2025-06-01T12:00:09.958Z","level":"${level}","service":"api","message":"${message}","n":1}`;
		const raws = [
			raw(known('learnt from this one'), 1),
			raw(known('a \\"quoted\\" word'), 2),
			raw(known('back\\\\slash'), 3),
			raw(known('caf\u00e9'), 4),
			raw(Buffer.concat([Buffer.from(known('raw byte ')), Buffer.from([0xc3, 0xa9])]), 5),
			raw(known('level with an escape', 'in\\"fo'), 6),
			raw(known('tab\there'), 7),
			raw(known('and the layout again'), 8),
		];
		expect(splitPacking(packRaw(raws), settings)).toBe(packedLines(parsedPacking(raws, settings)));
	});

	it('scans a batch once and still leaves each record with a byte it cannot take to the parser', () => {
		const packRaw = createRawBatchPacker(undefined, rowsWithValues(createRowParser()));
		const next = createLogLineGenerator(200, 17);
		// Each byte the one pass refuses, at each place of a word (the scan reads four bytes at
		// a time), in a record between clean ones of the same layout, with and without keys.
		for (const bad of [0x00, 0x09, 0x1f, 0x7f, 0x80, 0xc3, 0xff, 0x5c]) {
			for (let shift = 0; shift < 4; shift++) {
				forgetLayouts();
				const clean = next();
				const at = clean.indexOf('"message":"') + 11 + shift;
				const dirty = Buffer.from(clean, 'latin1');
				dirty[at] = bad;
				const raws = [
					raw(next(), 1, {key: shift % 2 ? Buffer.from('k'.repeat(shift)) : null}),
					raw(dirty, 2),
					raw(next(), 3, {key: Buffer.from([0x6b, bad])}),
					raw(next(), 4),
					raw(Buffer.concat([Buffer.from(next()), Buffer.from([bad])]), 5),
					raw(next(), 6),
				];
				expect(splitPacking(packRaw(raws)), `byte ${bad} at ${shift}`).toBe(packedLines(parsedPacking(raws)));
			}
		}
	});

	it('tells apart layouts whose keys differ only where a pattern could mistake one for another', () => {
		const packRaw = createRawBatchPacker(undefined, rowsWithValues(createRowParser()));
		forgetLayouts();
		const time = '"timestamp":"2025-06-01T12:00:09.958Z"';
		const raws = [
			// Keys of the pattern's own characters, then keys they would match unescaped.
			raw(`{${time},"level":"info","service":"api","mess.ge":"m","msg":"x","a+b":1}`, 1),
			raw(`{${time},"level":"info","service":"api","message":"m","msg":"x","a+b":1}`, 2),
			raw(`{${time},"level":"info","service":"api","mess.ge":"m","msg":"x","aab":1}`, 3),
			raw(`{${time},"level":"info","service":"api","m(s)":"m","[x]":"y","$^|?*{}/-":2}`, 4),
			raw(`{${time},"level":"info","service":"api","ms":"m","[x]":"y","$^|?*{}/-":2}`, 5),
			// A number, a literal and an empty string where the layout has another kind.
			raw(`{${time},"level":"info","service":"api","message":"m","n":1.5e3}`, 6),
			raw(`{${time},"level":"info","service":"api","message":"m","n":"1.5e3"}`, 7),
			raw(`{${time},"level":"info","service":"api","message":"m","n":01}`, 8),
			raw(`{${time},"level":"info","service":"api","message":"","n":true}`, 9),
			raw(`{${time},"level":"","service":"api","message":"m","n":null}`, 10),
		];
		expect(splitPacking(packRaw(raws))).toBe(packedLines(parsedPacking(raws)));
	});

	it('writes the common records in one pass and leaves the others to the parser', () => {
		const shapes = createShapeReader();
		const target = Buffer.alloc(64 * 1024);
		const taken = (record: RawRecord) => {
			// As the first record of a stream: what is taken does not hang on the records before.
			forgetLayouts();
			const end = writeFlatJsonLine(record, '"logs"', shapes, target, 0);
			if (end >= 0) {
				const parsed = parseRecord(record, 0);
				expect(Buffer.from(target.subarray(0, end)).toString('latin1')).toBe(formatJsonLine(parsed));
				expect(flatLineTime()).toBe(parsed.time);
			}
			return end >= 0;
		};
		const raws = corpus();
		// The bench's records with no key or an ASCII one of at most 1 KB, no headers, integer Kafka times.
		const bench = raws.slice(0, 24).map(taken);
		expect(bench).toEqual(bench.map((_, index) => index % 6 < 4 && Math.floor(index / 6) < 2));
		const variants = flatVariants().map((value, index) => taken(raw(value, index)));
		// Some variants only change what the parser keeps as it is (a level's text, a 64-char service).
		expect(variants.filter(Boolean).length).toBeGreaterThan(8);
		expect(variants.filter((fast) => !fast).length).toBeGreaterThan(30);
		// Fixtures of several rows of the shape table, with canonical times.
		const fixtures = raws.filter((record) => record.offset >= 2000 && record.offset < 3000).map(taken);
		expect(fixtures.filter(Boolean).length).toBeGreaterThan(5);
	});

	it('probes at most one record in eight of a stream of ever new layouts, and still learns', () => {
		forgetLayouts();
		const shapes = createShapeReader();
		const target = Buffer.alloc(64 * 1024);
		const next = createLogLineGenerator(200, 13);
		// Keys that are ids: every record a layout of its own, none of them fast (no time).
		for (let index = 0; index < 500; index++)
			expect(
				writeFlatJsonLine(raw(`{"message":"m","id_${index}":1}`, index), '"logs"', shapes, target, 0),
			).toBe(-1);
		// Then the common records: one of the next eight is probed, and the rest follow it.
		const taken = Array.from(
			{length: 40},
			(_, index) => writeFlatJsonLine(raw(next(), 600 + index), '"logs"', shapes, target, 0) >= 0,
		);
		expect(taken.indexOf(true)).toBeLessThan(8);
		expect(taken.slice(8)).not.toContain(false);
	});
});
