import {chmodSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {ConfigError} from '../../../source/settings/config-error.js';
import {type LoadedConfig, loadConfigFile} from '../../../source/settings/config-file.js';
import type {SecurityFlagValues} from '../../../source/settings/resolve-connection-settings.js';
import {resolveConnectionSettings} from '../../../source/settings/resolve-connection-settings.js';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
let dir: string;
beforeEach(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'klog-resolve-'));
	for (const name of ['ca.pem', 'client.pem', 'client.key', 'flag-ca.pem'])
		writeFileSync(path.join(dir, name), PEM);
	writeFileSync(path.join(dir, 'not-pem.txt'), 'hello');
});
afterEach(() => rmSync(dir, {recursive: true, force: true}));

function config(content: unknown, mode = 0o600): LoadedConfig {
	const file = path.join(dir, 'config.json');
	writeFileSync(file, JSON.stringify(content));
	chmodSync(file, mode);
	return loadConfigFile({configPath: file, env: {}, platform: 'linux'})!;
}

async function resolveError(...args: Parameters<typeof resolveConnectionSettings>): Promise<ConfigError> {
	try {
		await resolveConnectionSettings(...args);
	} catch (error) {
		expect(error).toBeInstanceOf(ConfigError);
		return error as ConfigError;
	}
	throw new Error('expected resolveConnectionSettings to throw');
}

describe('brokers', () => {
	it('take flags over KAFKA_BROKERS over the profile over defaults over localhost:9092', async () => {
		const loaded = config({defaults: {brokers: 'd:1'}, profiles: {prod: {brokers: ['p:1', 'p:2']}}});
		const resolve = (flags: SecurityFlagValues, env: NodeJS.ProcessEnv) =>
			resolveConnectionSettings(flags, env, loaded).then((settings) => settings.brokers);
		expect(await resolve({brokers: 'f:1, f:2', profile: 'prod'}, {KAFKA_BROKERS: 'e:1'})).toEqual([
			'f:1',
			'f:2',
		]);
		expect(await resolve({profile: 'prod'}, {KAFKA_BROKERS: 'e:1'})).toEqual(['e:1']);
		expect(await resolve({profile: 'prod'}, {})).toEqual(['p:1', 'p:2']);
		expect(await resolve({}, {KLOG_PROFILE: 'prod'})).toEqual(['p:1', 'p:2']);
		expect(await resolve({}, {})).toEqual(['d:1']);
		expect((await resolveConnectionSettings({}, {})).brokers).toEqual(['localhost:9092']);
	});
});

