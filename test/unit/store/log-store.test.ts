import {afterEach, describe, expect, it, vi} from 'vitest';
import type {LogRecord, RawRecord} from '../../../source/record/log-record.js';
import {EMPTY_FILTER} from '../../../source/store/filter/record-filter.js';
import {createLogStore, HISTORY_SECONDS} from '../../../source/store/log-store.js';
import {type DisposableLogStore, isMark, type ViewLine} from '../../../source/store/log-store-types.js';

const T0 = 1_700_000_000_000;

type Body = {service?: string; level?: string; message?: string; [field: string]: unknown};

function raw(partition: number, offset: number, body: Body = {}, topic = 'logs'): RawRecord {
	return {
		topic,
		partition,
		offset,
		timestamp: T0,
		key: null,
		value: Buffer.from(JSON.stringify({service: 'api', level: 'info', message: `m${offset}`, ...body})),
		headers: undefined,
	};
}

/** Records at offsets `from` .. `to - 1` of one partition. */
function batch(
	partition: number,
	from: number,
	to: number,
	body: (offset: number) => Body = () => ({}),
): RawRecord[] {
	return Array.from({length: to - from}, (_, index) => raw(partition, from + index, body(from + index)));
}

function messages(lines: ViewLine[]): string[] {
	return lines.map((line) => (isMark(line) ? `[${line.label}]` : line.message));
}

function allLines(store: DisposableLogStore): ViewLine[] {
	return store.slice(0, store.viewLength);
}

const stores: DisposableLogStore[] = [];
function makeStore(options: Parameters<typeof createLogStore>[0] = {}): DisposableLogStore {
	const store = createLogStore({now: () => T0, ...options});
	stores.push(store);
	return store;
}

afterEach(() => {
	for (const store of stores.splice(0)) {
		store.dispose();
	}

	vi.useRealTimers();
});

describe('append', () => {
	it('parses records in order and gives them consecutive seqs', () => {
		const store = makeStore();
		expect(store.append([raw(0, 0, {message: 'first', service: 'auth', level: 'warn'}), raw(0, 1)])).toBe(2);
		expect(store.append(batch(1, 0, 2))).toBe(2);
		const lines = allLines(store) as LogRecord[];
		expect(lines.map((line) => line.seq)).toEqual([0, 1, 2, 3]);
		expect(lines[0]).toMatchObject({
			message: 'first',
			service: 'auth',
			level: 'warn',
			partition: 0,
			offset: 0,
		});
		expect(store.size).toBe(4);
		expect(store.total).toBe(4);
		expect(store.append([])).toBe(0);
	});

	it('evicts the oldest records when the ring is full', () => {
		const store = makeStore({maxRecords: 5});
		store.append(batch(0, 0, 8));
		expect(store.size).toBe(5);
		expect(store.viewLength).toBe(5);
		expect(messages(allLines(store))).toEqual(['m3', 'm4', 'm5', 'm6', 'm7']);
		store.append(batch(0, 8, 20));
		expect(messages(allLines(store))).toEqual(['m15', 'm16', 'm17', 'm18', 'm19']);
		expect(allLines(store).map((line) => line.seq)).toEqual([15, 16, 17, 18, 19]);
		expect(store.total).toBe(20);
	});

	it('evicts by the text budget before the record count is reached', () => {
		const body = (offset: number): Body => ({message: `${offset}`.padStart(100, 'x')});
		const first = makeStore({maxRecords: 1000});
		first.append(batch(0, 0, 1, body));
		// One record's text: message plus the JSON value it came from.
		const perRecord =
			(allLines(first)[0] as LogRecord).message.length + (allLines(first)[0] as LogRecord).value!.length;

		const store = makeStore({maxRecords: 1000, maxBytes: perRecord * 10});
		store.append(batch(0, 0, 25, body));
		expect(store.size).toBe(10);
		expect((allLines(store)[0] as LogRecord).offset).toBe(15);
		// A single record larger than the budget is still kept (the newest line always stays).
		store.append([raw(0, 25, {message: 'y'.repeat(perRecord * 20)})]);
		expect(store.size).toBe(1);
		expect((allLines(store)[0] as LogRecord).offset).toBe(25);
		expect(store.total).toBe(26);
	});
});

