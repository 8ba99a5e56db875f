import {describe, expect, it} from 'vitest';
import {refusalText} from '../../../../source/kafka/oauth-bearer/oauth-bearer-mechanism.js';
import {
	createTokenProvider,
	RETRY_AFTER_FAILURE_MS,
} from '../../../../source/kafka/oauth-bearer/token-provider.js';
import type {OAuthBearerSettings} from '../../../../source/settings/connection-settings.js';
import type {OAuthToken} from '../../../../source/settings/oauth/oauth-token.js';

const token = (value: string, refreshAtMs: number, expiresAtMs?: number): OAuthToken => ({
	value,
	refreshAtMs,
	expiresAtMs,
	subject: undefined,
});

function settings(first: OAuthToken): OAuthBearerSettings {
	return {
		mechanism: 'oauthbearer',
		source: {kind: 'file', path: '/t', origin: '--token-file'},
		refreshSeconds: 60,
		token: first,
	};
}

describe('the token provider', () => {
	it('hands out the token it started with until it is due, then fetches once for everyone asking', async () => {
		let now = 0;
		let fetches = 0;
		const provider = createTokenProvider(
			settings(token('first', 100, 200)),
			async () => token(`fetched-${++fetches}`, now + 100, now + 200),
			() => now,
		);
		expect((await provider()).value).toBe('first');
		now = 150;
		const [a, b] = await Promise.all([provider(), provider()]);
		expect([a.value, b.value, fetches]).toEqual(['fetched-1', 'fetched-1', 1]);
	});

	it('keeps a still valid token when a refresh fails, and tries again a little later', async () => {
		let now = 150;
		let fail = true;
		const provider = createTokenProvider(
			settings(token('first', 100, 200)),
			async () => {
				if (fail) throw new Error('The token command (--token-command) failed with exit code 1');
				return token('second', now + 100, now + 200);
			},
			() => now,
		);
		expect((await provider()).value).toBe('first');
		fail = false;
		expect((await provider()).value).toBe('first');
		now += RETRY_AFTER_FAILURE_MS;
		expect((await provider()).value).toBe('second');
	});

	it('fails the authentication when the token has expired and no new one comes', async () => {
		const provider = createTokenProvider(
			settings(token('first', 100, 200)),
			async () => {
				throw new Error('The token command (--token-command) gave no token in 30 s');
			},
			() => 250,
		);
		await expect(provider()).rejects.toThrow('gave no token in 30 s');
	});
});

describe('a refused token', () => {
	const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const jwt = (claims: Record<string, unknown>) => `${part({alg: 'none'})}.${part(claims)}.`;
	const now = Date.parse('2026-12-07T13:00:00Z');

	it("says the broker's status and what the token's claims tell, never the token", () => {
		expect(refusalText({status: 'invalid_token'}, jwt({sub: 'a', exp: now / 1000 - 90}), now)).toBe(
			'the broker refused the token (invalid_token); it expired at 12:58:30 UTC',
		);
		expect(
			refusalText(
				{status: 'insufficient_scope', scope: '[klog.read]'},
				jwt({sub: 'a', exp: now / 1000 + 60}),
				now,
			),
		).toBe('the broker refused the token (insufficient_scope, required scope: [klog.read])');
		expect(refusalText({}, 'opaque', now)).toBe(
			'the broker refused the token (no reason given); it is not a JWT',
		);
	});
});
