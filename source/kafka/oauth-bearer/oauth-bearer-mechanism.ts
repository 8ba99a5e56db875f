import kafkajs, {type AuthenticationProviderArgs, type Mechanism} from 'kafkajs';
import {formatExpiry, readJwtClaims} from '../../settings/oauth/oauth-token.js';
import type {TokenProvider} from './token-provider.js';

/**
 * SASL/OAUTHBEARER (RFC 7628) for kafkajs, in place of its built-in one, which ignores the
 * broker's answer: a broker that refuses a token answers with an error challenge
 * (`{"status":"invalid_token"}`), which kafkajs takes for success; the broker then drops the
 * connection at the next request and kafkajs reconnects forever ("No brokers in the broker
 * pool"). Here the challenge is read: on an error we answer %x01 as the RFC asks (the broker
 * then ends the exchange) and fail with `KafkaJSSASLAuthenticationError`, which is fatal,
 * carrying `tokenRefusal`: the broker's status and what the token's own claims say.
 */

const SEPARATOR = '\u0001';

/**
 * kafkajs' class (from its default export: Node cannot see the named export of this CommonJS
 * module); it takes a message, whatever its type declaration says.
 */
const SaslAuthenticationError = kafkajs.KafkaJSSASLAuthenticationError as unknown as new (
	message: string,
) => Error;

/** The broker's error challenge, as Kafka's OAuthBearerSaslServer writes it. */
type ErrorChallenge = {status?: unknown; scope?: unknown};

/** A kafkajs SASL mechanism that authenticates with the tokens of `provider`. */
export function oauthBearerMechanism(provider: TokenProvider): Mechanism {
	return {
		mechanism: 'oauthbearer',
		authenticationProvider: ({host, port, logger, saslAuthenticate}: AuthenticationProviderArgs) => ({
			async authenticate() {
				const token = await provider();
				const message = `n,,${SEPARATOR}auth=Bearer ${token.value}${SEPARATOR}${SEPARATOR}`;
				const challenge = await saslAuthenticate<Buffer>({
					request: {encode: () => framed(Buffer.from(message, 'utf8'))},
					response: {decode: (raw) => raw, parse: (data) => unframed(data)},
				});
				const refusal = challenge ? errorChallenge(challenge) : undefined;
				if (!refusal) return;
				// The broker waits for this before it ends the exchange with its own error.
				await saslAuthenticate({request: {encode: () => framed(Buffer.from(SEPARATOR))}}).catch(
					() => undefined,
				);
				const why = refusalText(refusal, token.value, Date.now());
				logger.error(`SASL OAUTHBEARER authentication failed: ${why}`, {broker: `${host}:${port}`});
				throw Object.assign(new SaslAuthenticationError(`SASL OAUTHBEARER authentication failed: ${why}`), {
					tokenRefusal: why,
				});
			},
		}),
	};
}

/** Kafka's BYTES: a 4-byte big-endian length, then the bytes. */
function framed(bytes: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeInt32BE(bytes.length);
	return Buffer.concat([length, bytes]);
}

/** kafkajs hands the challenge over still framed (as its own mechanisms expect). */
function unframed(data: Buffer): Buffer {
	if (data.length >= 4 && data.readInt32BE(0) === data.length - 4) return data.subarray(4);
	return data;
}

/** The error the challenge carries, or undefined for the empty challenge of a success. */
function errorChallenge(challenge: Buffer): ErrorChallenge | undefined {
	if (challenge.length === 0) return undefined;
	try {
		const parsed: unknown = JSON.parse(challenge.toString('utf8'));
		if (typeof parsed === 'object' && parsed !== null) return parsed as ErrorChallenge;
	} catch {
		// Not JSON: still a refusal, without a status.
	}
	return {};
}

/**
 * `the broker refused the token (invalid_token); it expired at 12:57:30 UTC`. The broker says
 * only its status; the token's claims (read here, never printed) often say why.
 */
export function refusalText(refusal: ErrorChallenge, token: string, nowMs: number): string {
	const status = typeof refusal.status === 'string' ? printable(refusal.status) : 'no reason given';
	const scope = typeof refusal.scope === 'string' ? `, required scope: ${printable(refusal.scope)}` : '';
	const claims = readJwtClaims(token);
	let hint = '';
	if (!claims) hint = '; it is not a JWT';
	else if (claims.exp === undefined) hint = '; it has no exp claim';
	else if (claims.exp * 1000 <= nowMs) hint = `; it expired at ${formatExpiry(claims.exp * 1000, nowMs)}`;
	else if (claims.sub === undefined) hint = '; it has no sub claim';
	return `the broker refused the token (${status}${scope})${hint}`;
}

/** A broker's text, kept to printable ASCII and short: it goes into a one-line message. */
function printable(text: string): string {
	const clean = text.replace(/[^\x20-\x7e]+/g, ' ').trim();
	return clean.length > 80 ? `${clean.slice(0, 79)}…` : clean;
}