describe('de-duplication', () => {
	it('drops records at or below the highest offset seen for their partition', () => {
		const store = makeStore();
		store.append(batch(0, 0, 5));
		expect(store.append(batch(0, 3, 8))).toBe(3);
		expect(store.duplicates).toBe(2);
		expect(store.append([raw(0, 1), raw(0, 7)])).toBe(0);
		expect(store.duplicates).toBe(4);
		expect((allLines(store) as LogRecord[]).map((line) => line.offset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
		expect(store.total).toBe(8);
	});

	it('keeps partitions and topics apart', () => {
		const store = makeStore();
		store.append([raw(0, 5), raw(1, 5), raw(0, 5, {}, 'other'), raw(1, 5, {}, 'other')]);
		expect(store.size).toBe(4);
		expect(store.duplicates).toBe(0);
		expect(store.append([raw(1, 5, {}, 'other'), raw(0, 5)])).toBe(0);
		expect(store.duplicates).toBe(2);
	});

	it('drops duplicates inside one batch', () => {
		const store = makeStore();
		expect(store.append([raw(0, 1), raw(0, 1), raw(0, 2), raw(0, 0)])).toBe(2);
		expect(store.duplicates).toBe(2);
	});

	it('accepts a re-delivery after resetPosition, for that partition only, and counts it once', () => {
		const store = makeStore();
		store.append([...batch(0, 0, 3), ...batch(1, 0, 3)]);
		store.resetPosition('logs', 0);
		store.resetPosition('unknown-topic', 9);
		expect(store.append([...batch(0, 0, 3), ...batch(1, 0, 3)])).toBe(3);
		expect(store.duplicates).toBe(3);
		// The re-read records are in the view again, but the counts are of distinct records.
		expect(store.size).toBe(9);
		expect(store.total).toBe(6);
		expect(store.services().reduce((sum, service) => sum + service.count, 0)).toBe(6);
		// What is new after the re-read is counted.
		expect(store.append(batch(0, 3, 5))).toBe(2);
		expect(store.total).toBe(8);
	});

	it('counts history read back (older than the run, or arriving late) but keeps it out of the rates', () => {
		let now = T0 + 60_000;
		const store = makeStore({now: () => now, liveSince: T0 + 60_000});
		const at = (offset: number, timestamp: number): RawRecord => ({...raw(0, offset), timestamp});
		// The start window: written a minute before the run.
		store.append([at(0, T0), at(1, T0 + 1000)]);
		expect(store.total).toBe(2);
		expect(store.rate).toBe(0);
		// Live: written now.
		now += 1000;
		store.append([at(2, now), at(3, now)]);
		expect(store.total).toBe(4);
		expect(store.rate).toBeGreaterThan(0);
		const live = store.rate;
		// A backlog after a long pause: written after the start, but more than 30 s ago.
		now += 60_000;
		store.append([at(4, now - 45_000)]);
		expect(store.total).toBe(5);
		expect(store.rateHistory.at(-1)).toBe(0);
		expect(live).toBeGreaterThan(0);
	});

	it('takes a topic created again from offset 0 after forgetTopic, that topic only', () => {
		const store = makeStore();
		store.append([...batch(0, 0, 3), ...batch(1, 0, 3), raw(0, 0, {}, 'other')]);
		store.forgetTopic('logs');
		expect(store.append([...batch(0, 0, 2), raw(0, 0, {}, 'other')])).toBe(2);
		// Within the new topic offsets are shown once again.
		expect(store.append(batch(0, 0, 3))).toBe(1);
		expect(store.duplicates).toBe(3);
		expect(store.size).toBe(10);
		// A new topic's records are new records: counted, though their offsets were counted before.
		expect(store.total).toBe(10);
	});

	it('keeps the positions across clear, so a clear never brings old records back', () => {
		const store = makeStore();
		store.append(batch(0, 0, 3));
		store.clear();
		expect(store.append(batch(0, 0, 4))).toBe(1);
	});
});

describe('counts', () => {
	it('counts per service and level, also for evicted and cleared records', () => {
		const store = makeStore({maxRecords: 3});
		store.append(
			batch(0, 0, 10, (offset) => ({
				service: offset % 2 === 0 ? 'api' : 'auth',
				level: offset < 2 ? 'error' : offset === 2 ? 'nonsense' : 'info',
			})),
		);
		store.clear();
		store.append(batch(0, 10, 12, () => ({service: 'worker', level: 'fatal'})));
		expect(store.size).toBe(2);
		expect(store.total).toBe(12);
		expect(store.services().map(({service, count}) => [service, count])).toEqual([
			['api', 5],
			['auth', 5],
			['worker', 2],
		]);
		expect(store.levelCounts()).toEqual({
			trace: 0,
			debug: 0,
			info: 7,
			warn: 0,
			error: 2,
			fatal: 2,
			unknown: 1,
		});
	});

	it('sorts services by name and marks the ones the filter hides', () => {
		const store = makeStore();
		store.append([raw(0, 0, {service: 'zeta'}), raw(0, 1, {service: 'alpha'}), raw(0, 2, {service: 'mid'})]);
		store.setFilter({...EMPTY_FILTER, services: {mode: 'exclude', services: new Set(['mid'])}});
		expect(store.services().map(({service, hidden}) => [service, hidden])).toEqual([
			['alpha', false],
			['mid', true],
			['zeta', false],
		]);
		store.setFilter({...EMPTY_FILTER, services: {mode: 'include', services: new Set(['mid'])}});
		expect(store.services().map(({hidden}) => hidden)).toEqual([true, false, true]);
	});

	it('computes rates and per-second histories from the injected clock', () => {
		let clock = T0;
		const store = makeStore({now: () => clock});
		// 10 s of traffic: 20 api records per second, 5 of them errors, and 4 auth records.
		for (let second = 0; second < 10; second++) {
			clock = T0 + second * 1000;
			store.append(
				batch(0, second * 24, second * 24 + 24, (offset) => ({
					service: offset % 24 < 20 ? 'api' : 'auth',
					level: offset % 24 < 5 ? 'error' : 'info',
				})),
			);
		}

		clock = T0 + 10_000;
		expect(store.rate).toBeCloseTo(24, 5);
		expect(store.rateHistory).toHaveLength(HISTORY_SECONDS);
		expect(store.rateHistory.slice(-11)).toEqual([...new Array(10).fill(24), 0]);
		expect(store.errorHistory.slice(-11)).toEqual([...new Array(10).fill(5), 0]);
		const [api, auth] = store.services();
		expect(api).toMatchObject({service: 'api', count: 200});
		expect(api!.rate).toBeCloseTo(20, 5);
		expect(auth!.rate).toBeCloseTo(4, 5);
		expect(auth!.history.slice(-3)).toEqual([4, 4, 0]);

		// Quiet for a minute: the rate falls to zero, the history slides left.
		clock = T0 + 70_000;
		expect(store.rate).toBe(0);
		expect(store.rateHistory.slice(-61)).toEqual(new Array(61).fill(0));
		expect(store.rateHistory.at(-70)).toBe(24);
	});
});

describe('filters on the view', () => {
	function filled(): DisposableLogStore {
		const store = makeStore();
		store.append([
			raw(0, 0, {service: 'api', level: 'info', message: 'GET /orders 200', user: {id: 42}}),
			raw(0, 1, {service: 'auth', level: 'warn', message: 'token expires soon', user: {id: 7}}),
			raw(0, 2, {service: 'api', level: 'error', message: 'GET /orders 503 Timeout'}),
			raw(0, 3, {service: 'worker', level: 'debug', message: 'tick'}),
			raw(0, 4, {service: 'payments', message: 'charged', user: {id: 42}}),
		]);
		return store;
	}

	it('rebuilds the view on setFilter and filters new records as they arrive', () => {
		const store = filled();
		store.setFilter({...EMPTY_FILTER, terms: ['orders']});
		expect(store.filter.terms).toEqual(['orders']);
		expect(messages(allLines(store))).toEqual(['GET /orders 200', 'GET /orders 503 Timeout']);
		store.append([raw(0, 5, {message: 'POST /orders 201'}), raw(0, 6, {message: 'other'})]);
		expect(messages(allLines(store))).toEqual([
			'GET /orders 200',
			'GET /orders 503 Timeout',
			'POST /orders 201',
		]);
		expect(store.size).toBe(7);
		store.setFilter(EMPTY_FILTER);
		expect(store.viewLength).toBe(7);
	});

	it('applies service solo, exclusion and minimum level', () => {
		const store = filled();
		store.setFilter({...EMPTY_FILTER, services: {mode: 'include', services: new Set(['api'])}});
		expect(messages(allLines(store))).toEqual(['GET /orders 200', 'GET /orders 503 Timeout']);
		store.setFilter({...EMPTY_FILTER, services: {mode: 'exclude', services: new Set(['api', 'worker'])}});
		expect(messages(allLines(store))).toEqual(['token expires soon', 'charged']);
		store.setFilter({...EMPTY_FILTER, minLevel: 'warn'});
		expect(messages(allLines(store))).toEqual(['token expires soon', 'GET /orders 503 Timeout']);
	});

	it('applies regex, exclusion, field and combined terms', () => {
		const store = filled();
		store.setFilter({...EMPTY_FILTER, terms: ['/\\b5\\d\\d\\b/']});
		expect(messages(allLines(store))).toEqual(['GET /orders 503 Timeout']);
		store.setFilter({...EMPTY_FILTER, terms: ['!orders', '!/^t/']});
		expect(messages(allLines(store))).toEqual(['charged']);
		store.setFilter({...EMPTY_FILTER, terms: ['user.id=42']});
		expect(messages(allLines(store))).toEqual(['GET /orders 200', 'charged']);
		store.setFilter({...EMPTY_FILTER, minLevel: 'info', terms: ['user.id=42', 'get']});
		expect(messages(allLines(store))).toEqual(['GET /orders 200']);
		store.setFilter({...EMPTY_FILTER, terms: ['Timeout']});
		expect(messages(allLines(store))).toEqual(['GET /orders 503 Timeout']);
		store.setFilter({...EMPTY_FILTER, terms: ['timeout']});
		expect(store.viewLength).toBe(1);
		store.setFilter({...EMPTY_FILTER, terms: ['TIMEOUT']});
		expect(store.viewLength).toBe(0);
	});

	it('sets filterError for a bad regex, ignores that term and clears the error later', () => {
		const store = filled();
		store.setFilter({...EMPTY_FILTER, terms: ['/[unclosed/', 'api']});
		expect(store.filterError).toContain('/[unclosed/');
		expect(store.viewLength).toBe(2);
		store.setFilter({...EMPTY_FILTER, terms: ['api']});
		expect(store.filterError).toBeUndefined();
	});

	it('evicts view entries together with their records', () => {
		const store = makeStore({maxRecords: 4});
		store.setFilter({...EMPTY_FILTER, terms: ['keep']});
		store.append(
			batch(0, 0, 10, (offset) => ({message: offset % 3 === 0 ? `keep ${offset}` : `drop ${offset}`})),
		);
		expect(messages(allLines(store))).toEqual(['keep 6', 'keep 9']);
		store.append(batch(0, 10, 13, () => ({message: 'drop'})));
		expect(messages(allLines(store))).toEqual(['keep 9']);
		store.append(batch(0, 13, 14, () => ({message: 'drop'})));
		expect(messages(allLines(store))).toEqual([]);
		expect(store.size).toBe(4);
	});

	it('empties the view on clear while counts stay', () => {
		const store = filled();
		store.addMark('before clear');
		store.clear();
		expect(store.viewLength).toBe(0);
		expect(store.size).toBe(0);
		expect(store.total).toBe(5);
		store.append([raw(0, 5)]);
		expect(messages(allLines(store))).toEqual(['m5']);
	});

	it('keeps the view equal to filtering the buffer by hand, across wraps and filter changes', () => {
		const store = makeStore({maxRecords: 37});
		const services = ['api', 'auth', 'worker'];
		const levels = ['debug', 'info', 'warn', 'error'];
		let offset = 0;
		const filters = [
			{...EMPTY_FILTER, terms: ['7']},
			{
				...EMPTY_FILTER,
				minLevel: 'warn' as const,
				services: {mode: 'exclude' as const, services: new Set(['auth'])},
			},
			{...EMPTY_FILTER, terms: ['!/1$/', 'n=2']},
		];
		for (let round = 0; round < 30; round++) {
			if (round % 10 === 0) {
				store.setFilter(filters[round / 10]!);
			}

			const size = (round * 7) % 11;
			store.append(
				batch(0, offset, offset + size, (at) => ({
					service: services[at % 3],
					level: levels[at % 4],
					message: `m${at}`,
					n: at % 5,
				})),
			);
			offset += size;
			if (round % 4 === 0) {
				store.addMark(`r${round}`);
			}

			const buffered: ViewLine[] = [];
			const saved = store.filter;
			store.setFilter(EMPTY_FILTER);
			buffered.push(...allLines(store));
			store.setFilter(saved);
			const visible = allLines(store);
			const seqs = new Set(visible.map((line) => line.seq));
			expect(visible.map((line) => line.seq)).toEqual([...seqs].sort((a, b) => a - b));
			expect(buffered.length).toBeLessThanOrEqual(37);
			// Every line the view shows is buffered and every buffered mark is shown.
			for (const line of buffered) {
				if (isMark(line)) {
					expect(seqs.has(line.seq)).toBe(true);
				}
			}

			expect(visible.every((line) => buffered.some((other) => other.seq === line.seq))).toBe(true);
		}
	});
});

describe('marks', () => {
	it('are view lines with the current time that every filter shows', () => {
		let clock = T0;
		const store = makeStore({now: () => clock});
		store.append(batch(0, 0, 2));
		clock = T0 + 5000;
		const mark = store.addMark('deploy');
		expect(mark).toEqual({seq: 2, kind: 'mark', time: T0 + 5000, label: 'deploy'});
		expect(store.addMark().label).toBe('mark 2');
		store.setFilter({...EMPTY_FILTER, terms: ['nothing matches this'], minLevel: 'fatal'});
		expect(messages(allLines(store))).toEqual(['[deploy]', '[mark 2]']);
		expect(store.size).toBe(2);
		expect(store.total).toBe(2);
	});

	it('are evicted with the ring like records', () => {
		const store = makeStore({maxRecords: 3});
		store.addMark('old');
		store.append(batch(0, 0, 2));
		expect(messages(allLines(store))).toEqual(['[old]', 'm0', 'm1']);
		store.append(batch(0, 2, 3));
		expect(messages(allLines(store))).toEqual(['m0', 'm1', 'm2']);
		expect(store.size).toBe(3);
	});

	it('can be found by find', () => {
		const store = makeStore();
		store.append(batch(0, 0, 3));
		store.addMark('a');
		store.append(batch(0, 3, 6));
		store.addMark('b');
		expect(store.find(-1, 1, isMark)).toBe(3);
		expect(store.find(3, 1, isMark)).toBe(7);
		expect(store.find(store.viewLength, -1, isMark)).toBe(7);
		expect(store.find(7, -1, isMark)).toBe(3);
		expect(store.find(3, -1, isMark)).toBe(-1);
		store.setSearch(isMark);
		expect(store.searchMatches).toBe(2);
	});
});

describe('reading the view', () => {
	function hundred(): DisposableLogStore {
		const store = makeStore({maxRecords: 60});
		store.setFilter({...EMPTY_FILTER, terms: ['even']});
		store.append(batch(0, 0, 100, (offset) => ({message: `${offset % 2 === 0 ? 'even' : 'odd'} ${offset}`})));
		// Buffered: offsets 40..99 (seqs 40..99); shown: the 30 even ones.
		return store;
	}

	it('slices by view position and clamps out-of-range bounds', () => {
		const store = hundred();
		expect(store.viewLength).toBe(30);
		expect(messages(store.slice(0, 2))).toEqual(['even 40', 'even 42']);
		expect(messages(store.slice(28, 100))).toEqual(['even 96', 'even 98']);
		expect(store.slice(-5, 1).map((line) => line.seq)).toEqual([40]);
		expect(store.slice(10, 10)).toEqual([]);
		expect(store.slice(20, 10)).toEqual([]);
		expect(store.slice(30, 31)).toEqual([]);
	});

	it('finds the view position of a seq, or -1', () => {
		const store = hundred();
		expect(store.indexOfSeq(40)).toBe(0);
		expect(store.indexOfSeq(98)).toBe(29);
		expect(store.indexOfSeq(70)).toBe(15);
		expect(store.indexOfSeq(71)).toBe(-1);
		expect(store.indexOfSeq(38)).toBe(-1);
		expect(store.indexOfSeq(1000)).toBe(-1);
		expect(store.seqAt(15)).toBe(70);
		expect(store.seqAt(30)).toBeUndefined();
		expect(store.seqAt(-1)).toBeUndefined();
		expect(store.seqAt(1.5)).toBeUndefined();
		store.clear();
		expect(store.indexOfSeq(70)).toBe(-1);
	});

	it('finds forwards and backwards, exclusive of the start, and -1 past the ends', () => {
		const store = hundred();
		const endsInZero = (line: ViewLine) => !isMark(line) && line.message.endsWith('0');
		expect(store.find(-1, 1, endsInZero)).toBe(0);
		expect(store.find(0, 1, endsInZero)).toBe(5);
		expect(store.find(-100, 1, endsInZero)).toBe(0);
		expect(store.find(29, 1, endsInZero)).toBe(-1);
		expect(store.find(30, -1, endsInZero)).toBe(25);
		expect(store.find(500, -1, endsInZero)).toBe(25);
		expect(store.find(25, -1, endsInZero)).toBe(20);
		expect(store.find(0, -1, endsInZero)).toBe(-1);
		expect(store.find(-1, 1, () => false)).toBe(-1);
	});
});

describe('search match count', () => {
	it('counts the view lines a search matches, kept up to date as lines come, go, are filtered and cleared', () => {
		const store = makeStore({maxRecords: 60});
		const endsInZero = (line: ViewLine) => !isMark(line) && line.message.endsWith('0');
		expect(store.searchMatches).toBeUndefined();
		store.append(batch(0, 0, 50, (offset) => ({message: `${offset % 2 === 0 ? 'even' : 'odd'} ${offset}`})));
		store.setSearch(endsInZero);
		expect(store.searchMatches).toBe(5);
		// 50 more: the ring keeps offsets 40..99, whose tens are 40, 50 ... 90.
		store.append(
			batch(0, 50, 100, (offset) => ({message: `${offset % 2 === 0 ? 'even' : 'odd'} ${offset}`})),
		);
		expect(store.searchMatches).toBe(6);
		// A filter hiding the odd lines keeps every match (they are all even).
		store.setFilter({...EMPTY_FILTER, terms: ['even']});
		expect(store.searchMatches).toBe(6);
		store.setFilter({...EMPTY_FILTER, terms: ['odd']});
		expect(store.searchMatches).toBe(0);
		store.setFilter(EMPTY_FILTER);
		// The mark is no match, and taking a slot of the full ring it evicts 'even 40', which was.
		store.addMark('not a match');
		expect(store.searchMatches).toBe(5);
		// It equals a full count of the view, whatever happened.
		expect(store.searchMatches).toBe(store.countMatches(endsInZero));
		store.clear();
		expect(store.searchMatches).toBe(0);
		store.setSearch(undefined);
		expect(store.searchMatches).toBeUndefined();
	});
});

describe('change notification', () => {
	it('bumps version on every change', () => {
		const store = makeStore();
		const versions = [store.version];
		const record = () => versions.push(store.version);
		store.append(batch(0, 0, 2));
		record();
		store.append(batch(0, 0, 2));
		record(); // duplicates only: `duplicates` changed
		store.addMark();
		record();
		store.setFilter(EMPTY_FILTER);
		record();
		store.clear();
		record();
		store.append([]);
		record();
		expect(versions).toEqual([0, 1, 2, 3, 4, 5, 5]);
	});

	it('notifies subscribers throttled, with the last change delivered', () => {
		vi.useFakeTimers();
		const store = makeStore({maxHz: 10});
		const seen: number[] = [];
		store.subscribe(() => seen.push(store.version));
		for (let offset = 0; offset < 500; offset++) {
			store.append([raw(0, offset)]);
			vi.advanceTimersByTime(2);
		}

		vi.advanceTimersByTime(200);
		expect(seen.length).toBeGreaterThanOrEqual(9);
		expect(seen.length).toBeLessThanOrEqual(11);
		// The last run saw the final state (the once-a-second rate tick included).
		expect(seen.at(-1)).toBe(store.version);
		expect(store.version).toBeGreaterThanOrEqual(500);
	});

	it('ticks once a second while recent history changes the rates, then stops', () => {
		vi.useFakeTimers();
		let clock = T0;
		const store = makeStore({now: () => clock});
		const listener = vi.fn();
		store.subscribe(listener);
		store.append(batch(0, 0, 3));
		vi.advanceTimersByTime(0);
		expect(listener).toHaveBeenCalledTimes(1);
		const before = store.version;
		for (let second = 1; second <= 3; second++) {
			clock = T0 + second * 1000;
			vi.advanceTimersByTime(1000);
		}

		vi.advanceTimersByTime(10);
		expect(store.version).toBe(before + 3);
		expect(listener).toHaveBeenCalledTimes(4);
		clock = T0 + (HISTORY_SECONDS + 5) * 1000;
		vi.advanceTimersByTime(2000);
		const settled = store.version;
		vi.advanceTimersByTime(10_000);
		expect(store.version).toBe(settled);
		expect(vi.getTimerCount()).toBe(0);
	});
});
