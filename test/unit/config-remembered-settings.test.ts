import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {loadConfigFile} from '../../source/config/config-file.js';
import {resolveRememberedSettings} from '../../source/config/resolve-remembered-settings.js';

const dir = mkdtempSync(path.join(tmpdir(), 'klog-remembered-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));
const file = path.join(dir, 'config.json');
writeFileSync(
	file,
	JSON.stringify({
		defaults: {topics: ['logs'], maxRecords: 1000, tail: 20, colours: {api: 'cyan', auth: 'green'}},
		profiles: {prod: {topic: 'prod-logs', tail: 500, colours: {api: '#ff8800'}}},
	}),
);
const loaded = loadConfigFile({configPath: file, env: {}});

describe('remembered settings', () => {
	it('leaves everything undefined without a config file or flags', () => {
		expect(resolveRememberedSettings({}, {})).toEqual({
			topics: undefined,
			maxRecords: undefined,
			tail: undefined,
			colours: {},
			profile: undefined,
		});
	});

	it('takes the defaults block when no profile is chosen', () => {
		expect(resolveRememberedSettings({}, {}, loaded)).toEqual({
			topics: ['logs'],
			maxRecords: 1000,
			tail: 20,
			colours: {api: 'cyan', auth: 'green'},
			profile: undefined,
		});
	});

	it('puts the profile over defaults, per field and per service colour', () => {
		expect(resolveRememberedSettings({profile: 'prod'}, {}, loaded)).toEqual({
			topics: ['prod-logs'],
			maxRecords: 1000,
			tail: 500,
			colours: {api: '#ff8800', auth: 'green'},
			profile: 'prod',
		});
		expect(resolveRememberedSettings({}, {KLOG_PROFILE: 'prod'}, loaded).profile).toBe('prod');
	});

	it('lets flags win', () => {
		const settings = resolveRememberedSettings(
			{profile: 'prod', topic: ['a', 'b'], maxRecords: 5, tail: 0},
			{},
			loaded,
		);
		expect(settings).toMatchObject({topics: ['a', 'b'], maxRecords: 5, tail: 0});
		expect(resolveRememberedSettings({topic: 'one'}, {}, loaded).topics).toEqual(['one']);
	});
});
