import type {LogRecord, MarkRecord, RawRecord} from '../record/log-record.js';
import {parseRecord} from '../record/parse-record.js';
import {lastAtOrBefore} from '../shared/binary-search.js';
import type {FilterSpec} from './filter/filter-spec.js';
import {compileFilter, EMPTY_FILTER} from './filter/record-filter.js';
import {HISTORY_SECONDS} from './rate-history.js';
import {RingBuffer} from './ring-buffer.js';
import {ServiceCounts, type ServiceTally} from './service-counts.js';
import {DEFAULT_BUSY_SHARE, ThrottledNotifier} from './throttled-notifier.js';

export {HISTORY_SECONDS} from './rate-history.js';

/**
 * The store: a bounded buffer of parsed records, the counts of everything this
 * run consumed, and the filtered view the log pane draws from. Pure: no React,
 * no Kafka. The adapter pushes whole batches in; the TUI reads windows out.
 *
 * INTERFACE CONTRACT (agreed between the store, the TUI and the adapter; change
 * it only together with every user).
 */

/** A line of the view: a log record or a mark the user dropped in. */
export type ViewLine = LogRecord | MarkRecord;

export type ServiceCount = {
	service: string;
	/**
	 * The service's number for this run: the order in which services first appeared, so the
	 * keys 1-9 stay bound to the same service however the list is sorted or grows.
	 */
	number: number;
	/** Records of this service consumed this run (evicted ones included). */
	count: number;
	/** Records per second over the last few seconds. */
	rate: number;
	/** Per-second counts for the last `HISTORY_SECONDS` seconds, oldest first (for sparklines). */
	history: readonly number[];
	/** True when the current service filter hides it. */
	hidden: boolean;
};

export type LogStoreOptions = {
	/** Ring buffer capacity, default 50 000. */
	maxRecords?: number;
	/** Clock, injectable for tests. */
	now?: () => number;
	/**
	 * Records written before this time (ms) are history read back, not live: they are counted
	 * but kept out of the rates. Default: when the store is made (the run's start).
	 */
	liveSince?: number;
	/**
	 * Budget for buffered text, in characters of message + value + key (default
	 * 64 Mi): past it the oldest lines are evicted even below `maxRecords`, so a
	 * stream of huge records cannot exhaust memory.
	 */
	maxBytes?: number;
	/** Listener runs per second at most, default 20. */
	maxHz?: number;
	/**
	 * Longest share of the time listeners may take (they draw the screen): slower listeners
	 * are called less often, down to twice a second. Default `DEFAULT_BUSY_SHARE` (a quarter).
	 */
	busyShare?: number;
};

export type LogStore = {
	/** Parse, de-duplicate (by topic/partition/offset) and append a batch. Returns how many were new. */
	append(records: readonly RawRecord[]): number;
	/**
	 * The same for records parsed elsewhere (the stream worker): de-duplicate, give each the
	 * store's next seq (the records are updated in place) and append. Returns how many were new.
	 */
	appendParsed(records: readonly LogRecord[]): number;
	/** Drop a mark line with the current time into the view. */
	addMark(label?: string): MarkRecord;
	/** Empty the buffer (the view); counts stay. */
	clear(): void;
	/**
	 * Forget de-duplication state for a partition, so the view takes its records again (the
	 * user re-seeks on purpose). Counts still count each record once.
	 */
	resetPosition(topic: string, partition: number): void;
	/** The same for every partition of a topic (it was deleted and created again: its offsets start again). */
	forgetTopic(topic: string): void;

	setFilter(filter: FilterSpec): void;
	readonly filter: FilterSpec;
	/** Error from the last `setFilter` term that did not compile (bad regex), else undefined. */
	readonly filterError: string | undefined;

	/** Lines of the filtered view, oldest first, `[start, end)` in view positions. */
	slice(start: number, end: number): ViewLine[];
	/** Number of lines in the filtered view. */
	readonly viewLength: number;
	/** View position of a seq, or -1 when it is not in the view. */
	indexOfSeq(seq: number): number;
	/** Next/previous view position (from `from`, exclusive) whose line satisfies `test`; -1 if none. */
	find(from: number, direction: 1 | -1, test: (line: ViewLine) => boolean): number;
	/** The seq of the line at view position `index`, or undefined when out of range. O(1). */
	seqAt(index: number): number | undefined;
	/** How many view lines satisfy `test`. O(view). */
	countMatches(test: (line: ViewLine) => boolean): number;
	/**
	 * The search whose matches the store counts as lines enter and leave the view (O(1) per
	 * line, so a search over a busy stream costs no scan per frame); undefined for none.
	 */
	setSearch(test: ((line: ViewLine) => boolean) | undefined): void;
	/** View lines the search matches, or undefined without a search. */
	readonly searchMatches: number | undefined;

	/** Records currently buffered (before filtering). */
	readonly size: number;
	/**
	 * Distinct records consumed this run (evicted and cleared included; duplicates and records
	 * read again after a re-seek not).
	 */
	readonly total: number;
	/** Duplicates dropped this run. */
	readonly duplicates: number;
	/** Records per second over all services, and its history. */
	readonly rate: number;
	readonly rateHistory: readonly number[];
	/** Errors (error+fatal) per second history, for the header sparkline. */
	readonly errorHistory: readonly number[];
	/** Per-service counts, sorted by name. */
	services(): ServiceCount[];
	/** Count per level this run. */
	levelCounts(): Record<string, number>;

	/** Changes bump this; cheap to compare for "did anything change". */
	readonly version: number;
	/** Subscribe to changes; listeners are called at most `maxHz` times a second (default 20). */
	subscribe(listener: () => void): () => void;
};

