import {readFileSync} from 'node:fs';
import path from 'node:path';

import {ConfigError} from './config-error.js';
import {configLayers, type LoadedConfig} from './config-file.js';
import type {ProfileConfig, SaslConfig, SslConfig} from './config-schema.js';
import {
	type ConnectionSettings,
	parseBrokerList,
	parseSaslMechanism,
	SASL_MECHANISMS,
	type SaslMechanism,
	type SaslSettings,
	type TlsSettings,
	userLabel,
} from './connection-settings.js';
import {resolveOAuthBearer, tokenSettingName, tokenSourceGiven} from './oauth/resolve-oauth-bearer.js';
import type {PasswordPrompt} from './password-prompt.js';

/**
 * Turning flags, environment, the config profile and defaults into `ConnectionSettings`.
 * Precedence, per field: flags > environment > profile > `defaults` > built-in default.
 *
 * Environment: `KAFKA_BROKERS`, `KLOG_PROFILE`, `KLOG_SASL_MECHANISM`, `KLOG_USERNAME`,
 * `KLOG_PASSWORD`. The password comes only from `KLOG_PASSWORD`, the config file
 * (`sasl.password` or the variable named by `sasl.passwordEnv`) or the prompt. OAUTHBEARER's
 * token: `oauth/resolve-oauth-bearer.ts`.
 */

/** Brokers when nothing says otherwise. */
export const DEFAULT_BROKERS = ['localhost:9092'];

export type ResolveConnectionOptions = {
	/** Asks for a missing password; leave undefined when stdin is not a terminal. */
	prompt?: PasswordPrompt | undefined;
	/** Folder that relative `--ca/--cert/--key` paths resolve against (default: cwd). */
	cwd?: string;
};

/**
 * Resolve how to connect. Throws `ConfigError` (one line, exit code 2) for anything the
 * user must fix: `--password`, an unknown mechanism, a missing user name or password,
 * an unreadable certificate file, an unknown profile.
 */
export async function resolveConnectionSettings(
	flags: SecurityFlagValues,
	env: NodeJS.ProcessEnv,
	configFile?: LoadedConfig,
	options: ResolveConnectionOptions = {},
): Promise<ConnectionSettings> {
	if (flags.password !== undefined) throw new ConfigError(PASSWORD_FLAG_REFUSAL);
	const {layers} = configLayers(configFile, nonEmpty(flags.profile) ?? nonEmpty(env.KLOG_PROFILE));
	const configDir = configFile ? path.dirname(configFile.path) : undefined;
	const warnings = [...(configFile?.warnings ?? [])];

	const brokers = resolveBrokers(flags, env, layers);
	const cwd = options.cwd ?? process.cwd();
	const ssl = resolveTls(flags, layers, cwd, configDir, warnings);
	const sasl = await resolveSasl(flags, env, layers, options.prompt, {cwd, configDir: configDir ?? cwd});
	if (sasl?.mechanism === 'plain' && !ssl) {
		warnings.push(
			'Warning: SASL PLAIN without TLS sends the password in clear text; add --ssl if the brokers offer it',
		);
	}
	const who =
		sasl?.mechanism === 'oauthbearer' ? {mechanism: sasl.mechanism, username: sasl.token.subject} : sasl;
	return {brokers, ssl, sasl, userLabel: userLabel(who, ssl), warnings};
}

type Layer = {source: string; settings: ProfileConfig};

function resolveBrokers(flags: SecurityFlagValues, env: NodeJS.ProcessEnv, layers: Layer[]): string[] {
	if (flags.brokers !== undefined) {
		const list = parseBrokerList(flags.brokers);
		if (list.length === 0) throw new ConfigError('--brokers is empty: give host:port[,host:port...]');
		return list;
	}
	const fromEnv = env.KAFKA_BROKERS ? parseBrokerList(env.KAFKA_BROKERS) : [];
	if (fromEnv.length > 0) return fromEnv;
	for (const layer of layers) if (layer.settings.brokers) return [...layer.settings.brokers];
	return [...DEFAULT_BROKERS];
}

