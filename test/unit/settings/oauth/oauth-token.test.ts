import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {fetchOAuthToken} from '../../../../source/settings/oauth/fetch-oauth-token.js';
import {
	isBearerToken,
	MIN_REFRESH_MS,
	REAUTH_MARGIN_MS,
	readJwtClaims,
	timedToken,
} from '../../../../source/settings/oauth/oauth-token.js';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: Record<string, unknown>) => `${part({alg: 'none'})}.${part(claims)}.`;
const T0 = 1_800_000_000_000;

describe('when a token is due again', () => {
	it('reads exp, iat and sub of a JWT, and nothing of an opaque token', () => {
		expect(readJwtClaims(jwt({sub: 'alice', exp: 10, iat: 5, scope: 'x'}))).toEqual({
			sub: 'alice',
			exp: 10,
			iat: 5,
		});
		expect(readJwtClaims('opaque-token')).toBeUndefined();
		expect(readJwtClaims('a.not-base64-json.c')).toBeUndefined();
	});

	it('refreshes a JWT after 80% of its life, at the latest 15 s before exp', () => {
		const hour = timedToken(jwt({exp: T0 / 1000 + 3600, iat: T0 / 1000}), T0, 300);
		expect(hour).toMatchObject({expiresAtMs: T0 + 3_600_000, refreshAtMs: T0 + 2_880_000});
		const short = timedToken(jwt({exp: T0 / 1000 + 20}), T0, 300);
		expect(short.refreshAtMs).toBe(T0 + 20_000 - REAUTH_MARGIN_MS);
		// Already expired: due again, but not in a tight loop.
		expect(timedToken(jwt({exp: T0 / 1000 - 60}), T0, 300).refreshAtMs).toBe(T0 + MIN_REFRESH_MS);
	});

	it('refreshes a token without exp every refreshSeconds', () => {
		expect(timedToken('opaque', T0, 120)).toEqual({
			value: 'opaque',
			expiresAtMs: undefined,
			refreshAtMs: T0 + 120_000,
			subject: undefined,
		});
	});

	it('accepts only RFC 6750 bearer tokens (no SOH, space or line break reaches the SASL message)', () => {
		expect(isBearerToken(jwt({sub: 'a'}))).toBe(true);
		expect(isBearerToken('abc\u0001auth=Bearer x')).toBe(false);
		expect(isBearerToken('a b')).toBe(false);
	});
});

describe('fetching a token', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'klog-token-'));
	afterAll(() => rmSync(dir, {recursive: true, force: true}));
	const command = (text: string, timeoutMs = 5000) => ({
		kind: 'command' as const,
		command: text,
		origin: 'sasl.tokenCommand',
		timeoutMs,
	});

	it('takes what the command prints, trimmed, and the claims of a JWT', async () => {
		const token = jwt({sub: 'alice', exp: Math.floor(Date.now() / 1000) + 600});
		expect(await fetchOAuthToken(command(`printf '  ${token}\\n'`), 300)).toMatchObject({
			value: token,
			subject: 'alice',
		});
	});

	it('says in one line why a command gave no token, never with its output', async () => {
		const secretish = 'eyJzZWNyZXQiOiJ4In0';
		await expect(
			fetchOAuthToken(command(`echo ${secretish}; echo "denied ${secretish}" >&2; exit 4`), 300),
		).rejects.toThrow('The token command (sasl.tokenCommand) failed with exit code 4: denied ***');
		await expect(fetchOAuthToken(command('exit 0'), 300)).rejects.toThrow(
			'The token command (sasl.tokenCommand) printed nothing: it must give the token on stdout',
		);
		await expect(fetchOAuthToken(command('printf "a\\001b"'), 300)).rejects.toThrow(
			'something that is not a bearer token',
		);
		await expect(fetchOAuthToken(command('no-such-command-klog'), 300)).rejects.toThrow(
			/failed with exit code 127: .*not found/,
		);
	});

	it('ends a command that takes too long, and what it started', async () => {
		const started = Date.now();
		await expect(fetchOAuthToken(command('sleep 30; echo late', 300), 300)).rejects.toThrow(
			'The token command (sasl.tokenCommand) gave no token in 0.3 s',
		);
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('reads a token file, and says what is wrong with one', async () => {
		const file = path.join(dir, 'token');
		writeFileSync(file, 'opaque-token-123\n');
		expect((await fetchOAuthToken({kind: 'file', path: file, origin: '--token-file'}, 60)).value).toBe(
			'opaque-token-123',
		);
		await expect(
			fetchOAuthToken({kind: 'file', path: path.join(dir, 'none'), origin: '--token-file'}, 60),
		).rejects.toThrow(`Cannot read the token file ${path.join(dir, 'none')} (--token-file): no such file`);
		writeFileSync(file, '\n');
		await expect(fetchOAuthToken({kind: 'file', path: file, origin: '--token-file'}, 60)).rejects.toThrow(
			'is empty',
		);
	});
});
