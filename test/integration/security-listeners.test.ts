/**
 * Authenticated clusters against a real broker of this file's own: one node with a
 * PLAINTEXT listener (controller, inter-broker, test setup), SASL_PLAINTEXT with PLAIN and
 * SCRAM-SHA-256/512 (SCRAM users added at format time), SSL with a custom CA, SSL requiring
 * client certificates, and SASL_SSL. Every case goes through `resolveConnectionSettings`
 * (flags/env as a user gives them) and the real adapter (`createLogStream`).
 */
import {spawn} from 'node:child_process';
import {chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createLogStream} from '../../source/kafka.js';
import {checkCredentials, kafkaConnectionOptions} from '../../source/session/check-credentials.js';
import type {ConnectionSettings} from '../../source/settings/connection-settings.js';
import type {SecurityFlagValues} from '../../source/settings/resolve-connection-settings.js';
import {resolveConnectionSettings} from '../../source/settings/resolve-connection-settings.js';
import type {ConnectionState} from '../../source/stream/stream-status.js';
import {OAUTH_LISTENER, oauthBearerCases} from '../support/kafka/oauth-bearer-cases.js';
import {createTopic, ownKafka, produceRecords, uniqueName} from '../support/kafka/test-kafka.js';
import {makeTlsFixtures} from '../support/kafka/tls-fixtures.js';
import {warmUpGroupCoordinator} from '../support/kafka/warm-up.js';

const PLAIN_PASSWORD = 'plain-Pw-4f1c9e';
const SCRAM256_PASSWORD = 'scram256-Pw-8d2a77';
const SCRAM512_PASSWORD = 'scram512-Pw-b90e13';
const SECRETS = [PLAIN_PASSWORD, SCRAM256_PASSWORD, SCRAM512_PASSWORD];

const tls = makeTlsFixtures();
const keystore = {
	'ssl.keystore.location': tls.serverKeystore,
	'ssl.keystore.password': tls.storePassword,
	'ssl.keystore.type': 'PKCS12',
	'ssl.key.password': tls.storePassword,
};
const scramJaas = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';

const kafka = ownKafka({
	serverProperties: {'sasl.enabled.mechanisms': 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512'},
	formatArgs: [
		'--add-scram',
		`SCRAM-SHA-256=[name=alice,password=${SCRAM256_PASSWORD}]`,
		'--add-scram',
		`SCRAM-SHA-512=[name=bob,password=${SCRAM512_PASSWORD}]`,
	],
	listeners: [
		{
			name: 'SASL_PLAINTEXT',
			securityProtocol: 'SASL_PLAINTEXT',
			properties: {
				'sasl.enabled.mechanisms': 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512',
				'plain.sasl.jaas.config': `org.apache.kafka.common.security.plain.PlainLoginModule required user_carol="${PLAIN_PASSWORD}";`,
				'scram-sha-256.sasl.jaas.config': scramJaas,
				'scram-sha-512.sasl.jaas.config': scramJaas,
			},
		},
		{name: 'SSL', securityProtocol: 'SSL', properties: keystore},
		{
			name: 'MTLS',
			securityProtocol: 'SSL',
			properties: {
				...keystore,
				'ssl.client.auth': 'required',
				'ssl.truststore.location': tls.serverTruststore,
				'ssl.truststore.password': tls.storePassword,
				'ssl.truststore.type': 'PKCS12',
			},
		},
		{
			name: 'SASL_SSL',
			securityProtocol: 'SASL_SSL',
			properties: {
				...keystore,
				'sasl.enabled.mechanisms': 'SCRAM-SHA-512',
				'scram-sha-512.sasl.jaas.config': scramJaas,
			},
		},
		// Kafka's own unsecured-token validator, on this broker rather than one more start.
		OAUTH_LISTENER,
	],
});

const logDir = mkdtempSync(path.join(tmpdir(), 'klog-security-logs-'));
const logFile = path.join(logDir, 'kafkajs.log');
let topic: string;

/**
 * kafkajs' `createTopics({waitForLeaders})` can fail on a fresh broker with "This server
 * does not host this topic-partition" (metadata not yet propagated; it retries only
 * LEADER_NOT_AVAILABLE), more often on a loaded machine: try setup steps a few times.
 */
async function withRetries<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await work();
		} catch (error) {
			if (attempt >= attempts) throw error;
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	}
}

beforeAll(async () => {
	await withRetries(() => warmUpGroupCoordinator(kafka().bootstrap));
	topic = uniqueName('secure-logs');
	await withRetries(() =>
		createTopic(topic, 1, {bootstrap: kafka().bootstrap}).catch((error: Error) => {
			// A retry after the topic was in fact created is fine.
			if (!/already exists/.test(error.message)) throw error;
		}),
	);
	await produceRecords(
		topic,
		[{value: JSON.stringify({service: 'api', level: 'info', message: 'hello secure'})}],
		{
			bootstrap: kafka().bootstrap,
		},
	);
}, 120_000);