async function resolveSasl(
	flags: SecurityFlagValues,
	env: NodeJS.ProcessEnv,
	layers: Layer[],
	prompt: PasswordPrompt | undefined,
	dirs: {cwd: string; configDir: string},
): Promise<SaslSettings | undefined> {
	// The SASL block of the most important layer that has one is taken as a whole, so a
	// profile never borrows credentials from `defaults` meant for another cluster.
	const configured = layers.find((layer) => layer.settings.sasl !== undefined);
	const fromConfig: SaslConfig = configured?.settings.sasl ?? {};
	const mechanism =
		mechanismFrom(flags.saslMechanism, '--sasl-mechanism') ??
		mechanismFrom(env.KLOG_SASL_MECHANISM, 'KLOG_SASL_MECHANISM') ??
		fromConfig.mechanism ??
		// A token source says which mechanism it is for.
		(tokenSourceGiven(flags, env, fromConfig) ? 'oauthbearer' : undefined);
	if (mechanism === 'oauthbearer') {
		const sasl = configured ? {source: configured.source, sasl: fromConfig, dir: dirs.configDir} : undefined;
		return resolveOAuthBearer(flags, env, sasl, dirs.cwd);
	}
	const tokenSetting = tokenSettingName(flags, env);
	if (mechanism !== undefined && tokenSetting !== undefined) {
		throw new ConfigError(`${tokenSetting} applies only to SASL oauthbearer, not ${mechanism}`);
	}
	const username = nonEmpty(flags.username) ?? nonEmpty(env.KLOG_USERNAME) ?? fromConfig.username;
	if (mechanism === undefined && username === undefined) return undefined;
	if (mechanism === undefined) {
		throw new ConfigError(
			`A user name was given but no SASL mechanism: add --sasl-mechanism (${SASL_MECHANISMS.join(', ')})`,
		);
	}
	if (username === undefined) {
		throw new ConfigError(
			`SASL ${mechanism} needs a user name: --username, KLOG_USERNAME or sasl.username in the config file`,
		);
	}

	// A password in the config belongs to the config's user: never send it for another one.
	const configPasswordApplies = fromConfig.username === undefined || fromConfig.username === username;
	let password = nonEmpty(env.KLOG_PASSWORD);
	let missingEnv: string | undefined;
	if (password === undefined && configPasswordApplies && configured) {
		if (fromConfig.password !== undefined) password = fromConfig.password;
		else if (fromConfig.passwordEnv !== undefined) {
			password = nonEmpty(env[fromConfig.passwordEnv]);
			if (password === undefined) {
				missingEnv = `${fromConfig.passwordEnv} (named by ${configured.source}.sasl.passwordEnv) is not set`;
			}
		}
	}
	if (password === undefined && prompt) password = await prompt(`Password for ${username}: `);
	if (!password) {
		const hint =
			missingEnv ?? 'set KLOG_PASSWORD, put it in the config file, or run in a terminal to be asked';
		throw new ConfigError(`No password for SASL user ${username}: ${hint}`);
	}
	return {mechanism, username, password};
}

function resolveTls(
	flags: SecurityFlagValues,
	layers: Layer[],
	cwd: string,
	configDir: string | undefined,
	warnings: string[],
): TlsSettings | undefined {
	const configured = layers.find((layer) => layer.settings.ssl !== undefined);
	const fromConfig: SslConfig | undefined = configured?.settings.ssl;
	const flagged =
		flags.ssl === true || flags.insecureSkipVerify === true || !!(flags.ca || flags.cert || flags.key);
	if (!flagged && !fromConfig) return undefined;

	if (!!flags.cert !== !!flags.key) {
		throw new ConfigError(
			`${flags.cert ? '--cert needs --key' : '--key needs --cert'}: a client certificate needs both`,
		);
	}
	const ssl: TlsSettings = {rejectUnauthorized: true};
	const configSource = configured ? `${configured.source}.ssl` : '';
	const configBase = configDir ?? cwd;
	if (flags.ca) ssl.ca = [readPem(path.resolve(cwd, flags.ca), '--ca')];
	else if (fromConfig?.ca) ssl.ca = [readPem(path.resolve(configBase, fromConfig.ca), `${configSource}.ca`)];
	if (flags.cert && flags.key) {
		ssl.cert = readPem(path.resolve(cwd, flags.cert), '--cert');
		ssl.key = readPem(path.resolve(cwd, flags.key), '--key');
	} else if (fromConfig?.cert && fromConfig.key) {
		ssl.cert = readPem(path.resolve(configBase, fromConfig.cert), `${configSource}.cert`);
		ssl.key = readPem(path.resolve(configBase, fromConfig.key), `${configSource}.key`);
	}
	if (flags.insecureSkipVerify === true || fromConfig?.rejectUnauthorized === false) {
		ssl.rejectUnauthorized = false;
		const why =
			flags.insecureSkipVerify === true ? '--insecure-skip-verify' : `${configSource}.rejectUnauthorized`;
		warnings.push(
			`Warning: TLS certificate verification is OFF (${why}): anyone on the network path can read and change this traffic, passwords included`,
		);
	}
	return ssl;
}

function readPem(file: string, source: string): string {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(code);
		throw new ConfigError(`Cannot read ${source} file ${file}: ${why}`);
	}
	if (!text.includes('-----BEGIN '))
		throw new ConfigError(`${source} file ${file} is not PEM (no -----BEGIN line)`);
	return text;
}

function mechanismFrom(text: string | undefined, source: string): SaslMechanism | undefined {
	if (text === undefined || text.trim() === '') return undefined;
	const mechanism = parseSaslMechanism(text);
	if (!mechanism)
		throw new ConfigError(`${source} must be one of ${SASL_MECHANISMS.join(', ')} (got "${text}")`);
	return mechanism;
}

function nonEmpty(text: string | undefined): string | undefined {
	return text === undefined || text.trim() === '' ? undefined : text;
}

/** Why `--password` is refused (shown as it is). */
export const PASSWORD_FLAG_REFUSAL =
	'--password is not accepted: a password on the command line shows in ps and stays in shell history. ' +
	'Use KLOG_PASSWORD, the config file (sasl.passwordEnv or sasl.password) or answer the prompt.';

/** The values meow produces for `securityFlags` (plus the CLI's `--brokers`). */
export type SecurityFlagValues = {
	brokers?: string | readonly string[] | undefined;
	config?: string | undefined;
	profile?: string | undefined;
	saslMechanism?: string | undefined;
	username?: string | undefined;
	password?: string | undefined;
	tokenCommand?: string | undefined;
	tokenFile?: string | undefined;
	ssl?: boolean | undefined;
	ca?: string | undefined;
	cert?: string | undefined;
	key?: string | undefined;
	insecureSkipVerify?: boolean | undefined;
};
