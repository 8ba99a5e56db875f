/**
 * How klog-tui connects to a cluster once flags, environment, config profile and
 * defaults have been merged: the brokers, TLS and SASL. Pure: no file system, no
 * kafkajs (the shapes below are a subset of what kafkajs accepts as `ssl` and `sasl`,
 * so the adapter can pass them through as they are).
 */

import type {OAuthToken, OAuthTokenSource} from './oauth/oauth-token.js';

/** SASL mechanisms klog-tui supports, spelled as kafkajs spells them. */
export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512', 'oauthbearer'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];
/** The mechanisms that log in with a user name and a password. */
export type PasswordMechanism = Exclude<SaslMechanism, 'oauthbearer'>;

/** A user name and password. The password must never reach the screen or a log. */
export type PasswordSaslSettings = {mechanism: PasswordMechanism; username: string; password: string};

/**
 * OAUTHBEARER: where the token comes from and the token got at start. Plain data, so it
 * crosses to the stream worker, which fetches the next token itself when this one is due
 * (`source/kafka/oauth-bearer/`). The token must never reach the screen or a log.
 */
export type OAuthBearerSettings = {
	mechanism: 'oauthbearer';
	source: OAuthTokenSource;
	/** How often a token without an `exp` claim is fetched again. */
	refreshSeconds: number;
	token: OAuthToken;
};

/** SASL settings: a password mechanism or OAUTHBEARER. */
export type SaslSettings = PasswordSaslSettings | OAuthBearerSettings;

/** TLS options (a subset of Node's `tls.ConnectionOptions`); file contents, not paths. */
export type TlsSettings = {
	/** Trusted CA certificates (PEM); absent means Node's default trust store. */
	ca?: string[];
	/** Client certificate chain (PEM) for brokers that require client authentication. */
	cert?: string;
	/** Private key (PEM) of the client certificate. */
	key?: string;
	/** False only when the user asked to skip verification (loudly warned about). */
	rejectUnauthorized: boolean;
};

/** Everything the adapter needs to connect, plus what the header may show. */
export type ConnectionSettings = {
	brokers: string[];
	ssl: TlsSettings | undefined;
	sasl: SaslSettings | undefined;
	/** Who we are, safe for the header: `alice (SCRAM-SHA-256)`; undefined when anonymous plaintext. */
	userLabel: string | undefined;
	/** One-line warnings to print before the TUI starts (never containing a secret). */
	warnings: string[];
};

/** `scram-sha-256` → `SCRAM-SHA-256`, the way Kafka documentation writes it. */
export function mechanismLabel(mechanism: SaslMechanism): string {
	return mechanism.toUpperCase();
}

/** Parse a mechanism as a user may type it (any case); undefined when unknown. */
export function parseSaslMechanism(text: string): SaslMechanism | undefined {
	const lower = text.trim().toLowerCase();
	return (SASL_MECHANISMS as readonly string[]).includes(lower) ? (lower as SaslMechanism) : undefined;
}

/**
 * The identity shown in the header: the user name (for OAUTHBEARER the token's subject) and
 * how it authenticates, never the password or the token. A client certificate without SASL shows as `client certificate (TLS)`.
 */
export function userLabel(
	sasl: {mechanism: SaslMechanism; username?: string | undefined} | undefined,
	ssl: TlsSettings | undefined,
): string | undefined {
	if (sasl) {
		const transport = ssl ? ', TLS' : '';
		// A token that does not say whose it is (no JWT `sub`) shows as what it is.
		return `${sasl.username ?? 'bearer token'} (${mechanismLabel(sasl.mechanism)}${transport})`;
	}
	if (ssl?.cert) return 'client certificate (TLS)';
	if (ssl) return 'anonymous (TLS)';
	return undefined;
}

/**
 * Split a broker list as typed (`a:9092,b:9092`, with stray spaces) into addresses.
 * Accepts several strings too, for a repeated flag or a JSON array.
 */
export function parseBrokerList(input: string | readonly string[]): string[] {
	const parts = typeof input === 'string' ? [input] : input;
	return parts
		.flatMap((part) => part.split(','))
		.map((part) => part.trim())
		.filter((part) => part.length > 0);
}

/** The secret of these settings (password or token), for `redactSecrets`. */
export function saslSecret(sasl: SaslSettings | undefined): string | undefined {
	if (!sasl) return undefined;
	return sasl.mechanism === 'oauthbearer' ? sasl.token.value : sasl.password;
}

/**
 * Replace every occurrence of each secret in `text` with `***`. For error messages and
 * log lines that may echo what a library was given; secrets shorter than 1 character are ignored.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
	let result = text;
	for (const secret of secrets) {
		if (!secret) continue;
		result = result.split(secret).join('***');
	}
	return result;
}
