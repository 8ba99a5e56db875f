import {errorMessage} from '../shared/error-message.js';
import {type ConnectionSettings, redactSecrets} from './connection-settings.js';

/**
 * Recognising a failed SASL login in whatever kafkajs throws, and saying so in one line.
 * kafkajs marks `KafkaJSSASLAuthenticationError` as not retriable, but it can arrive
 * wrapped (a consumer crash, `KafkaJSNumberOfRetriesExceeded`, a connection error), so
 * the whole cause chain is searched. Matching is by error name: no kafkajs import needed.
 */

const AUTH_ERROR_NAMES = new Set(['KafkaJSSASLAuthenticationError']);

/** True when `error` or anything it wraps is a SASL authentication failure. */
export function isAuthenticationFailure(error: unknown): boolean {
	const seen = new Set<unknown>();
	const queue: unknown[] = [error];
	while (queue.length > 0) {
		const current = queue.shift();
		if (typeof current !== 'object' || current === null || seen.has(current)) continue;
		seen.add(current);
		const candidate = current as {
			name?: unknown;
			type?: unknown;
			cause?: unknown;
			originalError?: unknown;
			retriableErrors?: unknown;
		};
		if (typeof candidate.name === 'string' && AUTH_ERROR_NAMES.has(candidate.name)) return true;
		// Kafka's own error code when the broker rejects the credentials.
		if (candidate.type === 'SASL_AUTHENTICATION_FAILED') return true;
		queue.push(candidate.cause, candidate.originalError);
		if (Array.isArray(candidate.retriableErrors)) queue.push(...candidate.retriableErrors);
	}
	return false;
}

/** `authentication failed for user alice (SCRAM-SHA-256)`: the line the user sees. */
export function authenticationFailureMessage(
	settings: Pick<ConnectionSettings, 'sasl' | 'userLabel'>,
): string {
	const who = settings.userLabel ?? 'anonymous';
	return `authentication failed for user ${who}`;
}

/**
 * The error's message made safe to show or log: the configured password, should a
 * library ever echo it, becomes `***`.
 */
export function safeErrorMessage(error: unknown, settings: Pick<ConnectionSettings, 'sasl'>): string {
	const message = errorMessage(error);
	return redactSecrets(message, [settings.sasl?.password]);
}
