import path from 'node:path';
import {ConfigError} from '../config-error.js';
import type {SaslConfig} from '../config-schema.js';
import type {OAuthBearerSettings} from '../connection-settings.js';
import {fetchOAuthToken, TokenSourceError} from './fetch-oauth-token.js';
import {
	DEFAULT_REFRESH_SECONDS,
	DEFAULT_TOKEN_COMMAND_TIMEOUT_MS,
	type OAuthTokenSource,
} from './oauth-token.js';

/**
 * `--sasl-mechanism oauthbearer`: where the token comes from (flags > environment > the
 * config's `sasl` block), and the first token, fetched here so that a command that fails or a
 * missing file ends the run with one line (exit 2) before anything connects.
 *
 * Flags `--token-command`, `--token-file`; environment `KLOG_TOKEN_COMMAND`, `KLOG_TOKEN_FILE`;
 * config `sasl.tokenCommand`, `sasl.tokenFile`, `sasl.tokenRefreshSeconds`.
 */

export type TokenFlagValues = {tokenCommand?: string | undefined; tokenFile?: string | undefined};

/** The configured `sasl` block and where it is (for messages and relative paths). */
export type ConfiguredSasl = {source: string; sasl: SaslConfig; dir: string};

/** True when a token source is given anywhere: it implies `oauthbearer` when no mechanism is. */
export function tokenSourceGiven(
	flags: TokenFlagValues,
	env: NodeJS.ProcessEnv,
	config: SaslConfig,
): boolean {
	return tokenFromFlagsOrEnv(flags, env) !== undefined || !!(config.tokenCommand || config.tokenFile);
}

/** The setting that names a token source from flags or environment, for a refusal; else undefined. */
export function tokenSettingName(flags: TokenFlagValues, env: NodeJS.ProcessEnv): string | undefined {
	return tokenFromFlagsOrEnv(flags, env)?.origin;
}

/** Resolve the token source and fetch the first token. Throws `ConfigError` (one line). */
export async function resolveOAuthBearer(
	flags: TokenFlagValues & {username?: string | undefined},
	env: NodeJS.ProcessEnv,
	configured: ConfiguredSasl | undefined,
	cwd: string,
): Promise<OAuthBearerSettings> {
	if (nonEmpty(flags.username) !== undefined) {
		throw new ConfigError('--username does not apply to oauthbearer: the token says who you are');
	}
	const given = tokenFromFlagsOrEnv(flags, env);
	const source = given ? withPath(given, cwd) : configuredSource(configured);
	if (!source) {
		throw new ConfigError(
			'SASL oauthbearer needs a token: --token-command CMD, --token-file FILE, or sasl.tokenCommand / sasl.tokenFile in the config file',
		);
	}
	const refreshSeconds = configured?.sasl.tokenRefreshSeconds ?? DEFAULT_REFRESH_SECONDS;
	try {
		const token = await fetchOAuthToken(source, refreshSeconds);
		return {mechanism: 'oauthbearer', source, refreshSeconds, token};
	} catch (error) {
		if (error instanceof TokenSourceError) throw new ConfigError(error.message);
		throw error;
	}
}

function tokenFromFlagsOrEnv(flags: TokenFlagValues, env: NodeJS.ProcessEnv): OAuthTokenSource | undefined {
	const candidates: Array<[string | undefined, string, 'command' | 'file']> = [
		[flags.tokenCommand, '--token-command', 'command'],
		[flags.tokenFile, '--token-file', 'file'],
		[env.KLOG_TOKEN_COMMAND, 'KLOG_TOKEN_COMMAND', 'command'],
		[env.KLOG_TOKEN_FILE, 'KLOG_TOKEN_FILE', 'file'],
	];
	const flagged = candidates.filter(([value], index) => index < 2 && nonEmpty(value) !== undefined);
	if (flagged.length > 1) throw new ConfigError('--token-command and --token-file are both given; keep one');
	const found = candidates.find(([value]) => nonEmpty(value) !== undefined);
	if (!found) return undefined;
	const [value, origin, kind] = found;
	return kind === 'command'
		? {kind, command: value!, origin, timeoutMs: DEFAULT_TOKEN_COMMAND_TIMEOUT_MS}
		: {kind, path: value!, origin};
}

function withPath(source: OAuthTokenSource, base: string): OAuthTokenSource {
	return source.kind === 'file' ? {...source, path: path.resolve(base, source.path)} : source;
}

function configuredSource(configured: ConfiguredSasl | undefined): OAuthTokenSource | undefined {
	if (!configured) return undefined;
	const {sasl, source, dir} = configured;
	if (sasl.tokenCommand) {
		return {
			kind: 'command',
			command: sasl.tokenCommand,
			origin: `${source}.sasl.tokenCommand`,
			timeoutMs: DEFAULT_TOKEN_COMMAND_TIMEOUT_MS,
		};
	}
	if (sasl.tokenFile) {
		return {kind: 'file', path: path.resolve(dir, sasl.tokenFile), origin: `${source}.sasl.tokenFile`};
	}
	return undefined;
}

function nonEmpty(text: string | undefined): string | undefined {
	return text === undefined || text.trim() === '' ? undefined : text;
}
