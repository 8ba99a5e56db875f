import {errorMessage} from '../shared/error-message.js';
import {type ConnectionSettings, redactSecrets, saslSecret} from './connection-settings.js';

/**
 * Recognising a failed SASL login in whatever kafkajs throws, and saying so in one line.
 * kafkajs marks `KafkaJSSASLAuthenticationError` as not retriable, but it can arrive
 * wrapped (a consumer crash, `KafkaJSNumberOfRetriesExceeded`, a connection error), so
 * the whole cause chain is searched. Matching is by error name: no kafkajs import needed.
 */

const AUTH_ERROR_NAMES = new Set(['KafkaJSSASLAuthenticationError']);

/** `error` and everything it wraps, breadth first, each once. */
function* errorChain(error: unknown): Generator<Record<string, unknown>> {
	const seen = new Set<unknown>();
	const queue: unknown[] = [error];
	while (queue.length > 0) {
		const current = queue.shift();
		if (typeof current !== 'object' || current === null || seen.has(current)) continue;
		seen.add(current);
		const candidate = current as Record<string, unknown>;
		yield candidate;
		queue.push(candidate.cause, candidate.originalError);
		if (Array.isArray(candidate.retriableErrors)) queue.push(...candidate.retriableErrors);
	}
}

/** True when `error` or anything it wraps is a SASL authentication failure. */
export function isAuthenticationFailure(error: unknown): boolean {
	for (const candidate of errorChain(error)) {
		if (typeof candidate.name === 'string' && AUTH_ERROR_NAMES.has(candidate.name)) return true;
		// Kafka's own error code when the broker rejects the credentials.
		if (candidate.type === 'SASL_AUTHENTICATION_FAILED') return true;
	}
	return false;
}

/**
 * Why the broker refused an OAUTHBEARER token, when the error says (`tokenRefusal`, set by
 * `source/kafka/oauth-bearer/`: the broker's status and what the token's own claims tell).
 */
export function tokenRefusal(error: unknown): string | undefined {
	for (const candidate of errorChain(error)) {
		if (typeof candidate.tokenRefusal === 'string') return candidate.tokenRefusal;
	}
	return undefined;
}

/**
 * `authentication failed for user alice (SCRAM-SHA-256)`: the line the user sees; for a
 * refused token, with why (`...: the broker refused the token (invalid_token); it expired at 12:57:30 UTC`).
 */
export function authenticationFailureMessage(
	settings: Pick<ConnectionSettings, 'sasl' | 'userLabel'>,
	error?: unknown,
): string {
	const label = settings.userLabel ?? 'anonymous';
	// A token without a subject is labelled `bearer token (OAUTHBEARER)`: no "user" before it.
	const anonymousToken = settings.sasl?.mechanism === 'oauthbearer' && !settings.sasl.token.subject;
	const why = error === undefined ? undefined : tokenRefusal(error);
	return `authentication failed for ${anonymousToken ? 'the' : 'user'} ${label}${why ? `: ${why}` : ''}`;
}

/**
 * The error's message made safe to show or log: the configured password or token, should a
 * library ever echo it, becomes `***`.
 */
export function safeErrorMessage(error: unknown, settings: Pick<ConnectionSettings, 'sasl'>): string {
	const message = errorMessage(error);
	return redactSecrets(message, [saslSecret(settings.sasl)]);
}
