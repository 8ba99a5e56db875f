import {seededRandom} from '../shared/seeded-random.js';
/**
 * Realistic demo logs, as the services of the classic Kafka log-aggregation example
 * sent them: JSON `{"message","timestamp","service"}` plus `level` and a few fields
 * (`requestId`, `userId`, `durationMs`...) worth filtering on. Pure: the clock and the
 * randomness are parameters, so a seeded generator replays the same logs.
 */

/** One demo record, ready for the producer: keyed by service so a service keeps its partition. */
export type DemoRecord = {key: string; value: string};

/** The fields of a demo log line (the record value, as JSON). */
export type DemoLog = {
	message: string;
	timestamp: string;
	service: string;
	level: 'debug' | 'info' | 'warn' | 'error';
	requestId: string;
	userId?: number;
	durationMs?: number;
	status?: number;
};

export type DemoLogGenerator = {
	/** The next log line of `service` at time `now` (ms since the epoch). */
	next(service: string, now?: number): DemoRecord;
	/** `count` records spread over the services, with an error burst in the middle (the `d` key). */
	burst(count: number, now?: number): DemoRecord[];
	readonly services: readonly string[];
};

export type DemoLogGeneratorOptions = {
	services: readonly string[];
	/** Numbers in [0, 1); default a generator seeded from the clock. */
	random?: () => number;
};

type Template = {level: DemoLog['level']; weight: number; make: (pick: Picker) => Partial<DemoLog>};
type Picker = {
	int(min: number, max: number): number;
	one<T>(items: readonly T[]): T;
};

const ROUTES = ['/api/orders', '/api/cart', '/api/users/me', '/api/search', '/api/products', '/healthz'];
const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'];
const JOBS = ['send-invoice', 'resize-image', 'sync-inventory', 'expire-sessions', 'export-report'];
const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF'];

/** Per-service message templates; services without their own get `generic`. */
const TEMPLATES: Record<string, readonly Template[]> = {
	api: [
		{
			level: 'info',
			weight: 60,
			make: (p) => {
				const status = p.one([200, 200, 200, 201, 204, 304]);
				const durationMs = p.int(3, 180);
				return {message: `${p.one(METHODS)} ${p.one(ROUTES)} ${status} ${durationMs}ms`, status, durationMs};
			},
		},
		{level: 'debug', weight: 10, make: (p) => ({message: `cache hit for key product:${p.int(1000, 9999)}`})},
		{
			level: 'warn',
			weight: 8,
			make: (p) => {
				const durationMs = p.int(800, 4000);
				return {message: `slow request ${p.one(METHODS)} ${p.one(ROUTES)} took ${durationMs}ms`, durationMs};
			},
		},
		{
			level: 'error',
			weight: 3,
			make: (p) => ({message: `upstream auth timed out after 5000ms on ${p.one(ROUTES)}`, status: 504}),
		},
	],
	auth: [
		{level: 'info', weight: 50, make: (p) => ({message: `user ${p.int(1, 500)} logged in`})},
		{level: 'info', weight: 20, make: () => ({message: 'token refreshed'})},
		{level: 'debug', weight: 10, make: (p) => ({message: `session store has ${p.int(100, 900)} sessions`})},
		{
			level: 'warn',
			weight: 8,
			make: (p) => ({message: `failed login for user ${p.int(1, 500)}: bad password`}),
		},
		{level: 'error', weight: 2, make: () => ({message: 'cannot reach LDAP: connection refused'})},
	],
	payments: [
		{
			level: 'info',
			weight: 50,
			make: (p) => ({
				message: `payment of ${p.int(5, 900)}.${String(p.int(0, 99)).padStart(2, '0')} ${p.one(CURRENCIES)} captured`,
				durationMs: p.int(40, 400),
			}),
		},
		{level: 'info', weight: 15, make: (p) => ({message: `refund ${p.int(10_000, 99_999)} issued`})},
		{level: 'warn', weight: 8, make: () => ({message: 'card declined: insufficient funds'})},
		{
			level: 'error',
			weight: 3,
			make: (p) => ({message: `card processor timeout after ${p.int(10, 30)}s`, durationMs: 30_000}),
		},
	],
	worker: [
		{
			level: 'info',
			weight: 50,
			make: (p) => {
				const durationMs = p.int(50, 5000);
				return {message: `job ${p.one(JOBS)} #${p.int(1000, 9999)} done in ${durationMs}ms`, durationMs};
			},
		},
		{level: 'debug', weight: 15, make: (p) => ({message: `queue depth ${p.int(0, 120)}`})},
		{
			level: 'warn',
			weight: 8,
			make: (p) => ({message: `job ${p.one(JOBS)} retried (attempt ${p.int(2, 5)})`}),
		},
		{level: 'error', weight: 3, make: (p) => ({message: `job ${p.one(JOBS)} failed: out of memory`})},
	],
	generic: [
		{level: 'info', weight: 60, make: (p) => ({message: `handled request in ${p.int(2, 300)}ms`})},
		{level: 'debug', weight: 15, make: (p) => ({message: `heartbeat ${p.int(1, 1_000_000)}`})},
		{level: 'warn', weight: 8, make: () => ({message: 'retrying after a transient failure'})},
		{level: 'error', weight: 3, make: () => ({message: 'unexpected error: connection reset by peer'})},
	],
};

