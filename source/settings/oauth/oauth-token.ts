/**
 * OAUTHBEARER tokens as data: where one comes from, and when it is due again. Pure: the
 * command is run and the file read by `fetch-oauth-token.ts`; the kafkajs side (every thread
 * that makes a client, the stream worker included) lives in `source/kafka/oauth-bearer/`.
 *
 * When a token is due again:
 * - a JWT with an `exp` claim: after 80% of its lifetime (from its `iat`, else from when we
 *   got it), and at the latest `REAUTH_MARGIN_MS` before `exp`, so the token is fresh when
 *   kafkajs re-authenticates a session the broker ends at `exp`;
 * - any other token (opaque, or a JWT without `exp`): every `refreshSeconds` (default 300).
 * It is fetched again lazily, by the next authentication after that time (a new connection,
 * or kafkajs re-authenticating before the broker's session ends): no timer runs the command
 * while no connection needs a token.
 */

/** Where the token comes from. `origin` names the setting for messages (never the token). */
export type OAuthTokenSource =
	| {kind: 'command'; command: string; origin: string; timeoutMs: number}
	| {kind: 'file'; path: string; origin: string};

/** A token and its times (epoch ms). Structured-clonable: it crosses to the stream worker. */
export type OAuthToken = {
	value: string;
	/** The JWT's `exp`; undefined when the token says nothing. */
	expiresAtMs: number | undefined;
	/** From then on the next authentication fetches a new token. */
	refreshAtMs: number;
	/** The JWT's `sub` (who the broker will see), for the header; undefined when unknown. */
	subject: string | undefined;
};

/** Refresh after this share of the lifetime (Kafka's Java client default, sasl.login.refresh.window.factor). */
export const REFRESH_FACTOR = 0.8;
/**
 * Refresh at the latest this long before `exp`: kafkajs re-authenticates 10 s
 * (`reauthenticationThreshold`) before the session the broker granted ends, which for a
 * token is at its `exp`; 5 s more covers a slow command.
 */
export const REAUTH_MARGIN_MS = 15_000;
/** Never fetch again sooner than this after a fetch (a token that is already expired, say). */
export const MIN_REFRESH_MS = 1000;
/** Refresh interval of tokens that carry no `exp`. */
export const DEFAULT_REFRESH_SECONDS = 300;
/** How long a token command may run. */
export const DEFAULT_TOKEN_COMMAND_TIMEOUT_MS = 30_000;

/**
 * RFC 6750's b64token: what a bearer token may contain. Anything else (a space, a line break,
 * the SOH that separates the fields of the SASL message) is refused before it is sent.
 */
const BEARER_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** True when `text` is a well-formed bearer token. */
export function isBearerToken(text: string): boolean {
	return BEARER_TOKEN.test(text);
}

/** The claims of a JWT we use; undefined when the token is not a readable JWS (`a.b.c`). */
export function readJwtClaims(value: string): {exp?: number; iat?: number; sub?: string} | undefined {
	const parts = value.split('.');
	if (parts.length !== 3) return undefined;
	let payload: unknown;
	try {
		payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
	} catch {
		return undefined;
	}
	if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
	const {exp, iat, sub} = payload as Record<string, unknown>;
	return {
		...(typeof exp === 'number' && Number.isFinite(exp) ? {exp} : {}),
		...(typeof iat === 'number' && Number.isFinite(iat) ? {iat} : {}),
		...(typeof sub === 'string' && sub.length > 0 ? {sub} : {}),
	};
}

/** A token fetched at `fetchedAtMs`, with its expiry and the time it is due again. */
export function timedToken(value: string, fetchedAtMs: number, refreshSeconds: number): OAuthToken {
	const claims = readJwtClaims(value);
	const subject = claims?.sub;
	if (claims?.exp === undefined) {
		return {value, expiresAtMs: undefined, refreshAtMs: fetchedAtMs + refreshSeconds * 1000, subject};
	}
	const expiresAtMs = claims.exp * 1000;
	const issuedAtMs = claims.iat === undefined ? fetchedAtMs : Math.min(claims.iat * 1000, fetchedAtMs);
	const byFactor = issuedAtMs + REFRESH_FACTOR * (expiresAtMs - issuedAtMs);
	const refreshAtMs = Math.max(
		fetchedAtMs + MIN_REFRESH_MS,
		Math.min(byFactor, expiresAtMs - REAUTH_MARGIN_MS),
	);
	return {value, expiresAtMs, refreshAtMs, subject};
}

/** `12:57:30 UTC` (with the date when it is not today's): when a token expired. */
export function formatExpiry(expiresAtMs: number, nowMs: number): string {
	const iso = new Date(expiresAtMs).toISOString();
	const sameDay = iso.slice(0, 10) === new Date(nowMs).toISOString().slice(0, 10);
	return `${sameDay ? iso.slice(11, 19) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`} UTC`;
}
