import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {parseCli} from '../../../source/cli/parse-cli.js';
import {refusePasswordFlag} from '../../../source/cli/security-flags.js';
import {resolveSettings} from '../../../source/session/resolve-settings.js';
import {ConfigError} from '../../../source/settings/config-error.js';
import type {ViewerSettings} from '../../../source/settings/run-settings.js';

const dir = mkdtempSync(path.join(tmpdir(), 'klog-cli-settings-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));
const configFile = path.join(dir, 'config.json');
writeFileSync(
	configFile,
	JSON.stringify({
		defaults: {
			brokers: 'localhost:9192',
			topics: ['logs', 'audit'],
			maxRecords: 2000,
			tail: 30,
			colours: {api: 'cyan'},
		},
		profiles: {staging: {brokers: 'localhost:9292', topic: 'staging-logs', colours: {api: '#00ff00'}}},
	}),
);

async function settings(argv: string[], env: NodeJS.ProcessEnv = {}, file = configFile) {
	const result = parseCli({
		argv: ['--config', file, ...argv],
		env,
		stdoutIsTTY: false,
		importMeta: import.meta,
	});
	if (result.kind !== 'run') throw new Error(`expected a run, got ${JSON.stringify(result)}`);
	return resolveSettings(result.config, env, {checkCredentials: false});
}

describe('the CLI with a config file', () => {
	it('takes remembered settings where no flag was given', async () => {
		const {config, resolved, serviceColours, profile} = await settings([]);
		const viewer = config as ViewerSettings;
		expect(viewer.brokers).toEqual(['localhost:9192']);
		expect(resolved.connection.brokers).toEqual(['localhost:9192']);
		expect(viewer.topics).toEqual(['logs', 'audit']);
		expect(viewer.maxRecords).toBe(2000);
		expect(viewer.start).toEqual({kind: 'tail', count: 30});
		expect(serviceColours).toEqual({api: 'cyan'});
		expect(profile).toBeUndefined();
		expect(resolved.userLabel).toBeUndefined();
	});

	it('lets a profile override defaults, and flags and KAFKA_BROKERS override both', async () => {
		const staging = await settings(['--profile', 'staging']);
		expect((staging.config as ViewerSettings).topics).toEqual(['staging-logs']);
		expect(staging.config.brokers).toEqual(['localhost:9292']);
		expect(staging.serviceColours).toEqual({api: '#00ff00'});

		const flagged = await settings([
			'--profile',
			'staging',
			'-b',
			'localhost:1',
			'-t',
			'x',
			'--tail',
			'5',
			'--max-records',
			'300',
		]);
		const viewer = flagged.config as ViewerSettings;
		expect([viewer.brokers, viewer.topics, viewer.start, viewer.maxRecords]).toEqual([
			['localhost:1'],
			['x'],
			{kind: 'tail', count: 5},
			300,
		]);
		expect((await settings(['--profile', 'staging'], {KAFKA_BROKERS: 'localhost:2'})).config.brokers).toEqual(
			['localhost:2'],
		);
		// --from-beginning is not overridden by the remembered tail.
		expect(((await settings(['--from-beginning'])).config as ViewerSettings).start).toEqual({
			kind: 'beginning',
		});
	});

	it('refuses an unknown profile with one line', async () => {
		await expect(settings(['--profile', 'prod'])).rejects.toThrow(
			new ConfigError(`Profile "prod" is not in ${configFile} (profiles there: staging)`),
		);
	});
});

describe('--password', () => {
	it('is recognised in every spelling, and not after --', () => {
		expect(refusePasswordFlag(['--plain', '--password', 'x'])).toMatch(/^--password is not accepted/);
		expect(refusePasswordFlag(['--password=x'])).toBeDefined();
		expect(refusePasswordFlag(['--sasl-password', 'x'])).toBeDefined();
		expect(refusePasswordFlag(['--passwd=x'])).toBeDefined();
		expect(refusePasswordFlag(['--username', 'password'])).toBeUndefined();
		expect(refusePasswordFlag(['--', '--password'])).toBeUndefined();
	});
});

describe('the mouse setting', () => {
	const mouseFile = path.join(dir, 'mouse.json');
	writeFileSync(mouseFile, JSON.stringify({defaults: {mouse: false}, profiles: {pointer: {mouse: true}}}));
	const mouseOf = async (argv: string[], file = mouseFile) =>
		((await settings(argv, {}, file)).config as ViewerSettings).mouse;

	it('flags win over the profile, the profile over the defaults; unset anywhere: undefined (on)', async () => {
		expect(await mouseOf([])).toBe(false);
		expect(await mouseOf(['--profile', 'pointer'])).toBe(true);
		expect(await mouseOf(['--mouse'])).toBe(true);
		expect(await mouseOf(['--profile', 'pointer', '--no-mouse'])).toBe(false);
		expect(await mouseOf([], configFile)).toBeUndefined();
		expect(await mouseOf(['--no-mouse'], configFile)).toBe(false);
	});

	it('a mouse that is not a boolean is one line naming the field', async () => {
		const bad = path.join(dir, 'bad-mouse.json');
		writeFileSync(bad, JSON.stringify({profiles: {p: {mouse: 'yes'}}}));
		await expect(mouseOf([], bad)).rejects.toThrow(/profiles\.p\.mouse must be true or false/);
	});
});