describe('SASL', () => {
	it('is off without a mechanism or user name', async () => {
		const settings = await resolveConnectionSettings({}, {});
		expect(settings).toEqual({
			brokers: ['localhost:9092'],
			ssl: undefined,
			sasl: undefined,
			userLabel: undefined,
			warnings: [],
		});
	});

	it('takes the password from KLOG_PASSWORD and shows only the user in the label', async () => {
		const settings = await resolveConnectionSettings(
			{saslMechanism: 'SCRAM-SHA-256', username: 'alice'},
			{KLOG_PASSWORD: 's3cret-pw'},
		);
		expect(settings.sasl).toEqual({mechanism: 'scram-sha-256', username: 'alice', password: 's3cret-pw'});
		expect(settings.userLabel).toBe('alice (SCRAM-SHA-256)');
		expect(JSON.stringify({...settings, sasl: undefined})).not.toContain('s3cret-pw');
	});

	it('refuses --password with a line explaining why', async () => {
		const error = await resolveError({password: 'hunter2', username: 'a', saslMechanism: 'plain'}, {});
		expect(error.message).toMatch(/^--password is not accepted: a password on the command line shows in ps/);
		expect(error.message).not.toContain('hunter2');
	});

	it('refuses an unknown mechanism, from a flag or the environment', async () => {
		expect((await resolveError({saslMechanism: 'gssapi', username: 'a'}, {})).message).toBe(
			'--sasl-mechanism must be one of plain, scram-sha-256, scram-sha-512, oauthbearer (got "gssapi")',
		);
		expect((await resolveError({username: 'a'}, {KLOG_SASL_MECHANISM: 'md5'})).message).toContain(
			'KLOG_SASL_MECHANISM must be one of',
		);
	});

	it('asks for what is missing: mechanism, user name, password', async () => {
		expect((await resolveError({username: 'a'}, {KLOG_PASSWORD: 'x'})).message).toContain(
			'no SASL mechanism',
		);
		expect((await resolveError({saslMechanism: 'plain'}, {KLOG_PASSWORD: 'x'})).message).toContain(
			'SASL plain needs a user name',
		);
		expect((await resolveError({saslMechanism: 'plain', username: 'bob'}, {})).message).toBe(
			'No password for SASL user bob: set KLOG_PASSWORD, put it in the config file, or run in a terminal to be asked',
		);
	});

	it('prompts for a missing password when it can', async () => {
		const questions: string[] = [];
		const settings = await resolveConnectionSettings(
			{saslMechanism: 'scram-sha-512', username: 'bob'},
			{},
			undefined,
			{
				prompt: async (question) => {
					questions.push(question);
					return 'typed-pw';
				},
			},
		);
		expect(questions).toEqual(['Password for bob: ']);
		expect(settings.sasl).toMatchObject({password: 'typed-pw'});
	});

	it('merges flags > env > profile > defaults field by field', async () => {
		const loaded = config({
			defaults: {sasl: {mechanism: 'plain', username: 'dev', password: 'dev-pw'}},
			profiles: {prod: {sasl: {mechanism: 'scram-sha-512', username: 'alice', passwordEnv: 'PROD_PW'}}},
		});
		const prod = await resolveConnectionSettings({profile: 'prod'}, {PROD_PW: 'prod-pw'}, loaded);
		expect(prod.sasl).toEqual({mechanism: 'scram-sha-512', username: 'alice', password: 'prod-pw'});
		expect(prod.warnings).toEqual([]);

		const envUser = await resolveConnectionSettings(
			{profile: 'prod'},
			{KLOG_USERNAME: 'carol', KLOG_PASSWORD: 'carol-pw', PROD_PW: 'prod-pw'},
			loaded,
		);
		expect(envUser.sasl).toEqual({mechanism: 'scram-sha-512', username: 'carol', password: 'carol-pw'});

		const flagged = await resolveConnectionSettings(
			{saslMechanism: 'scram-sha-256', username: 'dave'},
			{KLOG_USERNAME: 'carol', KLOG_PASSWORD: 'pw'},
			loaded,
		);
		expect(flagged.sasl).toEqual({mechanism: 'scram-sha-256', username: 'dave', password: 'pw'});

		const defaults = await resolveConnectionSettings({}, {}, loaded);
		expect(defaults.sasl).toEqual({mechanism: 'plain', username: 'dev', password: 'dev-pw'});
		expect(defaults.warnings).toContain(
			'Warning: SASL PLAIN without TLS sends the password in clear text; add --ssl if the brokers offer it',
		);
	});

	it("never sends the config's password for another user", async () => {
		const loaded = config({defaults: {sasl: {mechanism: 'plain', username: 'dev', password: 'dev-pw'}}});
		const error = await resolveError({username: 'mallory'}, {}, loaded);
		expect(error.message).toContain('No password for SASL user mallory');
	});

	it('says which variable a passwordEnv names when it is unset', async () => {
		const loaded = config({
			profiles: {prod: {sasl: {mechanism: 'plain', username: 'a', passwordEnv: 'PROD_PW'}}},
		});
		expect((await resolveError({profile: 'prod'}, {}, loaded)).message).toBe(
			'No password for SASL user a: PROD_PW (named by profiles.prod.sasl.passwordEnv) is not set',
		);
	});

	it('passes on the config warning about a readable file holding a password', async () => {
		const loaded = config(
			{defaults: {sasl: {mechanism: 'scram-sha-256', username: 'a', password: 'pw'}}},
			0o644,
		);
		const settings = await resolveConnectionSettings({}, {}, loaded);
		expect(settings.warnings).toHaveLength(1);
		expect(settings.warnings[0]).toMatch(/holds a password and others can read it \(mode 644\)/);
		expect(settings.warnings[0]).not.toContain('pw ');
	});
});

