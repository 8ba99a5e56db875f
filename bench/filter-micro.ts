/**
 * Micro-benchmark of the store's filtered view: how long `setFilter` takes to
 * rebuild the view over a full 50 000-record buffer, per kind of term, and how
 * fast `append` takes records in (parse, dedup, counts, filter, ring).
 *
 * Run: `npx tsx bench/filter-micro.ts` (prints a table; medians of several runs).
 * Both wall time and CPU time are reported: on a shared machine the wall time
 * includes waiting for a core, the CPU time is what the rebuild itself costs.
 */
import type {RawRecord} from '../source/record/log-record.js';
import type {FilterSpec} from '../source/store/filter/filter-spec.js';
import {EMPTY_FILTER} from '../source/store/filter/record-filter.js';
import {createLogStore} from '../source/store/log-store.js';

const RECORDS = 50_000;
const RUNS = 15;
const SERVICES = ['api', 'auth', 'payments', 'worker', 'search', 'billing'];
const LEVELS = ['debug', 'info', 'info', 'info', 'warn', 'error'];
const MESSAGES = [
	'GET /api/orders/%d 200 in 12ms',
	'POST /api/payments 503 upstream timeout after 3000ms',
	'user %d logged in from 10.0.3.%d',
	'cache miss for key session:%d, loading from database',
	'job %d finished: 120 rows processed, 0 failed',
	'connection refused by redis-primary:6379, retrying in 500ms',
];

/** A deterministic stream of realistic JSON log records. */
function makeRecords(count: number): RawRecord[] {
	let seed = 42;
	const random = (limit: number) => {
		seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
		// The low bits of this generator cycle quickly: use the high ones.
		return Math.floor(seed / 65_536) % limit;
	};

	return Array.from({length: count}, (_, offset) => {
		const body = {
			timestamp: new Date(1_700_000_000_000 + offset * 10).toISOString(),
			service: SERVICES[random(SERVICES.length)],
			level: LEVELS[random(LEVELS.length)],
			message: MESSAGES[random(MESSAGES.length)]!.replaceAll('%d', () => String(random(1000))),
			user: {id: random(100), plan: random(2) === 0 ? 'free' : 'pro'},
			requestId: `req-${random(1_000_000).toString(16)}`,
			durationMs: random(5000),
		};
		return {
			topic: 'logs',
			partition: offset % 3,
			offset: Math.floor(offset / 3),
			timestamp: 1_700_000_000_000 + offset * 10,
			key: null,
			value: Buffer.from(JSON.stringify(body)),
			headers: undefined,
		};
	});
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

const records = makeRecords(RECORDS);
const store = createLogStore({maxRecords: RECORDS});

const appendWall: number[] = [];
const appendCpu: number[] = [];
for (let run = 0; run < 5; run++) {
	const fresh = createLogStore({maxRecords: RECORDS});
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	for (let start = 0; start < RECORDS; start += 500) {
		fresh.append(records.slice(start, start + 500));
	}

	appendWall.push(performance.now() - started);
	const used = process.cpuUsage(cpuBefore);
	appendCpu.push((used.user + used.system) / 1000);
	fresh.dispose();
}

store.append(records);

/** The `requestId` field of a record: a word in its value only. */
function requestIdOf(record: RawRecord): string {
	return (JSON.parse(String(record.value)) as {requestId: string}).requestId;
}

const cases: Array<[string, FilterSpec]> = [
	['text (smart case, lower)', {...EMPTY_FILTER, terms: ['timeout']}],
	['text (case-sensitive)', {...EMPTY_FILTER, terms: ['POST']}],
	['regex', {...EMPTY_FILTER, terms: ['/\\b5\\d\\d\\b/']}],
	['exclude text', {...EMPTY_FILTER, terms: ['!cache']}],
	// A hunt for a request id: in a JSON field only, and in no record at all.
	['text (a request id, one field)', {...EMPTY_FILTER, terms: [requestIdOf(records[RECORDS / 2]!)]}],
	['text (absent: 4bf92f3577b34da6)', {...EMPTY_FILTER, terms: ['4bf92f3577b34da6']}],
	['regex (absent)', {...EMPTY_FILTER, terms: ['/4bf92f35[0-9a-f]+/']}],
	['field (selective: user.id=42)', {...EMPTY_FILTER, terms: ['user.id=42']}],
	['field (broad: user.plan=pro)', {...EMPTY_FILTER, terms: ['user.plan=pro']}],
	['field alternatives (user.plan=pro|free)', {...EMPTY_FILTER, terms: ['user.plan=pro|free']}],
	['compare (selective: durationMs>4900)', {...EMPTY_FILTER, terms: ['durationMs>4900']}],
	['compare (broad: durationMs>250)', {...EMPTY_FILTER, terms: ['durationMs>250']}],
	['has (user.plan)', {...EMPTY_FILTER, terms: ['has:user.plan']}],
	['time (time>ISO, half)', {...EMPTY_FILTER, terms: [`time>${new Date(1_700_000_250_000).toISOString()}`]}],
	['level term (level>=warn)', {...EMPTY_FILTER, terms: ['level>=warn']}],
	['words (api|auth)', {...EMPTY_FILTER, terms: ['api|auth']}],
	[
		'service solo + min level',
		{...EMPTY_FILTER, services: {mode: 'include', services: new Set(['api'])}, minLevel: 'warn'},
	],
	['no filter', EMPTY_FILTER],
];

console.log(`filter rebuild over ${store.size} records, median of ${RUNS} runs (Node ${process.version})`);
console.log('| filter | median wall ms | median CPU ms | matching |');
console.log('|---|---:|---:|---:|');
for (const [name, spec] of cases) {
	const wall: number[] = [];
	const cpu: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		store.setFilter(EMPTY_FILTER);
		const cpuBefore = process.cpuUsage();
		const started = performance.now();
		store.setFilter(spec);
		wall.push(performance.now() - started);
		const used = process.cpuUsage(cpuBefore);
		cpu.push((used.user + used.system) / 1000);
	}

	console.log(`| ${name} | ${median(wall).toFixed(2)} | ${median(cpu).toFixed(2)} | ${store.viewLength} |`);
}

const appendMs = median(appendCpu);
console.log(
	`\nappend (parse + dedup + counts + filter + ring), batches of 500, per ${RECORDS} records: ` +
		`${median(appendWall).toFixed(0)} ms wall, ${appendMs.toFixed(0)} ms CPU = ${Math.round((RECORDS / appendMs) * 1000)} records per CPU-second`,
);
store.dispose();
