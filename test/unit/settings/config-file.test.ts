import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {ConfigError} from '../../../source/settings/config-error.js';
import {configFileLocation, configLayers, loadConfigFile} from '../../../source/settings/config-file.js';

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'klog-config-'));
});
afterEach(() => rmSync(dir, {recursive: true, force: true}));

function writeConfig(content: unknown, mode = 0o600, name = 'config.json'): string {
	const file = path.join(dir, name);
	mkdirSync(path.dirname(file), {recursive: true});
	writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
	chmodSync(file, mode);
	return file;
}

/** The ConfigError a load throws, for asserting on its one-line message. */
function loadError(configPath: string): ConfigError {
	try {
		loadConfigFile({configPath, env: {}});
	} catch (error) {
		expect(error).toBeInstanceOf(ConfigError);
		return error as ConfigError;
	}
	throw new Error('expected loadConfigFile to throw');
}

describe('config file location', () => {
	it('uses ~/.config/klog-tui/config.json by default', () => {
		expect(configFileLocation({env: {}, homeDir: '/home/ann'})).toEqual({
			path: '/home/ann/.config/klog-tui/config.json',
			explicit: false,
		});
	});

	it('respects an absolute XDG_CONFIG_HOME and ignores a relative one', () => {
		expect(configFileLocation({env: {XDG_CONFIG_HOME: '/xdg'}, homeDir: '/h'}).path).toBe(
			'/xdg/klog-tui/config.json',
		);
		expect(configFileLocation({env: {XDG_CONFIG_HOME: 'rel'}, homeDir: '/h'}).path).toBe(
			'/h/.config/klog-tui/config.json',
		);
	});

	it('prefers --config, then KLOG_CONFIG, and expands ~', () => {
		expect(
			configFileLocation({configPath: '~/k.json', env: {KLOG_CONFIG: '/e.json'}, homeDir: '/h'}),
		).toEqual({
			path: '/h/k.json',
			explicit: true,
		});
		expect(configFileLocation({env: {KLOG_CONFIG: '/e.json'}, homeDir: '/h'}).path).toBe('/e.json');
	});
});

