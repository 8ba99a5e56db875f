import type {OAuthBearerSettings} from '../../settings/connection-settings.js';
import {fetchOAuthToken} from '../../settings/oauth/fetch-oauth-token.js';
import type {OAuthToken} from '../../settings/oauth/oauth-token.js';

/**
 * The token for the next authentication, in the thread that makes the client (a function
 * cannot cross to the stream worker; the settings, with the token got at start, can). It
 * hands out the current token until it is due (`refreshAtMs`, see `oauth-token.ts`), then
 * fetches a new one, once for all the connections that ask meanwhile. Should that fail while
 * the current token has not expired, the current one is used and the fetch is tried again a
 * few seconds later; once it has expired, the failure is the authentication's error.
 */

export type TokenProvider = () => Promise<OAuthToken>;

/** How long a failed refresh waits before the next try, while the current token still works. */
export const RETRY_AFTER_FAILURE_MS = 5000;

type Fetch = typeof fetchOAuthToken;

/** One provider per token source and thread: every client of the thread shares its token. */
const providers = new Map<string, TokenProvider>();

/** The thread's provider for these settings (created with their token on first use). */
export function sharedTokenProvider(settings: OAuthBearerSettings): TokenProvider {
	const key = JSON.stringify([settings.source, settings.refreshSeconds]);
	let provider = providers.get(key);
	if (!provider) {
		provider = createTokenProvider(settings);
		providers.set(key, provider);
	}
	return provider;
}

/** A provider starting from `settings.token`; `fetch` and `now` are for tests. */
export function createTokenProvider(
	settings: OAuthBearerSettings,
	fetch: Fetch = fetchOAuthToken,
	now: () => number = Date.now,
): TokenProvider {
	let current: OAuthToken = settings.token;
	let pending: Promise<OAuthToken> | undefined;

	const refresh = async (): Promise<OAuthToken> => {
		try {
			current = await fetch(settings.source, settings.refreshSeconds);
			return current;
		} catch (error) {
			const stillValid = current.expiresAtMs === undefined || now() < current.expiresAtMs;
			if (!stillValid) throw error;
			current = {...current, refreshAtMs: now() + RETRY_AFTER_FAILURE_MS};
			return current;
		} finally {
			pending = undefined;
		}
	};

	return () => {
		if (now() < current.refreshAtMs) return Promise.resolve(current);
		pending ??= refresh();
		return pending;
	};
}
