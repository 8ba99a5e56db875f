/**
 * SASL/OAUTHBEARER against Kafka's own unsecured-token validator (JWS with `alg: none`), run
 * through the built command line (plain mode, so the stream worker gets and refreshes the
 * token itself). The listener lives on the broker `security-listeners.test.ts` already starts:
 * one broker start less for the suite.
 */
import {execSync} from 'node:child_process';
import {chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import type {KafkaCluster, KafkaListenerSpec} from '../../../tools/kafka/kafka-broker.js';
import {ensureBuilt, runCli} from '../cli/cli-process.js';
import {killRunningClis, startPlainCli} from '../cli/faults-cli-run.js';
import {createTopic, testKafkaClient, uniqueName} from './test-kafka.js';

/** The scope the listener requires of every token. */
const SCOPE = 'klog.read';

/**
 * OAUTHBEARER with the unsecured validator (Kafka's default when no callback handler is set).
 * `unsecuredLoginStringClaim_sub` is the broker's own login; `connections.max.reauth.ms` makes
 * the broker end each session when its token expires, so a client must re-authenticate.
 */
export const OAUTH_LISTENER: KafkaListenerSpec = {
	name: 'OAUTH',
	securityProtocol: 'SASL_PLAINTEXT',
	properties: {
		'sasl.enabled.mechanisms': 'OAUTHBEARER',
		'oauthbearer.sasl.jaas.config': `org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required unsecuredLoginStringClaim_sub="admin" unsecuredValidatorRequiredScope="${SCOPE}";`,
		'oauthbearer.connections.max.reauth.ms': '3600000',
	},
};

/** A token command: prints an unsecured JWS, counting its runs in a file when given one. */
const TOKEN_SCRIPT = `
import {appendFileSync} from 'node:fs';
const [sub, lifetime, scope, counter] = process.argv.slice(2);
const now = Math.floor(Date.now() / 1000);
const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claims = {sub, iat: now, exp: now + Number(lifetime), ...(scope === '-' ? {} : {scope})};
if (counter) appendFileSync(counter, now + ' ' + claims.exp + '\\n');
process.stdout.write(part({alg: 'none'}) + '.' + part(claims) + '.\\n');
`;

export type OAuthCaseContext = {
	kafka: () => KafkaCluster;
	/** A topic holding one record, `record`. */
	topic: () => string;
	record: string;
	/** kafkajs' log of the file's other cases. */
	logFile: string;
};

/** Registers the OAUTHBEARER cases (call inside a `describe`). */
export function oauthBearerCases(context: OAuthCaseContext): void {
	const dir = mkdtempSync(path.join(tmpdir(), 'klog-oauth-'));
	const script = path.join(dir, 'token.mjs');
	const cliLog = path.join(dir, 'kafkajs.log');
	const printed: string[] = [];
	const tokenCommand = (sub: string, lifetime: number, scope = SCOPE, counter = '') =>
		`${JSON.stringify(process.execPath)} ${script} ${sub} ${lifetime} ${scope} ${counter}`.trim();
	const brokers = () => context.kafka().listenerBootstrap('OAUTH');
	const readArgs = () => [
		'--plain',
		'--output',
		'json',
		'--from-beginning',
		'--exit',
		'--topic',
		context.topic(),
		'--brokers',
		brokers(),
		'--log-file',
		cliLog,
	];
	/** Runs the CLI; remembers what it printed, to look for tokens in at the end. */
	const run = async (args: string[], env: Record<string, string | undefined> = {}) => {
		const result = await runCli(args, {env: {XDG_CONFIG_HOME: dir, KLOG_CONFIG: undefined, ...env}});
		printed.push(result.stdout.toString('utf8'), result.stderr);
		return {...result, stdout: result.stdout.toString('utf8')};
	};

	beforeAll(() => {
		writeFileSync(script, TOKEN_SCRIPT);
		ensureBuilt();
	}, 180_000);
	afterAll(async () => {
		await killRunningClis();
		rmSync(dir, {recursive: true, force: true});
	});

	it('reads with a token from --token-command', async () => {
		const result = await run([
			...readArgs(),
			'--sasl-mechanism',
			'oauthbearer',
			'--token-command',
			tokenCommand('alice', 300),
		]);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout.trim().split('\n')[0]!)).toMatchObject(JSON.parse(context.record));
	});

	it('reads with a token from the file a profile names (relative to the config file)', async () => {
		const configDir = mkdtempSync(path.join(dir, 'config-'));
		const token = execSync(tokenCommand('bob', 300), {encoding: 'utf8'});
		writeFileSync(path.join(configDir, 'token.jwt'), token);
		chmodSync(path.join(configDir, 'token.jwt'), 0o600);
		const config = path.join(configDir, 'config.json');
		writeFileSync(
			config,
			JSON.stringify({profiles: {oauth: {sasl: {mechanism: 'oauthbearer', tokenFile: 'token.jwt'}}}}),
		);
		const result = await run([...readArgs(), '--config', config, '--profile', 'oauth']);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('"service":"api"');
	});

	it.each([
		[
			'an expired token',
			() => tokenCommand('alice', -60),
			/^klog-tui: authentication failed for user alice \(OAUTHBEARER\): the broker refused the token \(invalid_token\); it expired at \d\d:\d\d:\d\d UTC\n$/,
		],
		[
			'a token without the required scope',
			() => tokenCommand('carol', 300, '-'),
			/^klog-tui: authentication failed for user carol \(OAUTHBEARER\): the broker refused the token \(insufficient_scope, required scope: .*klog\.read.*\)\n$/,
		],
	])('%s: one line, exit 2, nothing read', async (_, command, expected) => {
		const result = await run([
			...readArgs(),
			'--sasl-mechanism',
			'oauthbearer',
			'--token-command',
			command(),
		]);
		process.stderr.write(`[oauth] ${_}: exit ${result.code} in ${result.ms} ms: ${result.stderr}`);
		expect(result.stderr).toMatch(expected);
		expect(result.stdout).toBe('');
		expect(result.code).toBe(2);
	});

	it.each([
		[
			'fails',
			'echo "token service: 401 Unauthorized" >&2; exit 3',
			'The token command (--token-command) failed with exit code 3: token service: 401 Unauthorized',
		],
		[
			'prints nothing',
			'true',
			'The token command (--token-command) printed nothing: it must give the token on stdout',
		],
		[
			'prints more than a token',
			'echo "Bearer abc.def.ghi"',
			'The token command (--token-command) printed more than the token (white space inside): it must give the token alone',
		],
	])('a token command that %s: one line, exit 2', async (_, command, expected) => {
		const result = await run([...readArgs(), '--token-command', command]);
		expect(result.stderr).toBe(`klog-tui: ${expected}\n`);
		expect(result.code).toBe(2);
	});

	it('runs the command again before the token expires: records keep coming after the first token expired', async () => {
		const topic = uniqueName('oauth-refresh');
		await createTopic(topic, 1, {bootstrap: context.kafka().bootstrap});
		const counter = path.join(dir, 'runs.txt');
		writeFileSync(counter, '');
		const lifetime = 20;
		const cli = startPlainCli([
			'--from-beginning',
			'--topic',
			topic,
			'--brokers',
			brokers(),
			'--log-file',
			cliLog,
			'--token-command',
			tokenCommand('dave', lifetime, SCOPE, counter),
		]);
		const producer = testKafkaClient(context.kafka().bootstrap).producer();
		await producer.connect();
		try {
			const firstExpiry = () => Number(readFileSync(counter, 'utf8').split('\n')[0]!.split(' ')[1]) * 1000;
			await waitFor(() => readFileSync(counter, 'utf8').length > 0, 20_000);
			let sent = 0;
			// One record a second until 6 s past the first token's expiry.
			while (Date.now() < firstExpiry() + 6000) {
				await producer.send({
					topic,
					messages: [{value: JSON.stringify({service: 'api', message: `tick ${sent++}`})}],
				});
				await new Promise((resolve) => setTimeout(resolve, 1000));
			}
			await waitFor(() => cli.lines().length === sent, 20_000).catch(() => undefined);
			const runs = readFileSync(counter, 'utf8').trim().split('\n');
			printed.push(cli.stderr(), JSON.stringify(cli.lines()));
			process.stderr.write(
				`[oauth] refresh: ${sent} sent, ${cli.lines().length} read, ${runs.length} token runs: ${runs.join(' | ')}\n`,
			);
			expect(cli.stderr()).toBe('');
			expect(cli.lines().map((line) => line.message)).toEqual(
				Array.from({length: sent}, (__, i) => `tick ${i}`),
			);
			expect(runs.length).toBeGreaterThanOrEqual(2);
		} finally {
			await producer.disconnect();
			cli.child.kill('SIGTERM');
			await cli.exited;
		}
	}, 120_000);

	it('never shows a token: not in output, messages or kafkajs logs', () => {
		const tokenPattern = /eyJhbGciOiJub25lIn0\.[A-Za-z0-9_-]+\./;
		for (const text of printed) expect(text).not.toMatch(tokenPattern);
		const logs = readFileSync(cliLog, 'utf8') + readFileSync(context.logFile, 'utf8');
		// Written to by the refreshing session (a run that exits 2 ends before its log is flushed).
		expect(logs).toMatch(/oauth-refresh-/);
		expect(logs).not.toMatch(tokenPattern);
	});
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}
