import {describeKafkaError, isFatalKafkaError} from '../kafka/error-reason.js';
import type {KafkaConnectionOptions} from '../kafka.js';
import {
	authenticationFailureMessage,
	isAuthenticationFailure,
	safeErrorMessage,
} from '../settings/authentication-failure.js';
import type {ConnectionSettings} from '../settings/connection-settings.js';

/**
 * One quick connection before the stream starts, so that a wrong password or a TLS setup
 * the broker refuses ends the run at once with one clear line (exit 2) instead of a
 * reconnecting header. A broker that is merely down is not fatal: the stream then starts
 * anyway and retries with a visible status.
 */

/** The outcome of {@link checkCredentials}. */
export type CredentialCheck =
	| {ok: true}
	/** `fatal`: retrying cannot help (bad credentials, refused certificate); exit 2 with `message`. */
	| {ok: false; fatal: boolean; message: string};

export type CheckCredentialsOptions = {
	clientId?: string;
	/** kafkajs logs of the check go here too (never the console). */
	logFile?: string;
	/** Give up (not fatal) after this long; default 8000 ms. */
	timeoutMs?: number;
};

/** The part of the settings the adapter's `createKafka` / `createLogStream` take. */
export function kafkaConnectionOptions(
	settings: ConnectionSettings,
): Pick<KafkaConnectionOptions, 'brokers' | 'ssl' | 'sasl'> {
	return {brokers: settings.brokers, ssl: settings.ssl, sasl: settings.sasl};
}

/** Connect once (no retries), authenticate, ask for the cluster, and say what happened. */
export async function checkCredentials(
	settings: ConnectionSettings,
	options: CheckCredentialsOptions = {},
): Promise<CredentialCheck> {
	const timeoutMs = options.timeoutMs ?? 8000;
	// Loaded here, not at start: every run imports this file, and kafkajs costs the main thread
	// about 0.1 s that plain output and the TUI spend in their stream worker anyway.
	const {createKafka} = await import('../kafka/kafka-client.js');
	const kafka = createKafka(
		{...kafkaConnectionOptions(settings), clientId: options.clientId, logFile: options.logFile},
		{retry: {retries: 0}},
	);
	const admin = kafka.admin({retry: {retries: 0}});
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<'timeout'>((resolve) => {
		timer = setTimeout(() => resolve('timeout'), timeoutMs);
	});
	try {
		const outcome = await Promise.race([admin.connect().then(() => admin.describeCluster()), timeout]);
		if (outcome === 'timeout') {
			return {
				ok: false,
				fatal: false,
				message: `no answer from ${settings.brokers.join(',')} in ${timeoutMs} ms`,
			};
		}
		return {ok: true};
	} catch (error) {
		if (isAuthenticationFailure(error))
			return {ok: false, fatal: true, message: authenticationFailureMessage(settings, error)};
		const refusal = clientCertificateRefusal(error, settings);
		if (refusal) return {ok: false, fatal: true, message: refusal};
		const reason = safeErrorMessage(new Error(describeKafkaError(error)), settings);
		if (isFatalKafkaError(error)) {
			const untrusted = /certificate|issuer/i.test(reason) && settings.ssl && !settings.ssl.ca;
			const hint = untrusted ? ' (a private CA? pass it with --ca FILE)' : '';
			return {ok: false, fatal: true, message: `${reason}${hint}`};
		}
		return {ok: false, fatal: false, message: reason};
	} finally {
		clearTimeout(timer);
		await admin.disconnect().catch(() => undefined);
	}
}

/**
 * TLS alerts by which a broker with `ssl.client.auth=required` refuses our (missing or
 * untrusted) client certificate. kafkajs reports them as a retriable connection error, so
 * without this the stream would reconnect forever.
 */
const CLIENT_CERTIFICATE_ALERTS =
	/alert (bad certificate|certificate unknown|unknown ca|certificate required)/i;

function clientCertificateRefusal(error: unknown, settings: ConnectionSettings): string | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (typeof current === 'object' && current !== null && !seen.has(current)) {
		seen.add(current);
		const {message, code, cause} = current as {message?: unknown; code?: unknown; cause?: unknown};
		const match = CLIENT_CERTIFICATE_ALERTS.exec(`${String(code ?? '')} ${String(message ?? '')}`);
		if (match) {
			const alert = match[1]!.toLowerCase();
			const brokers = settings.brokers.join(',');
			if (!settings.ssl?.cert) {
				return `TLS: ${brokers} requires a client certificate: pass --cert FILE --key FILE (TLS alert: ${alert})`;
			}
			return `TLS: ${brokers} refused our client certificate (TLS alert: ${alert}): is it signed by a CA the broker trusts?`;
		}
		current = cause;
	}
	return undefined;
}