/** A `LogStore` its owner can shut down. */
export type DisposableLogStore = LogStore & {
	/** Stop the store's timers (they are unref'd anyway; this is for tidy tests and shutdown). */
	dispose(): void;
};

/**
 * A service's row as `services()` gives it. Rate and history are worked out when read: a
 * frame reads them for the few rows on screen, and a topic can have thousands of services.
 */
class ServiceCountView implements ServiceCount {
	readonly service: string;
	readonly number: number;
	readonly count: number;
	readonly hidden: boolean;
	readonly #tally: ServiceTally;
	readonly #nowMs: number;
	#history: readonly number[] | undefined;

	constructor(tally: ServiceTally, nowMs: number, hidden: boolean) {
		this.service = tally.service;
		this.number = tally.number;
		this.count = tally.count;
		this.hidden = hidden;
		this.#tally = tally;
		this.#nowMs = nowMs;
	}

	get rate(): number {
		return this.#tally.history.rate(this.#nowMs);
	}

	get history(): readonly number[] {
		this.#history ??= this.#tally.history.history(this.#nowMs);
		return this.#history;
	}
}

/** Default ring capacity. */
export const DEFAULT_MAX_RECORDS = 50_000;
/** Default text budget of the ring, in characters. */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** A record written this long before the run started still counts as live (clock skew). */
const LIVE_SKEW_MS = 1000;
/** A record that reaches us later than this after it was written is a backlog, not live. */
const LIVE_DELAY_MS = 30_000;

/** True when a view line is a mark rather than a record. */
export function isMark(line: ViewLine): line is MarkRecord {
	return (line as MarkRecord).kind === 'mark';
}

/** Characters a line holds: what the byte budget counts. */
function lineSize(line: ViewLine): number {
	if (isMark(line)) {
		return line.label.length;
	}

	return line.message.length + (line.value?.length ?? 0) + (line.key?.length ?? 0);
}

/**
 * Create the store. Per appended record the work is constant: a de-duplication
 * lookup, the parse, the counts, one filter test and a ring write. Lines carry
 * consecutive seqs, so a seq finds its ring slot by subtraction, and the
 * filtered view is a ring of matching seqs that is evicted in step with the
 * records.
 */