afterAll(() => {
	tls.cleanup();
	rmSync(logDir, {recursive: true, force: true});
});

/** Settings as the CLI would resolve them from these flags and environment. */
function settingsFor(listener: string, flags: SecurityFlagValues, env: NodeJS.ProcessEnv = {}) {
	return resolveConnectionSettings({...flags, brokers: kafka().listenerBootstrap(listener)}, env);
}

/** Stream the topic from the beginning through the real adapter; resolves with the first value read. */
async function consumeFirstValue(settings: ConnectionSettings): Promise<string> {
	const errors: string[] = [];
	let resolveValue!: (value: string) => void;
	const firstValue = new Promise<string>((resolve) => {
		resolveValue = resolve;
	});
	const stream = createLogStream({
		...kafkaConnectionOptions(settings),
		logFile,
		topics: [topic],
		groupId: uniqueName('klog-tui-security'),
		start: {kind: 'beginning'},
		onRecords: (records) => {
			const value = records[0]?.value;
			if (value) resolveValue(value.toString());
		},
		onError: (message) => errors.push(message),
	});
	try {
		await stream.start();
		const timeout = new Promise<never>((_, reject) =>
			setTimeout(() => reject(new Error(`no record in 30 s; errors: ${errors.join(' | ')}`)), 30_000),
		);
		return await Promise.race([firstValue, timeout]);
	} finally {
		await stream.stop();
	}
}

/** Start a stream that must fail; resolves with what the user is told and how long it took. */
async function failingStream(settings: ConnectionSettings) {
	const errors: string[] = [];
	const states: ConnectionState[] = [];
	const started = Date.now();
	let resolveStopped!: () => void;
	const stopped = new Promise<void>((resolve) => {
		resolveStopped = resolve;
	});
	const stream = createLogStream({
		...kafkaConnectionOptions(settings),
		logFile,
		topics: [topic],
		groupId: uniqueName('klog-tui-security-fail'),
		start: {kind: 'beginning'},
		onRecords: () => undefined,
		onError: (message) => errors.push(message),
		onStatus: (state) => {
			states.push(state);
			if (state.kind === 'stopped') resolveStopped();
		},
	});
	try {
		await stream.start();
		await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 20_000))]);
		return {errors, states, elapsedMs: Date.now() - started};
	} finally {
		await stream.stop();
	}
}

const RECORD = JSON.stringify({service: 'api', level: 'info', message: 'hello secure'});

describe('SASL over SASL_PLAINTEXT', () => {
	it.each([
		['plain', 'carol', PLAIN_PASSWORD, 'carol (PLAIN)'],
		['scram-sha-256', 'alice', SCRAM256_PASSWORD, 'alice (SCRAM-SHA-256)'],
		['SCRAM-SHA-512', 'bob', SCRAM512_PASSWORD, 'bob (SCRAM-SHA-512)'],
	])(
		'%s: consumes a record as %s, password from KLOG_PASSWORD',
		async (mechanism, username, password, label) => {
			const settings = await settingsFor(
				'SASL_PLAINTEXT',
				{saslMechanism: mechanism, username},
				{KLOG_PASSWORD: password},
			);
			expect(settings.userLabel).toBe(label);
			expect(await checkCredentials(settings, {logFile})).toEqual({ok: true});
			expect(await consumeFirstValue(settings)).toBe(RECORD);
		},
	);

	it.each([
		['plain', 'carol', 'carol (PLAIN)'],
		['scram-sha-256', 'alice', 'alice (SCRAM-SHA-256)'],
		['scram-sha-512', 'bob', 'bob (SCRAM-SHA-512)'],
	])(
		'%s: a wrong password is one clear line, fast, and no retry loop',
		async (mechanism, username, label) => {
			const settings = await settingsFor(
				'SASL_PLAINTEXT',
				{saslMechanism: mechanism, username},
				{KLOG_PASSWORD: 'wrong-Pw-0000'},
			);
			const started = Date.now();
			const check = await checkCredentials(settings, {logFile});
			const checkMs = Date.now() - started;
			expect(check).toEqual({ok: false, fatal: true, message: `authentication failed for user ${label}`});
			expect(checkMs).toBeLessThan(3000);

			// The stream itself (should the password change while running) stops instead of retrying.
			const failed = await failingStream(settings);
			expect(failed.states.at(-1)?.kind).toBe('stopped');
			expect(failed.states.filter((state) => state.kind === 'reconnecting')).toEqual([]);
			expect(failed.errors).toHaveLength(1);
			expect(failed.errors[0]).toMatch(/^authentication failed/);
			expect(failed.elapsedMs).toBeLessThan(5000);
			process.stderr.write(
				`[security] ${mechanism} wrong password: check ${checkMs} ms, stream stopped in ${failed.elapsedMs} ms\n`,
			);
		},
	);
});

