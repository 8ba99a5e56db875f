import {mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {exportFileName, exportLine, exportView} from '../../../source/export/export-view.js';
import type {RawRecord} from '../../../source/record/log-record.js';
import {createLogStore} from '../../../source/store/log-store.js';
import {type DisposableLogStore, isMark, type ViewLine} from '../../../source/store/log-store-types.js';
import {formatJsonLine} from '../../../source/terminal-text/format-json-line.js';
import {logRecord} from '../../support/terminal/tui-fixtures.js';

let directory: string;
const stores: DisposableLogStore[] = [];

beforeEach(async () => {
	directory = await mkdtemp(join(tmpdir(), 'klog-export-unit-'));
});

afterEach(async () => {
	for (const store of stores.splice(0)) store.dispose();
	await rm(directory, {recursive: true, force: true});
});

function storeOf(records: RawRecord[]) {
	const store = createLogStore();
	stores.push(store);
	store.append(records);
	return store;
}

/** The store's one view line for `record`. */
function lineOf(record: RawRecord): ViewLine {
	return storeOf([record]).slice(0, 1)[0]!;
}

function parsed(line: string): Record<string, unknown> {
	return JSON.parse(line) as Record<string, unknown>;
}

describe('exportLine', () => {
	it('writes a record as --output json does: the same line, kafkaTime and size included', () => {
		const record = logRecord(
			{service: 'api', level: 'warn', message: 'slow', user: {id: 42}, time: '2024-01-31T12:00:00.000Z'},
			{partition: 2, offset: 77, key: 'k1', headers: {trace: 'abc'}},
		);
		const line = lineOf(record);
		if (isMark(line)) throw new Error('expected a record');
		expect(exportLine(line)).toBe(formatJsonLine(line));
		expect(parsed(exportLine(line))).toEqual({
			kafkaTime: new Date(Number(record.timestamp)).toISOString(),
			size: line.size,
			time: '2024-01-31T12:00:00.000Z',
			topic: 'logs',
			partition: 2,
			offset: 77,
			service: 'api',
			level: 'warn',
			message: 'slow',
			key: 'k1',
			headers: {trace: 'abc'},
			value: {
				service: 'api',
				level: 'warn',
				message: 'slow',
				user: {id: 42},
				time: '2024-01-31T12:00:00.000Z',
			},
		});
	});

	it('keeps a text value as text, a tombstone as null, and a shortened JSON value as text', () => {
		const text: RawRecord = {...logRecord({}), value: Buffer.from('ERROR disk full')};
		expect(parsed(exportLine(lineOf(text)))).toMatchObject({value: 'ERROR disk full', level: 'error'});
		const tombstone: RawRecord = {...logRecord({}), value: null};
		expect(parsed(exportLine(lineOf(tombstone))).value).toBeNull();
		// Over MAX_VALUE_LENGTH the store keeps a cut value: no longer JSON, so it stays a string.
		const huge = logRecord({service: 'api', message: 'big', blob: 'x'.repeat(40_000)});
		const value = parsed(exportLine(lineOf(huge))).value;
		expect(typeof value).toBe('string');
		expect(value).toContain('"blob":"xxx');
	});

	it('writes a mark as its label and time', () => {
		const store = storeOf([]);
		const mark = store.addMark('deploy');
		expect(isMark(mark)).toBe(true);
		expect(parsed(exportLine(mark))).toEqual({mark: 'deploy', time: new Date(mark.time).toISOString()});
	});
});

describe('exportFileName', () => {
	it('names the file after the local date and time, to the second', () => {
		expect(exportFileName(new Date(2024, 0, 31, 12, 5, 1))).toBe('klog-export-20240131-120501.jsonl');
		expect(exportFileName(new Date(2025, 11, 9, 0, 0, 0))).toBe('klog-export-20251209-000000.jsonl');
	});
});

describe('exportView', () => {
	const now = new Date(2024, 0, 31, 12, 5, 1);

	it('writes the filtered view, in order, across chunks, and says where and how much', async () => {
		const services = ['api', 'auth', 'worker'];
		const store = storeOf(
			Array.from({length: 4500}, (_, index) =>
				logRecord({service: services[index % 3], message: `line ${index}`}, {offset: index}),
			),
		);
		store.setFilter({
			services: {mode: 'include', services: new Set(['auth'])},
			minLevel: undefined,
			terms: [],
		});
		const result = (await exportView(store, directory, now))!;
		expect(result).toEqual({path: join(directory, 'klog-export-20240131-120501.jsonl'), lines: 1500});
		const lines = (await readFile(result.path, 'utf8')).split('\n');
		expect(lines.pop()).toBe('');
		expect(lines).toHaveLength(1500);
		expect(lines.map((line) => parsed(line).message)).toEqual(
			Array.from({length: 1500}, (_, index) => `line ${index * 3 + 1}`),
		);
	});

	it('writes no file for an empty view', async () => {
		expect(await exportView(storeOf([]), directory, now)).toBeUndefined();
		expect(await readdir(directory)).toEqual([]);
	});

	it('never overwrites a file that is already there: a second export in the same second gets -2', async () => {
		const path = join(directory, exportFileName(now));
		await writeFile(path, 'keep me\n');
		const second = (await exportView(storeOf([logRecord({message: 'new'})]), directory, now))!;
		const third = (await exportView(storeOf([logRecord({message: 'newer'})]), directory, now))!;
		expect(await readFile(path, 'utf8')).toBe('keep me\n');
		expect(second.path).toBe(path.replace(/\.jsonl$/, '-2.jsonl'));
		expect(third.path).toBe(path.replace(/\.jsonl$/, '-3.jsonl'));
		expect((JSON.parse(await readFile(third.path, 'utf8')) as {message: string}).message).toBe('newer');
		expect((await readdir(directory)).sort()).toEqual(
			[path, second.path, third.path].map((file) => file.slice(directory.length + 1)).sort(),
		);
	});
});
