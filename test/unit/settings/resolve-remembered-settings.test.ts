import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {loadConfigFile} from '../../../source/settings/config-file.js';
import {resolveRememberedSettings} from '../../../source/settings/resolve-remembered-settings.js';

const dir = mkdtempSync(path.join(tmpdir(), 'klog-remembered-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));
const file = path.join(dir, 'config.json');
writeFileSync(
	file,
	JSON.stringify({
		defaults: {
			topics: ['logs'],
			maxRecords: 1000,
			tail: 20,
			colours: {api: 'cyan', auth: 'green'},
			fields: {service: ['app'], level: 'sev'},
		},
		profiles: {
			prod: {
				topic: 'prod-logs',
				tail: 500,
				colours: {api: '#ff8800'},
				fields: {service: ['kubernetes.labels.team', 'app']},
				timeZone: 'America/New_York',
			},
		},
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
			parse: {fields: {}},
		});
	});

	it('takes the defaults block when no profile is chosen', () => {
		expect(resolveRememberedSettings({}, {}, loaded)).toEqual({
			topics: ['logs'],
			maxRecords: 1000,
			tail: 20,
			colours: {api: 'cyan', auth: 'green'},
			profile: undefined,
			parse: {fields: {service: ['app'], level: ['sev']}},
		});
	});

	it('puts the profile over defaults, per field and per service colour', () => {
		expect(resolveRememberedSettings({profile: 'prod'}, {}, loaded)).toEqual({
			topics: ['prod-logs'],
			maxRecords: 1000,
			tail: 500,
			colours: {api: '#ff8800', auth: 'green'},
			profile: 'prod',
			// A profile's list for a field replaces the defaults' list for it; other fields stay.
			parse: {
				fields: {service: ['kubernetes.labels.team', 'app'], level: ['sev']},
				timeZone: 'America/New_York',
			},
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

	it('refuses unknown field names, empty paths and unknown time zones, naming the field', () => {
		const refusal = (profile: unknown) => {
			const bad = path.join(dir, 'bad.json');
			writeFileSync(bad, JSON.stringify({defaults: profile}));
			try {
				loadConfigFile({configPath: bad, env: {}});
				return 'accepted';
			} catch (error) {
				return (error as Error).message;
			}
		};
		expect(refusal({fields: {colour: ['x']}})).toContain('defaults.fields.colour is not a known setting');
		expect(refusal({fields: {service: ['']}})).toContain('defaults.fields.service[0] must not be empty');
		expect(refusal({fields: {service: 3}})).toContain('defaults.fields.service must be a string or a list');
		expect(refusal({timeZone: 'Mars/Olympus'})).toContain('defaults.timeZone must be a time zone name');
		expect(refusal({timeZone: 'Europe/Paris', fields: {traceId: 'req.trace'}})).toBe('accepted');
	});
});