describe('TLS', () => {
	it('consumes over SSL trusting a custom CA (--ca)', async () => {
		const settings = await settingsFor('SSL', {ca: tls.caFile});
		expect(settings.userLabel).toBe('anonymous (TLS)');
		expect(await consumeFirstValue(settings)).toBe(RECORD);
	});

	it('refuses a broker signed by an unknown CA without --ca: fatal, with a hint', async () => {
		const settings = await settingsFor('SSL', {ssl: true});
		const check = await checkCredentials(settings, {logFile});
		expect(check.ok).toBe(false);
		if (check.ok) return;
		expect(check.fatal).toBe(true);
		expect(check.message).toMatch(
			/^TLS handshake failed: .*certificate.*\(a private CA\? pass it with --ca FILE\)$/,
		);
	});

	it('consumes with a client certificate where the broker requires one', async () => {
		const settings = await settingsFor('MTLS', {
			ca: tls.caFile,
			cert: tls.clientCertFile,
			key: tls.clientKeyFile,
		});
		expect(settings.userLabel).toBe('client certificate (TLS)');
		expect(await checkCredentials(settings, {logFile})).toEqual({ok: true});
		expect(await consumeFirstValue(settings)).toBe(RECORD);
	});

	it.each([
		['no client certificate', {}, 'requires a client certificate: pass --cert FILE --key FILE (TLS alert: '],
		[
			'a certificate from a foreign CA',
			{cert: tls.foreignCertFile, key: tls.foreignKeyFile},
			'refused our client certificate (TLS alert: ',
		],
	])('is refused with %s: one fatal line, not a retry loop', async (_, extra, expected) => {
		const settings = await settingsFor('MTLS', {ca: tls.caFile, ...extra});
		const started = Date.now();
		const check = await checkCredentials(settings, {logFile});
		expect(Date.now() - started).toBeLessThan(3000);
		expect(check).toMatchObject({ok: false, fatal: true});
		if (check.ok) return;
		expect(check.message).toContain(`TLS: ${kafka().listenerBootstrap('MTLS')} ${expected}`);
	});

	it('consumes with SCRAM-SHA-512 over SASL_SSL, settings from a config profile', async () => {
		const configFile = {
			path: path.join(tls.dir, 'config.json'),
			warnings: [],
			config: {
				defaults: {},
				profiles: {
					prod: {
						sasl: {mechanism: 'scram-sha-512' as const, username: 'bob', passwordEnv: 'BOB_PW'},
						// Relative to the config file's folder, where the CA is.
						ssl: {ca: 'ca.pem'},
					},
				},
			},
		};
		const brokers = kafka().listenerBootstrap('SASL_SSL');
		// Without --profile the profile is not used: no SASL, no TLS.
		expect(await resolveConnectionSettings({brokers}, {BOB_PW: SCRAM512_PASSWORD}, configFile)).toMatchObject(
			{
				sasl: undefined,
				ssl: undefined,
			},
		);
		const prod = await resolveConnectionSettings(
			{brokers, profile: 'prod'},
			{BOB_PW: SCRAM512_PASSWORD},
			configFile,
		);
		expect(prod.userLabel).toBe('bob (SCRAM-SHA-512, TLS)');
		expect(await checkCredentials(prod, {logFile})).toEqual({ok: true});
		expect(await consumeFirstValue(prod)).toBe(RECORD);
	});
});

