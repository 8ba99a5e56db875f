/**
 * Synthetic JSON log lines for the benchmark: the shape most services log in (timestamp, level,
 * service, message and a few context fields), from 8 services, padded to a target size.
 * Deterministic (a tiny LCG, no Math.random) so every run reads the same data.
 */

/** The 8 services the benchmark's records come from. */
export const benchServices = [
	'api-gateway',
	'auth',
	'billing',
	'checkout',
	'inventory',
	'notifications',
	'search',
	'shipping',
] as const;

/** Messages to pick from; "timeout" appears in a few, so a text filter for it matches ~1 in 8. */
const messages = [
	'request completed',
	'cache miss for key',
	'user session refreshed',
	'upstream call timeout after retries',
	'payment authorised',
	'order state changed',
	'slow query detected',
	'connection pool exhausted, waiting',
	'retrying delivery',
	'health check ok',
] as const;

const levels = ['info', 'info', 'info', 'info', 'debug', 'debug', 'warn', 'error'] as const;

/** Makes a generator of log lines (no trailing newline) of about `recordBytes` bytes each. */
export function createLogLineGenerator(recordBytes: number, seed = 42): () => string {
	let state = seed >>> 0;
	const next = (): number => {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		return state;
	};
	let time = Date.UTC(2025, 5, 1, 12, 0, 0);
	const padding = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(64);
	return () => {
		time += next() % 3;
		const service = benchServices[next() % benchServices.length]!;
		const level = levels[next() % levels.length]!;
		const message = messages[next() % messages.length]!;
		const trace = next().toString(16).padStart(8, '0') + next().toString(16).padStart(8, '0');
		const head =
			`{"timestamp":"${new Date(time).toISOString()}","level":"${level}","service":"${service}",` +
			`"message":"${message}","trace_id":"${trace}","duration_ms":${next() % 2000},` +
			`"host":"${service}-${(next() % 10000).toString(36)}","detail":"`;
		const tail = '"}';
		const room = Math.max(0, recordBytes - head.length - tail.length);
		const start = next() % 36;
		return head + padding.slice(start, start + room) + tail;
	};
}