describe('TLS', () => {
	it('is on with --ssl alone, trusting the system store', async () => {
		const settings = await resolveConnectionSettings({ssl: true}, {});
		expect(settings.ssl).toEqual({rejectUnauthorized: true});
		expect(settings.userLabel).toBe('anonymous (TLS)');
	});

	it('reads --ca, --cert and --key relative to the working directory', async () => {
		const settings = await resolveConnectionSettings(
			{ca: 'ca.pem', cert: 'client.pem', key: 'client.key'},
			{},
			undefined,
			{
				cwd: dir,
			},
		);
		expect(settings.ssl).toEqual({ca: [PEM], cert: PEM, key: PEM, rejectUnauthorized: true});
		expect(settings.userLabel).toBe('client certificate (TLS)');
	});

	it('reads config paths relative to the config file, flags winning', async () => {
		const loaded = config({profiles: {prod: {ssl: {ca: 'ca.pem', cert: 'client.pem', key: 'client.key'}}}});
		const settings = await resolveConnectionSettings(
			{profile: 'prod', ca: path.join(dir, 'flag-ca.pem')},
			{},
			loaded,
			{
				cwd: '/',
			},
		);
		expect(settings.ssl?.ca).toEqual([PEM]);
		expect(settings.ssl?.cert).toBe(PEM);
		expect((await resolveConnectionSettings({}, {}, config({defaults: {ssl: true}}))).ssl).toEqual({
			rejectUnauthorized: true,
		});
	});

	it('names the flag or field of a file it cannot read', async () => {
		expect((await resolveError({ca: 'missing.pem'}, {}, undefined, {cwd: dir})).message).toBe(
			`Cannot read --ca file ${path.join(dir, 'missing.pem')}: no such file`,
		);
		expect((await resolveError({ca: 'not-pem.txt'}, {}, undefined, {cwd: dir})).message).toContain(
			'is not PEM (no -----BEGIN line)',
		);
		const loaded = config({profiles: {prod: {ssl: {ca: 'nope.pem'}}}});
		expect((await resolveError({profile: 'prod'}, {}, loaded)).message).toBe(
			`Cannot read profiles.prod.ssl.ca file ${path.join(dir, 'nope.pem')}: no such file`,
		);
		expect((await resolveError({cert: 'client.pem'}, {}, undefined, {cwd: dir})).message).toContain(
			'--cert needs --key',
		);
	});

	it('warns loudly when verification is turned off', async () => {
		const settings = await resolveConnectionSettings({insecureSkipVerify: true}, {});
		expect(settings.ssl).toEqual({rejectUnauthorized: false});
		expect(settings.warnings).toEqual([
			'Warning: TLS certificate verification is OFF (--insecure-skip-verify): anyone on the network path can read and change this traffic, passwords included',
		]);
		const loaded = config({defaults: {ssl: {rejectUnauthorized: false}}});
		expect((await resolveConnectionSettings({}, {}, loaded)).warnings[0]).toContain(
			'(defaults.ssl.rejectUnauthorized)',
		);
	});

	it('labels SASL over TLS', async () => {
		const settings = await resolveConnectionSettings(
			{ssl: true, saslMechanism: 'plain', username: 'alice'},
			{KLOG_PASSWORD: 'pw'},
		);
		expect(settings.userLabel).toBe('alice (PLAIN, TLS)');
		expect(settings.warnings).toEqual([]);
	});
});