/** Run the real command line (through tsx, as `npm run` would) with only the environment given. */
function runCli(args: string[], env: NodeJS.ProcessEnv, options: {viaTerminal?: string} = {}) {
	const tsx = path.resolve('node_modules/.bin/tsx');
	const cli = path.resolve('source/cli.tsx');
	const home = mkdtempSync(path.join(tmpdir(), 'klog-cli-home-'));
	const fullEnv = {PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), ...env};
	// `script` gives the CLI a real terminal, so the password prompt runs as for a user.
	const command = options.viaTerminal === undefined ? tsx : 'script';
	const commandArgs =
		options.viaTerminal === undefined
			? [cli, ...args]
			: ['-qec', [tsx, cli, ...args].map((arg) => `'${arg}'`).join(' '), '/dev/null'];
	const started = Date.now();
	return new Promise<{code: number | null; stdout: string; stderr: string; elapsedMs: number}>((resolve) => {
		const child = spawn(command, commandArgs, {env: fullEnv, stdio: ['pipe', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		let typed = false;
		child.stdout.on('data', (chunk) => {
			stdout += chunk.toString();
			if (options.viaTerminal !== undefined && !typed && stdout.includes('Password for')) {
				typed = true;
				child.stdin.write(`${options.viaTerminal}\r`);
			}
		});
		child.stderr.on('data', (chunk) => {
			stderr += chunk.toString();
		});
		const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
		child.on('close', (code) => {
			clearTimeout(timer);
			rmSync(home, {recursive: true, force: true});
			resolve({code, stdout, stderr, elapsedMs: Date.now() - started});
		});
	});
}

describe('the command line', () => {
	const plainArgs = () => ['--plain', '--output', 'json', '--from-beginning', '--exit', '--topic', topic];

	it('a wrong password: one line, exit 2, fast, the password nowhere', async () => {
		const result = await runCli(
			[
				...plainArgs(),
				'--brokers',
				kafka().listenerBootstrap('SASL_PLAINTEXT'),
				'--sasl-mechanism',
				'scram-sha-256',
				'--username',
				'alice',
			],
			{KLOG_PASSWORD: 'wrong-Pw-0000'},
		);
		process.stderr.write(`[security] CLI wrong password: exit ${result.code} in ${result.elapsedMs} ms\n`);
		expect(result.stderr).toBe('klog-tui: authentication failed for user alice (SCRAM-SHA-256)\n');
		expect(result.stdout).toBe('');
		expect(result.code).toBe(2);
		expect(result.elapsedMs).toBeLessThan(15_000);
	});

	it('reads with a profile from --config, password from the variable it names', async () => {
		const configFile = path.join(tls.dir, 'klog-config.json');
		writeFileSync(
			configFile,
			JSON.stringify({
				profiles: {
					secure: {
						brokers: kafka().listenerBootstrap('SASL_SSL'),
						sasl: {mechanism: 'scram-sha-512', username: 'bob', passwordEnv: 'BOB_PW'},
						ssl: {ca: 'ca.pem'},
					},
				},
			}),
		);
		chmodSync(configFile, 0o600);
		const result = await runCli([...plainArgs(), '--config', configFile, '--profile', 'secure'], {
			BOB_PW: SCRAM512_PASSWORD,
		});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout.trim().split('\n')[0]!)).toMatchObject({
			service: 'api',
			message: 'hello secure',
		});
	});

	it('warns once when a config file holding a password is readable by others', async () => {
		const configFile = path.join(tls.dir, 'klog-open-config.json');
		writeFileSync(
			configFile,
			JSON.stringify({
				defaults: {
					brokers: kafka().listenerBootstrap('SASL_PLAINTEXT'),
					sasl: {mechanism: 'scram-sha-256', username: 'alice', password: SCRAM256_PASSWORD},
				},
			}),
		);
		chmodSync(configFile, 0o644);
		const result = await runCli([...plainArgs(), '--config', configFile], {});
		expect(result.stderr).toBe(
			`Warning: ${configFile} holds a password and others can read it (mode 644); run: chmod 600 ${configFile}\n`,
		);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('hello secure');
		expect(result.stdout + result.stderr).not.toContain(SCRAM256_PASSWORD);
	});

	it('asks for the password on a terminal without echoing it', async () => {
		const result = await runCli(
			[
				...plainArgs(),
				'--brokers',
				kafka().listenerBootstrap('SASL_PLAINTEXT'),
				'--sasl-mechanism',
				'plain',
				'--username',
				'carol',
			],
			{},
			{viaTerminal: PLAIN_PASSWORD},
		);
		// Through `script`, everything the CLI writes to the terminal arrives on stdout.
		expect(result.stdout).toContain('Password for carol: ');
		expect(result.stdout).toContain('hello secure');
		expect(result.stdout).not.toContain(PLAIN_PASSWORD);
		expect(result.code).toBe(0);
	});

	it('refuses --password with the reason, before anything connects', async () => {
		const result = await runCli(['--plain', '--password', 'hunter2-pw', '--username', 'alice'], {});
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(
			/^klog-tui: --password is not accepted: a password on the command line shows in ps/,
		);
		expect(result.stderr).not.toContain('hunter2-pw');
	});
});

describe('OAUTHBEARER', () => {
	oauthBearerCases({kafka, topic: () => topic, record: RECORD, logFile});
});

describe('secrets', () => {
	it('never appear in the kafkajs log file, successes and failures alike', () => {
		const log = readFileSync(logFile, 'utf8');
		// The cases above wrote plenty: connections, authentications, failures.
		expect(log.split('\n').length).toBeGreaterThan(20);
		expect(log).toMatch(/authentication failed/i);
		for (const secret of [...SECRETS, 'wrong-Pw-0000', tls.storePassword]) expect(log).not.toContain(secret);
	});
});