describe('loading the config file', () => {
	it('is no error when the default file does not exist', () => {
		expect(loadConfigFile({env: {XDG_CONFIG_HOME: dir}})).toBeUndefined();
	});

	it('is an error when the named file does not exist', () => {
		expect(loadError(path.join(dir, 'missing.json')).message).toBe(
			`Cannot read config file ${path.join(dir, 'missing.json')}: no such file`,
		);
	});

	it('loads defaults and profiles from XDG_CONFIG_HOME', () => {
		writeConfig(
			{
				defaults: {
					brokers: 'localhost:9092',
					topic: 'logs',
					maxRecords: 1000,
					tail: 50,
					colours: {api: 'cyan'},
				},
				profiles: {
					prod: {
						brokers: ['k1:9094', 'k2:9094'],
						sasl: {mechanism: 'SCRAM-SHA-512', username: 'alice', passwordEnv: 'PROD_PW'},
						ssl: {ca: 'ca.pem'},
					},
				},
			},
			0o600,
			'klog-tui/config.json',
		);
		const loaded = loadConfigFile({env: {XDG_CONFIG_HOME: dir}});
		expect(loaded?.path).toBe(path.join(dir, 'klog-tui', 'config.json'));
		expect(loaded?.warnings).toEqual([]);
		expect(loaded?.config.defaults).toEqual({
			brokers: ['localhost:9092'],
			topics: ['logs'],
			maxRecords: 1000,
			tail: 50,
			colours: {api: 'cyan'},
		});
		expect(loaded?.config.profiles.prod).toEqual({
			brokers: ['k1:9094', 'k2:9094'],
			sasl: {mechanism: 'scram-sha-512', username: 'alice', passwordEnv: 'PROD_PW'},
			ssl: {ca: 'ca.pem'},
		});
	});

	it.each([
		[{defaults: {brokres: 'x'}}, 'defaults.brokres is not a known setting'],
		[{profiles: {prod: {sasl: {mechanism: 'gssapi'}}}}, 'profiles.prod.sasl.mechanism must be one of plain'],
		[{profiles: {prod: {ssl: {cert: 'c.pem'}}}}, 'profiles.prod.ssl.key is missing'],
		[{defaults: {maxRecords: -3}}, 'defaults.maxRecords must be a whole number above 0'],
		[{defaults: {tail: 1.5}}, 'defaults.tail must be a whole number, 0 or more'],
		[{defaults: {colours: {api: 'sparkly'}}}, 'defaults.colours.api must be a colour name'],
		[{profiles: {prod: 'nope'}}, 'profiles.prod must be an object'],
		[{defaultProfile: 'dev', profiles: {}}, 'defaultProfile names "dev", which is not a profile'],
		[{defaults: {brokers: []}}, 'defaults.brokers must not be empty'],
		[{profiles: {p: {sasl: {passwordEnv: 'not a name'}}}}, 'profiles.p.sasl.passwordEnv must be the name'],
		[[1, 2], '(top level) must be an object'],
	])('refuses %j with one line naming file and field', (content, expected) => {
		const file = writeConfig(content);
		const error = loadError(file);
		expect(error.message).toContain(`Bad config file ${file}: ${expected}`);
		expect(error.message).not.toContain('\n');
		expect(error.exitCode).toBe(2);
	});

	it('says where the JSON broke without quoting the text (it may hold a password)', () => {
		const file = writeConfig('{"defaults": {"sasl": {"password": "hunter2-secret"}},\n  }');
		const message = loadError(file).message;
		expect(message).toMatch(/^Bad config file .*config\.json: not valid JSON: .+ at line 2, column 3$/);
		expect(message).not.toContain('hunter2');
	});

	it('never echoes a password of the wrong type', () => {
		const file = writeConfig({defaults: {sasl: {password: 12345678}}});
		const message = loadError(file).message;
		expect(message).toContain('defaults.sasl.password must be a non-empty string');
		expect(message).not.toContain('12345678');
	});

	it('warns when a file holding a password is readable by group or others', () => {
		const file = writeConfig(
			{profiles: {prod: {sasl: {mechanism: 'plain', username: 'a', password: 'pw'}}}},
			0o644,
		);
		const loaded = loadConfigFile({configPath: file, env: {}, platform: 'linux'});
		expect(loaded?.warnings).toEqual([
			`Warning: ${file} holds a password and others can read it (mode 644); run: chmod 600 ${file}`,
		]);
		chmodSync(file, 0o640);
		expect(loadConfigFile({configPath: file, env: {}, platform: 'linux'})?.warnings).toHaveLength(1);
		chmodSync(file, 0o600);
		expect(loadConfigFile({configPath: file, env: {}, platform: 'linux'})?.warnings).toEqual([]);
	});

	it('does not warn about a readable file without a password', () => {
		const file = writeConfig({profiles: {prod: {sasl: {username: 'a', passwordEnv: 'PW'}}}}, 0o644);
		expect(loadConfigFile({configPath: file, env: {}, platform: 'linux'})?.warnings).toEqual([]);
	});
});

describe('choosing a profile', () => {
	it('puts the profile before defaults, and uses defaultProfile when none is named', () => {
		const file = writeConfig({
			defaultProfile: 'dev',
			profiles: {dev: {tail: 1}, prod: {tail: 2}},
			defaults: {tail: 3},
		});
		const loaded = loadConfigFile({configPath: file, env: {}});
		expect(configLayers(loaded, undefined).layers.map((layer) => layer.source)).toEqual([
			'profiles.dev',
			'defaults',
		]);
		expect(configLayers(loaded, 'prod').profile).toBe('prod');
	});

	it('names the known profiles when asked for a missing one', () => {
		const file = writeConfig({profiles: {dev: {}, prod: {}}});
		const loaded = loadConfigFile({configPath: file, env: {}});
		expect(() => configLayers(loaded, 'staging')).toThrow(
			`Profile "staging" is not in ${file} (profiles there: dev, prod)`,
		);
		expect(() => configLayers(loaded, 'constructor')).toThrow(/Profile "constructor" is not in/);
	});
});

describe('broker addresses in the config', () => {
	it('are checked and normalised like --brokers', () => {
		const file = writeConfig({defaults: {brokers: 'kafka-1, [::1]:9093'}});
		expect(loadConfigFile({configPath: file, env: {}})?.config.defaults.brokers).toEqual([
			'kafka-1:9092',
			'[::1]:9093',
		]);
		const bad = writeConfig({defaults: {brokers: ['kafka:99999']}}, 0o600, 'bad.json');
		expect(loadError(bad).message).toBe(
			`Bad config file ${bad}: defaults.brokers has a bad broker address 'kafka:99999': port must be 1-65535`,
		);
	});
});
