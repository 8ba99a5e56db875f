/**
 * Saved filters: the list's rules (`store/filter/saved-filters.ts`) and the round trip through the
 * config file (`settings/saved-filters-file.ts`): per profile, atomic, permissions and symlinks
 * kept, the rest of the file untouched, a read-only or broken file one line and no change.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {loadConfigFile, parseConfigText} from '../../../source/settings/config-file.js';
import {createSavedFiltersFile, savedFiltersOf} from '../../../source/settings/saved-filters-file.js';
import {
	filterNameProblem,
	findSavedFilter,
	mergeSavedFilters,
	savedFilterList,
	withSavedFilter,
} from '../../../source/store/filter/saved-filters.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'klog-saved-filters-'));
afterAll(() => fs.rmSync(dir, {recursive: true, force: true}));
let fileNumber = 0;

/** A config file of its own per test, holding `content` (JSON text as given). */
function configFile(content: string | undefined, mode = 0o600): string {
	const file = path.join(dir, `c${++fileNumber}`, 'config.json');
	fs.mkdirSync(path.dirname(file), {recursive: true});
	if (content !== undefined) fs.writeFileSync(file, content, {mode});
	return file;
}

function storeFor(file: string, profile?: string) {
	const loaded = fs.existsSync(file) ? loadConfigFile({configPath: file, env: {}}) : undefined;
	return createSavedFiltersFile({file, profile, config: loaded?.config});
}

describe('the saved filter list', () => {
	const list = [
		{name: 'slow', line: 'duration_ms>250'},
		{name: '5xx', line: 'status>=500'},
		{name: 'Slowest', line: 'duration_ms>2000'},
	];

	it('recalls by number, exact name, name in another case, or a unique start', () => {
		expect(findSavedFilter(list, '2')).toEqual({filter: list[1], number: 2});
		expect(findSavedFilter(list, 'slow')).toEqual({filter: list[0], number: 1});
		expect(findSavedFilter(list, 'SLOWEST')).toEqual({filter: list[2], number: 3});
		expect(findSavedFilter(list, '5')).toEqual({error: 'no saved filter 5: 1-3'});
		expect(findSavedFilter(list, '5x')).toEqual({filter: list[1], number: 2});
		expect(findSavedFilter(list, 'sl')).toEqual({error: '"sl" starts 2 names: slow, Slowest'});
		expect(findSavedFilter(list, 'nope')).toEqual({error: 'no saved filter "nope"'});
		expect(findSavedFilter([], 'x')).toEqual({error: 'no saved filters yet'});
		expect(savedFilterList(list)).toBe('1 slow · 2 5xx · 3 Slowest');
	});

	it('saves a new name last and a known one in its place', () => {
		expect(withSavedFilter(list, 'errors', 'level>=error').map((filter) => filter.name)).toEqual([
			'slow',
			'5xx',
			'Slowest',
			'errors',
		]);
		expect(withSavedFilter(list, ' 5xx ', 'status>=500 !health')[1]).toEqual({
			name: '5xx',
			line: 'status>=500 !health',
		});
	});

	it('refuses names that cannot be recalled or shown', () => {
		expect(filterNameProblem('  ')).toBe('the name is empty');
		expect(filterNameProblem('42')).toBe('a name of digits only would read as a number');
		expect(filterNameProblem('x'.repeat(41))).toMatch(/longer than 40/);
		expect(filterNameProblem('a\u001bb')).toBe('the name has a control character');
		expect(filterNameProblem('5xx errors')).toBeUndefined();
	});

	it("merges a profile's filters before those of defaults, the profile's winning a name", () => {
		expect(
			mergeSavedFilters([
				{a: 'x', b: 'y'},
				{b: 'z', c: 'w'},
			]),
		).toEqual([
			{name: 'a', line: 'x'},
			{name: 'b', line: 'y'},
			{name: 'c', line: 'w'},
		]);
	});
});

