/**
 * kafkajs errors turned into one human line for the header and `onError`. kafkajs wraps
 * the real cause (`KafkaJSNumberOfRetriesExceeded` → `KafkaJSConnectionError` → ...),
 * so the deepest cause says most; stack traces never reach the screen.
 */

type ErrorLike = {
	name?: unknown;
	message?: unknown;
	type?: unknown;
	code?: unknown;
	cause?: unknown;
	broker?: unknown;
};

function asErrorLike(value: unknown): ErrorLike | undefined {
	return typeof value === 'object' && value !== null ? (value as ErrorLike) : undefined;
}

/** The chain error → cause → cause..., outermost first (at most 10 deep). */
function causeChain(error: unknown): ErrorLike[] {
	const chain: ErrorLike[] = [];
	let current = asErrorLike(error);
	while (current && chain.length < 10) {
		chain.push(current);
		current = asErrorLike(current.cause);
	}
	return chain;
}

const SOCKET_CODES: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host name lookup failed',
	ETIMEDOUT: 'connection timed out',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	EPIPE: 'connection closed',
};

const TLS_CODES = [
	'SELF_SIGNED_CERT_IN_CHAIN',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'CERT_HAS_EXPIRED',
	'ERR_TLS_CERT_ALTNAME_INVALID',
	'ERR_SSL_WRONG_VERSION_NUMBER',
];

/**
 * TLS alerts by which a broker (`ssl.client.auth=required`) refuses our missing or untrusted
 * client certificate. Node reports them as e.g. `...:sslv3 alert bad certificate` (code
 * `ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE`), and kafkajs as a retriable connection error, so
 * without this the stream would reconnect forever to a broker that will never let it in.
 */
const CLIENT_CERTIFICATE_ALERT =
	/alert[ _](bad[ _]certificate|certificate[ _]unknown|unknown[ _]ca|certificate[ _]required)/i;

/** The TLS alert (e.g. 'bad certificate') of a refused client certificate in one chain link, if any. */
function clientCertificateAlert(link: ErrorLike): string | undefined {
	const match = CLIENT_CERTIFICATE_ALERT.exec(`${String(link.code ?? '')} ${String(link.message ?? '')}`);
	return match ? match[1]!.replace(/_/g, ' ').toLowerCase() : undefined;
}

/** Protocol error types that retrying cannot fix: the user has to change something. */
const FATAL_TYPES = new Set([
	'SASL_AUTHENTICATION_FAILED',
	'ILLEGAL_SASL_STATE',
	'UNSUPPORTED_SASL_MECHANISM',
	'TOPIC_AUTHORIZATION_FAILED',
	'GROUP_AUTHORIZATION_FAILED',
	'CLUSTER_AUTHORIZATION_FAILED',
	'INVALID_GROUP_ID',
]);

/** One line, no control characters, at most `max` characters. */
function oneLine(text: string, max = 200): string {
	const line = text
		.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** A short human reason for a kafkajs (or socket) error. */
export function describeKafkaError(error: unknown): string {
	const chain = causeChain(error);
	if (chain.length === 0) return oneLine(String(error));
	for (const link of chain) {
		const alert = clientCertificateAlert(link);
		if (alert) {
			const where = typeof link.broker === 'string' ? `${link.broker} ` : 'the broker ';
			return `TLS: ${where}refused the client certificate (TLS alert: ${alert}); check --cert and --key and that the broker trusts their CA`;
		}
	}
	for (const link of chain) {
		const text = `${String(link.code ?? '')} ${String(link.message ?? '')}`;
		const tls = TLS_CODES.find((code) => text.includes(code));
		if (tls) return oneLine(`TLS handshake failed: ${String(link.message ?? tls)}`);
		const socket = Object.keys(SOCKET_CODES).find((code) => text.includes(code));
		if (socket) {
			const address = /\b(\[[^\]]+\]|[\w.-]+):(\d+)\b/.exec(String(link.message ?? ''));
			const where = address
				? ` to ${address[0]}`
				: typeof link.broker === 'string'
					? ` to ${link.broker}`
					: '';
			return `cannot connect${where} (${SOCKET_CODES[socket]})`;
		}
	}
	for (const link of chain) {
		if (link.name === 'KafkaJSSASLAuthenticationError' || link.type === 'SASL_AUTHENTICATION_FAILED') {
			return oneLine(
				`authentication failed: ${String(link.message ?? '').replace(/^SASL [^:]*? authentication failed:\s*/i, '')}`,
			);
		}
	}
	const deepest = chain[chain.length - 1]!;
	const message = String(deepest.message ?? deepest.name ?? 'unknown error');
	return oneLine(message.length > 0 ? message : String(deepest.name ?? 'unknown error'));
}

/**
 * True for errors that retrying will not fix (bad credentials, missing ACLs, bad TLS setup,
 * a client certificate the broker refuses).
 */
export function isFatalKafkaError(error: unknown): boolean {
	return causeChain(error).some((link) => {
		if (link.name === 'KafkaJSSASLAuthenticationError') return true;
		// A batch that cannot be decoded nor skipped would fail every fetch again.
		if (link.name === 'UndecodableBatchError') return true;
		if (clientCertificateAlert(link)) return true;
		if (typeof link.type === 'string' && FATAL_TYPES.has(link.type)) return true;
		const text = `${String(link.code ?? '')} ${String(link.message ?? '')}`;
		return TLS_CODES.some((code) => text.includes(code));
	});
}
