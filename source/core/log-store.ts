import type {KnownLevel, LogRecord, MarkRecord, RawRecord} from './log-record.js';

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

/** Service filter: `exclude` hides the listed services, `include` shows only them (solo / inverted). */
export type ServiceFilter = {mode: 'exclude' | 'include'; services: ReadonlySet<string>};

/** Everything that decides which records the view shows. Terms combine with AND. */
export type FilterSpec = {
	services: ServiceFilter;
	/** Records below this level are hidden; `unknown` counts as info. */
	minLevel: KnownLevel | undefined;
	/**
	 * Text terms as the user typed them: `text`, `/regex/`, `!text` (exclude),
	 * `!/regex/` (exclude), `field=value` (field filter on the JSON value, dotted path).
	 * Text and regex match message, service and key; text is case-insensitive unless it has capitals.
	 */
	terms: readonly string[];
};

export type ServiceCount = {
	service: string;
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
};

export type LogStore = {
	/** Parse, de-duplicate (by topic/partition/offset) and append a batch. Returns how many were new. */
	append(records: readonly RawRecord[]): number;
	/** Drop a mark line with the current time into the view. */
	addMark(label?: string): MarkRecord;
	/** Empty the buffer (the view); counts stay. */
	clear(): void;
	/** Forget de-duplication state for a partition (used when the user re-seeks on purpose). */
	resetPosition(topic: string, partition: number): void;

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

	/** Records currently buffered (before filtering). */
	readonly size: number;
	/** Records consumed this run (evicted and cleared included, duplicates not). */
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

export declare function createLogStore(options?: LogStoreOptions): LogStore;
