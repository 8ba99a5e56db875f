import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {LogRecord, RawRecord} from '../../../source/record/log-record.js';
import {parseRecord} from '../../../source/record/parse-record.js';
import {formatJsonLine, formatPlainLine} from '../../../source/terminal-text/format-line.js';
import {findTerminalUnsafe, HOSTILE_CASES, hostileRawRecords} from '../../support/records/hostile-corpus.js';

const AT = Date.UTC(2024, 4, 1, 12, 0, 1, 250);

function record(overrides: Partial<LogRecord> = {}): LogRecord {
	return {
		seq: 1,
		topic: 'logs',
		partition: 1,
		offset: 99,
		time: AT,
		kafkaTime: AT + 5,
		service: 'api',
		level: 'warn',
		message: 'disk 91% full',
		key: 'k1',
		headers: {trace: 'abc'},
		value: '{"message":"disk 91% full","service":"api","level":"warn"}',
		json: true,
		size: 58,
		...overrides,
	};
}

describe('formatPlainLine', () => {
	// The records are from "today" unless a test says otherwise: the time of day is enough then.
	beforeEach(() => {
		vi.useFakeTimers({toFake: ['Date']});
		vi.setSystemTime(AT + 3_600_000);
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('writes the date too for a record that is not from today', () => {
		vi.setSystemTime(AT + 86_400_000);
		expect(formatPlainLine(record(), {colour: false, time: 'utc'})).toBe(
			'2024-05-01 12:00:01.250 api          WARN  disk 91% full',
		);
		expect(formatPlainLine(record({time: AT + 86_400_000}), {colour: false, time: 'utc'})).toBe(
			'12:00:01.250 api          WARN  disk 91% full',
		);
	});

	it('writes time, padded service, padded level and message', () => {
		expect(formatPlainLine(record(), {colour: false, time: 'utc'})).toBe(
			'12:00:01.250 api          WARN  disk 91% full',
		);
		expect(
			formatPlainLine(record({level: 'unknown', service: 'a-very-long-service-name'}), {
				colour: false,
				time: 'utc',
				serviceWidth: 8,
			}),
		).toBe('12:00:01.250 a-very-… -     disk 91% full');
		expect(formatPlainLine(record({service: '日本語'}), {colour: false, time: 'utc', serviceWidth: 7})).toBe(
			'12:00:01.250 日本語  WARN  disk 91% full',
		);
	});

	it('colours service and level only when asked, with our own SGR codes only', () => {
		const plain = formatPlainLine(record(), {colour: false, time: 'utc'});
		const coloured = formatPlainLine(record({level: 'error'}), {colour: true, time: 'utc', colourLevel: 3});
		expect(plain.includes('\u001b')).toBe(false);
		expect(coloured).toContain('\u001b[38;2;');
		expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe('12:00:01.250 api          ERROR disk 91% full');
		expect(findTerminalUnsafe(coloured, {allowSgr: true})).toBeUndefined();
		// Overrides reach the service colour: #010203 in truecolor.
		const overridden = formatPlainLine(record(), {
			colour: true,
			colourLevel: 3,
			serviceColours: {api: '#010203'},
		});
		expect(overridden).toContain('\u001b[38;2;1;2;3m');
		// Every colour the TUI reads (one painter for both): rgb(), ansi256() and names.
		const colourOf = (colour: string) =>
			formatPlainLine(record(), {colour: true, colourLevel: 3, serviceColours: {api: colour}});
		expect(colourOf('rgb(4, 5, 6)')).toContain('\u001b[38;2;4;5;6m');
		expect(colourOf('ansi256(200)')).toContain('\u001b[38;5;200m');
		expect(colourOf('magenta')).toContain('\u001b[35m');
		expect(colourOf('no-such-colour').replace(/\u001b\[[0-9;]*m/g, '')).toContain('api');
		// 16-colour terminals get 16-colour codes.
		expect(formatPlainLine(record(), {colour: true, colourLevel: 1})).toMatch(/\u001b\[(3|9)[0-7]m/);
	});

	it('is terminal-safe for every hostile record, coloured or not', () => {
		for (const [index, raw] of hostileRawRecords().entries()) {
			const parsed = parseRecord(raw, index);
			const name = HOSTILE_CASES[index]!.name;
			expect(findTerminalUnsafe(formatPlainLine(parsed, {colour: false})), name).toBeUndefined();
			expect(
				findTerminalUnsafe(formatPlainLine(parsed, {colour: true, colourLevel: 2}), {allowSgr: true}),
				name,
			).toBeUndefined();
		}
	});
});

describe('formatJsonLine', () => {
	it('writes every field, with the JSON value as an object', () => {
		expect(JSON.parse(formatJsonLine(record()))).toEqual({
			topic: 'logs',
			partition: 1,
			offset: 99,
			time: '2024-05-01T12:00:01.250Z',
			kafkaTime: '2024-05-01T12:00:01.255Z',
			service: 'api',
			level: 'warn',
			message: 'disk 91% full',
			key: 'k1',
			headers: {trace: 'abc'},
			size: 58,
			value: {message: 'disk 91% full', service: 'api', level: 'warn'},
		});
	});

	it('keeps text values and tombstones as they are', () => {
		expect(JSON.parse(formatJsonLine(record({json: false, value: 'plain text'}))).value).toBe('plain text');
		expect(JSON.parse(formatJsonLine(record({json: false, value: null, key: null}))).value).toBeNull();
	});

	it('escapes C1, bidi, separators and DEL so the line is safe on a terminal, and jq gets them back', () => {
		const value = JSON.stringify({message: 'x\u009b2J\u202e\u2028\u007f\u200b👨‍👩\u{e0001}\u001b[2J'});
		const line = formatJsonLine(record({value}));
		expect(findTerminalUnsafe(line)).toBeUndefined();
		expect(line).toContain('\\u009b');
		expect(line).toContain('\\u202e');
		expect(line).toContain('\\udb40\\udc01');
		expect(JSON.parse(line).value.message).toBe('x\u009b2J\u202e\u2028\u007f\u200b👨‍👩\u{e0001}\u001b[2J');
	});

	it('writes one line for every hostile record, parseable and terminal-safe', () => {
		for (const [index, raw] of hostileRawRecords().entries()) {
			const name = HOSTILE_CASES[index]!.name;
			const line = formatJsonLine(parseRecord(raw, index));
			expect(findTerminalUnsafe(line), name).toBeUndefined();
			const parsed = JSON.parse(line);
			expect(parsed.offset, name).toBe(index);
		}
	});

	it('falls back to the value text when it is too deep for JSON.stringify', () => {
		// 8 000 levels: small enough to be kept whole and parsed, too deep for JSON.stringify.
		const deep = `${'['.repeat(8000)}${']'.repeat(8000)}`;
		const raw: RawRecord = {
			topic: 't',
			partition: 0,
			offset: 0,
			timestamp: AT,
			key: null,
			value: Buffer.from(`{"a":${deep}}`),
			headers: undefined,
		};
		const parsed = parseRecord(raw, 0);
		expect(parsed.json).toBe(true);
		const line = formatJsonLine(parsed);
		expect(JSON.parse(line).value).toBe(`{"a":${deep}}`);
	});
});