export function createLogStore(options: LogStoreOptions = {}): DisposableLogStore {
	const maxRecords = options.maxRecords ?? DEFAULT_MAX_RECORDS;
	const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
	const now = options.now ?? Date.now;
	const liveSince = options.liveSince ?? now();
	const notifier = new ThrottledNotifier({
		...(options.maxHz === undefined ? {} : {maxHz: options.maxHz}),
		busyShare: options.busyShare ?? DEFAULT_BUSY_SHARE,
	});

	const lines = new RingBuffer<ViewLine>(maxRecords);
	/** Seqs of the lines the filter lets through, ascending; always a subset of `lines`. */
	const view = new RingBuffer<number>(maxRecords);
	const counts = new ServiceCounts();
	/** Highest offset seen per topic and partition: memory per partition, not per record. */
	const positions = new Map<string, Map<number, number>>();
	/**
	 * Highest offset counted per topic and partition. A re-seek resets `positions` so the view
	 * takes the records again, but not this: counts and rates stay of distinct records.
	 */
	const counted = new Map<string, Map<number, number>>();

	let nextSeq = 0;
	let bufferedChars = 0;
	let bufferedMarks = 0;
	let marksDropped = 0;
	let duplicates = 0;
	let version = 0;
	let filter: FilterSpec = EMPTY_FILTER;
	let compiled = compileFilter(filter);
	let servicesCache: {version: number; second: number; value: ServiceCount[]} | undefined;
	let lastArrival = Number.NEGATIVE_INFINITY;
	/** The search (see `setSearch`) and how many view lines it matches, kept up to date as lines come and go. */
	let search: ((line: ViewLine) => boolean) | undefined;
	let searchMatches = 0;
	let ticker: ReturnType<typeof setInterval> | undefined;

	function changed(): void {
		version++;
		notifier.notify();
	}

	function evicted(line: ViewLine): void {
		bufferedChars -= lineSize(line);
		if (isMark(line)) {
			bufferedMarks--;
		}

		// The view is ascending and never holds a seq older than the ring's oldest line,
		// so an evicted line that is in the view is at its front.
		if (view.first() === line.seq) {
			view.shift();
			if (search?.(line)) searchMatches--;
		}
	}

	function pushLine(line: ViewLine, visible: boolean): void {
		const dropped = lines.push(line);
		if (dropped !== undefined) {
			evicted(dropped);
		}

		bufferedChars += lineSize(line);
		if (visible) {
			view.push(line.seq);
			if (search?.(line)) searchMatches++;
		}

		// Keep at least the newest line, however large: parsing already shortens huge values.
		while (bufferedChars > maxBytes && lines.length > 1) {
			evicted(lines.shift()!);
		}
	}

	function lineOfSeq(seq: number): ViewLine | undefined {
		const oldest = lines.first();
		return oldest === undefined ? undefined : lines.get(seq - oldest.seq);
	}

	/**
	 * Rates and sparklines move with time even when nothing arrives: tick once a
	 * second while there is recent history, so subscribers redraw them.
	 */
	function keepTicking(): void {
		if (ticker !== undefined) {
			return;
		}

		ticker = setInterval(() => {
			if (now() - lastArrival > (HISTORY_SECONDS + 1) * 1000) {
				clearInterval(ticker);
				ticker = undefined;
				return;
			}

			changed();
		}, 1000);
		ticker.unref?.();
	}

	/** Count the view lines the search matches (when the search or the view changed wholesale). */
	function recountSearch(): void {
		searchMatches = 0;
		if (!search) return;
		for (let index = 0; index < view.length; index++) {
			if (search(lineOfSeq(view.get(index)!)!)) searchMatches++;
		}
	}

	function rebuildView(): void {
		view.clear();
		const {test, matchesAll} = compiled;
		for (let index = 0; index < lines.length; index++) {
			const line = lines.get(index)!;
			if (matchesAll || isMark(line) || test(line)) {
				view.push(line.seq);
			}
		}

		recountSearch();
	}

	/**
	 * A record arrived live when it was written after the run started and reached us soon after:
	 * the start window, a re-read and a backlog after a pause are history, not a rate. (Kafka
	 * times come from the producer's or the broker's clock: a few seconds of skew only shift
	 * where history ends.)
	 */
	function isLive(kafkaTime: number, nowMs: number): boolean {
		return kafkaTime >= liveSince - LIVE_SKEW_MS && nowMs - kafkaTime <= LIVE_DELAY_MS;
	}

	/** The per-partition map of `topic` in `byTopic`, made on first use. */
	function partitionMap(byTopic: Map<string, Map<number, number>>, topic: string): Map<number, number> {
		let partitions = byTopic.get(topic);
		if (partitions === undefined) {
			partitions = new Map();
			byTopic.set(topic, partitions);
		}
		return partitions;
	}

	/**
	 * Take a batch in: drop what this run has seen (a partition's offsets only grow), make the
	 * rest records with the next seqs, count them, and push them into the ring and the view.
	 */
	function admit<Item extends {topic: string; partition: number; offset: number}>(
		items: readonly Item[],
		toRecord: (item: Item, seq: number) => LogRecord,
	): number {
		const nowMs = now();
		let added = 0;
		let repeated = 0;
		// Batches come from one partition at a time: remember the last lookup.
		let cachedTopic: string | undefined;
		let cachedPartitions: Map<number, number> | undefined;
		let cachedCounted: Map<number, number> | undefined;
		for (const item of items) {
			if (item.topic !== cachedTopic || cachedPartitions === undefined || cachedCounted === undefined) {
				cachedTopic = item.topic;
				cachedPartitions = partitionMap(positions, item.topic);
				cachedCounted = partitionMap(counted, item.topic);
			}

			const highest = cachedPartitions.get(item.partition);
			if (highest !== undefined && item.offset <= highest) {
				repeated++;
				continue;
			}

			const record = toRecord(item, nextSeq);
			nextSeq++;
			cachedPartitions.set(item.partition, item.offset);
			// A record read again after a re-seek is shown again, but was counted already.
			const countedUpTo = cachedCounted.get(item.partition);
			if (countedUpTo === undefined || item.offset > countedUpTo) {
				cachedCounted.set(item.partition, item.offset);
				counts.add(record.service, record.level, nowMs, isLive(record.kafkaTime, nowMs));
			}
			pushLine(record, compiled.matchesAll || compiled.test(record));
			added++;
		}

		duplicates += repeated;
		if (added > 0) {
			lastArrival = nowMs;
			keepTicking();
		}

		if (added > 0 || repeated > 0) {
			changed();
		}

		return added;
	}

	const store: DisposableLogStore = {
		append(records) {
			// Parse before taking the seq and the position, so seqs stay consecutive.
			return admit(records, parseRecord);
		},

		appendParsed(records) {
			return admit(records, (record, seq) => {
				record.seq = seq;
				return record;
			});
		},

		addMark(label) {
			marksDropped++;
			const mark: MarkRecord = {
				seq: nextSeq,
				kind: 'mark',
				time: now(),
				label: label ?? `mark ${marksDropped}`,
			};
			nextSeq++;
			bufferedMarks++;
			pushLine(mark, true);
			changed();
			return mark;
		},

		clear() {
			lines.clear();
			view.clear();
			searchMatches = 0;
			bufferedChars = 0;
			bufferedMarks = 0;
			changed();
		},

		resetPosition(topic, partition) {
			positions.get(topic)?.delete(partition);
		},

		forgetTopic(topic) {
			positions.delete(topic);
			counted.delete(topic);
		},

		setFilter(next) {
			filter = next;
			compiled = compileFilter(next);
			rebuildView();
			changed();
		},
		get filter() {
			return filter;
		},
		get filterError() {
			return compiled.error;
		},

		slice(start, end) {
			const from = Math.max(0, Math.floor(start));
			const to = Math.min(view.length, Math.ceil(end));
			const result: ViewLine[] = [];
			for (let index = from; index < to; index++) {
				result.push(lineOfSeq(view.get(index)!)!);
			}

			return result;
		},
		get viewLength() {
			return view.length;
		},
		indexOfSeq(seq) {
			const index = lastAtOrBefore(view.length, (at) => view.get(at), seq);
			return index >= 0 && view.get(index) === seq ? index : -1;
		},
		find(from, direction, test) {
			const length = view.length;
			let index =
				direction === 1 ? Math.max(-1, Math.floor(from)) + 1 : Math.min(length, Math.ceil(from)) - 1;
			for (; index >= 0 && index < length; index += direction) {
				if (test(lineOfSeq(view.get(index)!)!)) {
					return index;
				}
			}

			return -1;
		},
		seqAt(index) {
			return Number.isInteger(index) ? view.get(index) : undefined;
		},
		setSearch(test) {
			if (test === search) return;
			search = test;
			recountSearch();
			changed();
		},
		get searchMatches() {
			return search ? searchMatches : undefined;
		},
		countMatches(test) {
			let matches = 0;
			for (let index = 0; index < view.length; index++) {
				if (test(lineOfSeq(view.get(index)!)!)) {
					matches++;
				}
			}

			return matches;
		},

		get size() {
			return lines.length - bufferedMarks;
		},
		get total() {
			return counts.total;
		},
		get duplicates() {
			return duplicates;
		},
		get rate() {
			return counts.all.rate(now());
		},
		get rateHistory() {
			return counts.all.history(now());
		},
		get errorHistory() {
			return counts.errors.history(now());
		},
		services() {
			const nowMs = now();
			const second = Math.floor(nowMs / 1000);
			// Several components read this per frame; thousands of services are built once.
			if (servicesCache?.version === version && servicesCache.second === second) {
				return servicesCache.value;
			}

			const {mode, services: listed} = filter.services;
			const value = counts
				.services()
				.map(
					(tally): ServiceCount =>
						new ServiceCountView(
							tally,
							nowMs,
							mode === 'include' ? !listed.has(tally.service) : listed.has(tally.service),
						),
				);
			servicesCache = {version, second, value};
			return value;
		},
		levelCounts() {
			return counts.levelCounts();
		},

		get version() {
			return version;
		},
		subscribe(listener) {
			return notifier.subscribe(listener);
		},
		dispose() {
			notifier.dispose();
			if (ticker !== undefined) {
				clearInterval(ticker);
				ticker = undefined;
			}
		},
	};
	return store;
}
