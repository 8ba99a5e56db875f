import {describe, expect, it} from 'vitest';
import {describeKafkaError, isFatalKafkaError} from '../../../source/kafka/error-reason.js';

/** Errors shaped like the ones kafkajs throws (name, type, code, cause chain). */
function kafkaError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
	return Object.assign(new Error(message), {name}, extra);
}

describe('describeKafkaError', () => {
	it('names the unreachable broker from the deepest cause', () => {
		const cause = kafkaError(
			'KafkaJSConnectionError',
			'Connection error: connect ECONNREFUSED 127.0.0.1:9092',
			{
				broker: '127.0.0.1:9092',
				code: 'ECONNREFUSED',
			},
		);
		const error = kafkaError('KafkaJSNumberOfRetriesExceeded', 'Connection error', {cause});
		expect(describeKafkaError(error)).toBe('cannot connect to 127.0.0.1:9092 (connection refused)');
	});

	it('explains unknown hosts', () => {
		const error = kafkaError('KafkaJSConnectionError', 'getaddrinfo ENOTFOUND kafka.invalid', {
			broker: 'kafka.invalid:9092',
		});
		expect(describeKafkaError(error)).toBe('cannot connect to kafka.invalid:9092 (host not found)');
	});

	it('says authentication failed without the SASL boilerplate', () => {
		const error = kafkaError(
			'KafkaJSSASLAuthenticationError',
			'SASL SCRAM SHA256 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256',
		);
		expect(describeKafkaError(error)).toMatch(/^authentication failed: Authentication failed during/);
		expect(isFatalKafkaError(error)).toBe(true);
	});

	it('keeps it to one line of bounded length', () => {
		const text = describeKafkaError(new Error(`line one\nline two\u001b[2J${'x'.repeat(500)}`));
		expect(text).not.toMatch(/[\n\u001b]/);
		expect(text.length).toBeLessThanOrEqual(200);
	});

	it('copes with things that are not errors', () => {
		expect(describeKafkaError('plain string')).toBe('plain string');
		expect(describeKafkaError(undefined)).toBe('undefined');
	});
});

describe('isFatalKafkaError', () => {
	it('is true for authorization and TLS trust failures, false for connection trouble', () => {
		expect(
			isFatalKafkaError(kafkaError('KafkaJSProtocolError', 'no', {type: 'TOPIC_AUTHORIZATION_FAILED'})),
		).toBe(true);
		expect(
			isFatalKafkaError(kafkaError('Error', 'self-signed certificate', {code: 'SELF_SIGNED_CERT_IN_CHAIN'})),
		).toBe(true);
		expect(isFatalKafkaError(kafkaError('KafkaJSConnectionError', 'connect ECONNREFUSED 127.0.0.1:1'))).toBe(
			false,
		);
		expect(isFatalKafkaError(kafkaError('KafkaJSProtocolError', 'x', {type: 'REBALANCE_IN_PROGRESS'}))).toBe(
			false,
		);
	});
});

describe('a refused TLS client certificate', () => {
	// Node's messages and codes for the alerts a broker with ssl.client.auth=required sends,
	// wrapped the way kafkajs wraps them (a retriable KafkaJSConnectionError, then retries exceeded).
	const refusals: Array<[string, string, string]> = [
		[
			'bad certificate',
			'error:0A000412:SSL routines::sslv3 alert bad certificate',
			'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
		],
		[
			'certificate unknown',
			'error:0A000416:SSL routines::sslv3 alert certificate unknown',
			'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN',
		],
		['unknown ca', 'error:0A000418:SSL routines::tlsv1 alert unknown ca', 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA'],
		[
			'certificate required',
			'error:0A00045C:SSL routines::tlsv13 alert certificate required',
			'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
		],
	];

	it.each(refusals)('is fatal with one clear line: %s', (alert, message, code) => {
		const cause = kafkaError('KafkaJSConnectionError', `Connection error: ${message}`, {
			broker: '127.0.0.1:9093',
			code,
			retriable: true,
		});
		const error = kafkaError('KafkaJSNumberOfRetriesExceeded', 'Connection error', {cause});
		expect(isFatalKafkaError(error)).toBe(true);
		expect(describeKafkaError(error)).toBe(
			`TLS: 127.0.0.1:9093 refused the client certificate (TLS alert: ${alert}); check --cert and --key and that the broker trusts their CA`,
		);
	});

	it('is recognised by the error code alone', () => {
		const error = kafkaError('Error', 'socket hang up', {code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED'});
		expect(isFatalKafkaError(error)).toBe(true);
		expect(describeKafkaError(error)).toContain('(TLS alert: certificate required)');
	});

	it('does not take other TLS alerts or a reset for a refused certificate', () => {
		expect(isFatalKafkaError(kafkaError('KafkaJSConnectionError', 'Connection error: read ECONNRESET'))).toBe(
			false,
		);
		expect(
			isFatalKafkaError(
				kafkaError('KafkaJSConnectionError', 'Connection error: sslv3 alert handshake failure'),
			),
		).toBe(false);
	});
});
