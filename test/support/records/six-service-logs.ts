/**
 * Log records of six services, each in a different common shape (the original
 * `{"message","timestamp","service"}` format, pino, ECS, GCP severity, logfmt, plain
 * text), with the service and level klog-tui must find in each. Deterministic.
 */

/** Levels lowest first, as klog-tui ranks them. */
export const LEVEL_ORDER: readonly string[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

export type ProducedLog = {
	/** Unique, also sent as header `test-id`. */
	id: number;
	shape: 'original' | 'pino' | 'ecs' | 'gcp' | 'logfmt' | 'text';
	service: string;
	level: string;
	message: string;
	key: string;
	value: string;
};

const PINO_NUMBERS: Record<string, number> = {trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60};
const GCP_SEVERITY: Record<string, string> = {debug: 'DEBUG', info: 'INFO', warn: 'WARNING', error: 'ERROR'};
const MESSAGES = [
	'request handled',
	'cache refreshed',
	'upstream connection refused',
	'slow query',
	'job done',
];

/** `count` logs spread over six services (api, auth, payments, worker, search, mailer). */
export function sixServiceLogs(count: number): ProducedLog[] {
	const base = Date.parse('2025-03-01T12:00:00Z');
	return Array.from({length: count}, (_, id): ProducedLog => {
		const message = `${MESSAGES[id % MESSAGES.length]} #${id}`;
		const iso = new Date(base + id).toISOString();
		switch (id % 6) {
			case 0: {
				const level = LEVEL_ORDER[Math.floor(id / 6) % 6]!;
				const value = JSON.stringify({message, timestamp: iso, service: 'api', level, userId: id % 97});
				return {id, shape: 'original', service: 'api', level, message, key: 'api', value};
			}
			case 1: {
				const level = LEVEL_ORDER[Math.floor(id / 6) % 6]!;
				const value = JSON.stringify({
					level: PINO_NUMBERS[level],
					time: base + id,
					msg: message,
					name: 'auth',
					hostname: 'h1',
				});
				return {id, shape: 'pino', service: 'auth', level, message, key: 'auth', value};
			}
			case 2: {
				const level = LEVEL_ORDER[Math.floor(id / 6) % 6]!;
				const value = JSON.stringify({
					'@timestamp': iso,
					'log.level': level,
					message,
					'service.name': 'payments',
				});
				return {id, shape: 'ecs', service: 'payments', level, message, key: 'payments', value};
			}
			case 3: {
				const level = ['debug', 'info', 'warn', 'error'][Math.floor(id / 6) % 4]!;
				const value = JSON.stringify({
					severity: GCP_SEVERITY[level],
					message,
					timestamp: iso,
					service: 'worker',
				});
				return {id, shape: 'gcp', service: 'worker', level, message, key: 'worker', value};
			}
			case 4: {
				const level = ['debug', 'info', 'warn', 'error'][Math.floor(id / 6) % 4]!;
				const value = `level=${level} msg="${message}" service=search ts=${iso}`;
				return {id, shape: 'logfmt', service: 'search', level, message, key: 'search', value};
			}
			default: {
				const level = ['debug', 'info', 'warn', 'error'][Math.floor(id / 6) % 4]!;
				const value = `${iso} ${level.toUpperCase()} ${message}`;
				// Plain text names no service: the record key does.
				return {id, shape: 'text', service: 'mailer', level, message: value, key: 'mailer', value};
			}
		}
	});
}
