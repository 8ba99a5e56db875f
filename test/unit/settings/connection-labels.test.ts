import {describe, expect, it} from 'vitest';
import {
	authenticationFailureMessage,
	isAuthenticationFailure,
	safeErrorMessage,
} from '../../../source/settings/authentication-failure.js';
import {
	parseBrokerList,
	parseSaslMechanism,
	redactSecrets,
	userLabel,
} from '../../../source/settings/connection-settings.js';

describe('connection labels and secrets', () => {
	it('labels the user by name and mechanism only', () => {
		expect(userLabel({mechanism: 'scram-sha-256', username: 'alice'}, undefined)).toBe(
			'alice (SCRAM-SHA-256)',
		);
		expect(userLabel({mechanism: 'plain', username: 'bob'}, {rejectUnauthorized: true})).toBe(
			'bob (PLAIN, TLS)',
		);
		expect(userLabel(undefined, {cert: 'x', key: 'y', rejectUnauthorized: true})).toBe(
			'client certificate (TLS)',
		);
		expect(userLabel(undefined, undefined)).toBeUndefined();
	});

	it('parses mechanisms in any case and broker lists with stray spaces', () => {
		expect(parseSaslMechanism(' SCRAM-SHA-512 ')).toBe('scram-sha-512');
		expect(parseSaslMechanism('gssapi')).toBeUndefined();
		expect(parseBrokerList(' a:1, b:2,,')).toEqual(['a:1', 'b:2']);
		expect(parseBrokerList(['a:1,b:2', 'c:3'])).toEqual(['a:1', 'b:2', 'c:3']);
	});

	it('redacts every occurrence of a secret', () => {
		expect(redactSecrets('pw=s3cret and again s3cret', ['s3cret', undefined, ''])).toBe(
			'pw=*** and again ***',
		);
	});
});

describe('authentication failures', () => {
	const authError = Object.assign(new Error('SASL SCRAM SHA256 authentication failed: bad'), {
		name: 'KafkaJSSASLAuthenticationError',
	});

	it('are recognised directly and when wrapped', () => {
		expect(isAuthenticationFailure(authError)).toBe(true);
		expect(isAuthenticationFailure(Object.assign(new Error('crash'), {cause: authError}))).toBe(true);
		expect(isAuthenticationFailure(Object.assign(new Error('retries'), {originalError: authError}))).toBe(
			true,
		);
		expect(
			isAuthenticationFailure(Object.assign(new Error('x'), {retriableErrors: [new Error('a'), authError]})),
		).toBe(true);
		expect(
			isAuthenticationFailure(Object.assign(new Error('broker said'), {type: 'SASL_AUTHENTICATION_FAILED'})),
		).toBe(true);
	});

	it('are not confused with other errors', () => {
		expect(isAuthenticationFailure(new Error('Connection refused'))).toBe(false);
		expect(isAuthenticationFailure(Object.assign(new Error('x'), {name: 'KafkaJSConnectionError'}))).toBe(
			false,
		);
		expect(isAuthenticationFailure(undefined)).toBe(false);
	});

	it('are reported in one line naming the user, never the password', () => {
		const settings = {
			sasl: {mechanism: 'scram-sha-256' as const, username: 'alice', password: 'pw-123'},
			userLabel: 'alice (SCRAM-SHA-256)',
		};
		expect(authenticationFailureMessage(settings)).toBe(
			'authentication failed for user alice (SCRAM-SHA-256)',
		);
		expect(safeErrorMessage(new Error('login pw-123 refused'), settings)).toBe('login *** refused');
	});
});