/** Messages of an error burst: the incident the demo stages now and then. */
const BURST_ERRORS = [
	'database connection pool exhausted',
	'timeout talking to postgres after 3000ms',
	'circuit breaker open for payments-gateway',
	'500 Internal Server Error: upstream unavailable',
];

/** Chance per record that a service starts an error burst. */
const BURST_CHANCE = 0.004;

/** Build a generator for the given services. */
export function createDemoLogGenerator(options: DemoLogGeneratorOptions): DemoLogGenerator {
	if (options.services.length === 0) throw new Error('the demo needs at least one service');
	const random = options.random ?? seededRandom(Date.now());
	const pick: Picker = {
		int: (min, max) => min + Math.floor(random() * (max - min + 1)),
		one: (items) => items[Math.floor(random() * items.length)]!,
	};
	/** Records left in each service's current error burst. */
	const burstLeft = new Map<string, number>();
	let requestCounter = Math.floor(random() * 1_000_000);

	const requestId = () => {
		requestCounter += 1;
		return `req-${requestCounter.toString(36).padStart(6, '0')}`;
	};

	const fromTemplate = (service: string): Partial<DemoLog> & Pick<DemoLog, 'level' | 'message'> => {
		const templates = TEMPLATES[service] ?? TEMPLATES.generic!;
		const total = templates.reduce((sum, template) => sum + template.weight, 0);
		let roll = random() * total;
		for (const template of templates) {
			roll -= template.weight;
			if (roll < 0) return {level: template.level, ...template.make(pick)} as DemoLog;
		}
		const last = templates.at(-1)!;
		return {level: last.level, ...last.make(pick)} as DemoLog;
	};

	const next = (service: string, now: number = Date.now()): DemoRecord => {
		let left = burstLeft.get(service) ?? 0;
		if (left === 0 && random() < BURST_CHANCE) left = pick.int(5, 15);
		let body: Partial<DemoLog> & Pick<DemoLog, 'level' | 'message'>;
		if (left > 0) {
			burstLeft.set(service, left - 1);
			body = {level: 'error', message: pick.one(BURST_ERRORS), durationMs: pick.int(3000, 30_000)};
		} else {
			body = fromTemplate(service);
		}
		const log: DemoLog = {
			message: body.message,
			timestamp: new Date(now).toISOString(),
			service,
			level: body.level,
			requestId: requestId(),
			...(random() < 0.7 ? {userId: pick.int(1, 500)} : {}),
			...(body.durationMs === undefined ? {} : {durationMs: body.durationMs}),
			...(body.status === undefined ? {} : {status: body.status}),
		};
		return {key: service, value: JSON.stringify(log)};
	};

	return {
		services: options.services,
		next,
		burst(count, now = Date.now()) {
			const records: DemoRecord[] = [];
			const errorsFrom = Math.floor(count / 3);
			const errorsTo = Math.floor((2 * count) / 3);
			for (let index = 0; index < count; index++) {
				const service = options.services[index % options.services.length]!;
				if (index >= errorsFrom && index < errorsTo && index % 2 === 0) burstLeft.set(service, 1);
				records.push(next(service, now + index));
			}
			return records;
		},
	};
}
