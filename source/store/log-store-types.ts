import type {LogRecord, MarkRecord, RawRecord} from '../record/log-record.js';
import type {FilterSpec} from './filter/filter-spec.js';
import type {TimelineReader} from './time-buckets.js';

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

/** The filtered view (`filtered-view.ts`): what the log pane reads, by view position. */
export type ViewReader = {
	/** Lines of the filtered view, oldest first, `[start, end)` in view positions. */
	slice(start: number, end: number): ViewLine[];
	/** View position of a seq, or -1 when it is not in the view. */
	indexOfSeq(seq: number): number;
	/** Next/previous view position (from `from`, exclusive) whose line satisfies `test`; -1 if none. */
	find(from: number, direction: 1 | -1, test: (line: ViewLine) => boolean): number;
	/** The seq of the line at view position `index`, or undefined when out of range. O(1). */
	seqAt(index: number): number | undefined;
	/** How many view lines satisfy `test`. O(view). */
	countMatches(test: (line: ViewLine) => boolean): number;
};

export type LogStore = ViewReader & {
	/**
	 * Parse, de-duplicate (by topic/partition/offset, and the index of each log record of an OTLP
	 * logs request) and append a batch. Returns how many rows were new.
	 */
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

	/** Number of lines in the filtered view. */
	readonly viewLength: number;
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
	/** The buffered records counted by time bucket and level, for the timeline (`T`). */
	readonly timeline: TimelineReader;

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

/** True when a view line is a mark rather than a record. */
export function isMark(line: ViewLine): line is MarkRecord {
	return (line as MarkRecord).kind === 'mark';
}