describe('saved filters in the config file', () => {
	it('round-trips into the active profile, leaving the rest of the file as it was', async () => {
		const original = {
			$schema: './schema.json',
			defaults: {topic: 'logs', filters: {errors: 'level>=error'}},
			profiles: {
				prod: {brokers: ['kafka-1:9092'], sasl: {mechanism: 'plain', username: 'u', passwordEnv: 'PW'}},
			},
			defaultProfile: 'prod',
		};
		const file = configFile(JSON.stringify(original, null, '\t'));
		const store = storeFor(file, 'prod');
		expect(store.filters).toEqual([{name: 'errors', line: 'level>=error'}]);
		expect(store.place).toBe(`profile prod in ${file}`);

		expect(await store.save('5xx', 'status>=500')).toEqual([
			{name: '5xx', line: 'status>=500'},
			{name: 'errors', line: 'level>=error'},
		]);
		// Replacing keeps the place.
		await store.save('slow', 'duration_ms>250');
		await store.save('5xx', 'status>=500 !health');

		const text = fs.readFileSync(file, 'utf8');
		expect(JSON.parse(text)).toEqual({
			...original,
			profiles: {
				prod: {...original.profiles.prod, filters: {'5xx': 'status>=500 !health', slow: 'duration_ms>250'}},
			},
		});
		// The file's own indentation (tabs), a final newline, `topic` still spelled so.
		expect(text).toMatch(/^\{\n\t"\$schema"/);
		expect(text.endsWith('}\n')).toBe(true);
		// Read back as klog-tui starts: the same list.
		const loaded = loadConfigFile({configPath: file, env: {}});
		expect(savedFiltersOf(loaded?.config, 'prod')).toEqual([
			{name: '5xx', line: 'status>=500 !health'},
			{name: 'slow', line: 'duration_ms>250'},
			{name: 'errors', line: 'level>=error'},
		]);
		// No temporary file left beside it.
		expect(fs.readdirSync(path.dirname(file))).toEqual(['config.json']);
	});

	it('saves under defaults without a profile, and creates a missing file for its owner only', async () => {
		const file = configFile(undefined);
		fs.rmSync(path.dirname(file), {recursive: true});
		const store = storeFor(file);
		expect(store.filters).toEqual([]);
		await store.save('api', 'service=api|auth');
		expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({
			defaults: {filters: {api: 'service=api|auth'}},
		});
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
	});

	it('keeps the permissions of the file, and a symlink stays a link to the file it names', async () => {
		const real = configFile('{"defaults": {}}', 0o640);
		fs.chmodSync(real, 0o640);
		const link = path.join(path.dirname(real), 'link.json');
		fs.symlinkSync(real, link);
		await storeFor(link).save('x', 'timeout');
		expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
		expect(fs.statSync(real).mode & 0o777).toBe(0o640);
		expect(JSON.parse(fs.readFileSync(real, 'utf8')).defaults.filters).toEqual({x: 'timeout'});
	});

	it('a read-only file is one line and stays as it was', async () => {
		const text = '{"defaults": {"topic": "logs"}}';
		const file = configFile(text, 0o400);
		fs.chmodSync(file, 0o400);
		const store = storeFor(file);
		// Refused by its mode, so also when the tests run as root (who could write it).
		const failure = store.save('x', 'timeout');
		await expect(failure).rejects.toThrow(`filter not saved: ${file} is read-only (mode 400)`);
		const message = await failure.then(
			() => '',
			(error: Error) => error.message,
		);
		expect(message.split('\n')).toHaveLength(1);
		expect(fs.readFileSync(file, 'utf8')).toBe(text);
		expect(fs.readdirSync(path.dirname(file))).toEqual(['config.json']);
	});

	it('a file broken since the start is not overwritten', async () => {
		const file = configFile('{"defaults": {}}');
		const store = storeFor(file);
		fs.writeFileSync(file, '{"defaults": {"tail": -1}}');
		await expect(store.save('x', 'timeout')).rejects.toThrow(
			`filter not saved: Bad config file ${file}: defaults.tail must be a whole number, 0 or more`,
		);
		expect(fs.readFileSync(file, 'utf8')).toBe('{"defaults": {"tail": -1}}');
	});

	it('the schema checks the names and lines it reads', () => {
		expect(() => parseConfigText('{"defaults": {"filters": {"7": "x"}}}', 'c.json')).toThrow(
			'Bad config file c.json: defaults.filters.7 cannot be a filter name: a name of digits only would read as a number',
		);
		expect(() => parseConfigText('{"defaults": {"filters": {"a": 1}}}', 'c.json')).toThrow(
			'defaults.filters.a must be a string',
		);
		expect(() => parseConfigText('{"defaults": {"filters": {"a": "x\\u001b[2J"}}}', 'c.json')).toThrow(
			'defaults.filters.a has a control character',
		);
	});
});
