import {chmodSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {ConfigError} from '../../../../source/settings/config-error.js';
import {type LoadedConfig, loadConfigFile} from '../../../../source/settings/config-file.js';
import {validateConfig} from '../../../../source/settings/config-schema.js';
import {resolveConnectionSettings} from '../../../../source/settings/resolve-connection-settings.js';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const TOKEN = `${part({alg: 'none'})}.${part({sub: 'alice', exp: Math.floor(Date.now() / 1000) + 3600})}.`;

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'klog-oauth-resolve-'));
	writeFileSync(path.join(dir, 'token.jwt'), `${TOKEN}\n`);
});
afterEach(() => rmSync(dir, {recursive: true, force: true}));

function config(content: unknown): LoadedConfig {
	const file = path.join(dir, 'config.json');
	writeFileSync(file, JSON.stringify(content));
	chmodSync(file, 0o600);
	return loadConfigFile({configPath: file, env: {}, platform: 'linux'})!;
}

async function resolveError(...args: Parameters<typeof resolveConnectionSettings>): Promise<string> {
	const error = await resolveConnectionSettings(...args).then(
		() => undefined,
		(caught: unknown) => caught,
	);
	expect(error).toBeInstanceOf(ConfigError);
	return (error as ConfigError).message;
}

describe('OAUTHBEARER settings', () => {
	it('take the token from --token-command, label the user by its sub, and imply the mechanism', async () => {
		const settings = await resolveConnectionSettings({tokenCommand: `printf ${TOKEN}`}, {});
		expect(settings.sasl).toMatchObject({
			mechanism: 'oauthbearer',
			source: {kind: 'command', origin: '--token-command'},
			token: {value: TOKEN, subject: 'alice'},
		});
		expect(settings.userLabel).toBe('alice (OAUTHBEARER)');
	});

	it('take a profile token file relative to the config file, flags and environment first', async () => {
		const loaded = config({
			profiles: {oauth: {sasl: {mechanism: 'oauthbearer', tokenFile: 'token.jwt', tokenRefreshSeconds: 60}}},
		});
		const fromProfile = await resolveConnectionSettings({profile: 'oauth'}, {}, loaded);
		expect(fromProfile.sasl).toMatchObject({
			source: {kind: 'file', path: path.join(dir, 'token.jwt'), origin: 'profiles.oauth.sasl.tokenFile'},
			refreshSeconds: 60,
		});
		const fromEnv = await resolveConnectionSettings(
			{profile: 'oauth'},
			{KLOG_TOKEN_COMMAND: `printf ${TOKEN}`},
			loaded,
		);
		expect(fromEnv.sasl).toMatchObject({source: {kind: 'command', origin: 'KLOG_TOKEN_COMMAND'}});
	});

	it('refuse what cannot work, in one line', async () => {
		expect(await resolveError({saslMechanism: 'oauthbearer'}, {})).toMatch(
			/^SASL oauthbearer needs a token: --token-command/,
		);
		expect(await resolveError({tokenCommand: 'x', tokenFile: 'y'}, {})).toBe(
			'--token-command and --token-file are both given; keep one',
		);
		expect(
			await resolveError({saslMechanism: 'plain', username: 'a', tokenFile: 'y'}, {KLOG_PASSWORD: 'p'}),
		).toBe('--token-file applies only to SASL oauthbearer, not plain');
		expect(await resolveError({tokenFile: 'token.jwt', username: 'bob'}, {})).toBe(
			'--username does not apply to oauthbearer: the token says who you are',
		);
		expect(await resolveError({tokenFile: path.join(dir, 'missing')}, {})).toBe(
			`Cannot read the token file ${path.join(dir, 'missing')} (--token-file): no such file`,
		);
	});

	it('are checked in the config file: one token source, no password beside it', () => {
		const sasl = (value: unknown) => () => validateConfig({defaults: {sasl: value}});
		expect(sasl({tokenCommand: 'a', tokenFile: 'b'})).toThrow(
			'defaults.sasl.tokenFile and tokenCommand are both set; keep one',
		);
		expect(sasl({mechanism: 'scram-sha-256', tokenCommand: 'a'})).toThrow(
			'defaults.sasl.tokenCommand applies only to mechanism oauthbearer, not scram-sha-256',
		);
		expect(sasl({mechanism: 'oauthbearer', tokenFile: 'a', passwordEnv: 'X'})).toThrow(
			'defaults.sasl.passwordEnv does not apply to oauthbearer',
		);
		expect(sasl({tokenCommand: 'a', tokenRefreshSeconds: 0})).toThrow(
			'defaults.sasl.tokenRefreshSeconds must be a whole number above 0',
		);
	});
});
