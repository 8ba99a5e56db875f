import type {LogRecord, MarkRecord} from '../record/log-record.js';
import {parseRecordRows} from '../record/parse-record.js';
import type {FilterSpec} from './filter/filter-spec.js';
import {compileFilter, EMPTY_FILTER} from './filter/record-filter.js';
import {createFilteredView} from './filtered-view.js';
import {
	type DisposableLogStore,
	isMark,
	type LogStoreOptions,
	type ServiceCount,
	type ViewLine,
} from './log-store-types.js';
import {HISTORY_SECONDS} from './rate-history.js';
import {advance, isAfter, type ReadPosition, type ReadPositions} from './read-positions.js';
import {RingBuffer} from './ring-buffer.js';
import {ServiceCountView} from './service-count-view.js';
import {ServiceCounts} from './service-counts.js';
import {DEFAULT_BUSY_SHARE, ThrottledNotifier} from './throttled-notifier.js';
import {TimeBuckets} from './time-buckets.js';

export {HISTORY_SECONDS} from './rate-history.js';

/** Default ring capacity. */
export const DEFAULT_MAX_RECORDS = 50_000;
/** Default text budget of the ring, in characters. */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** A record written this long before the run started still counts as live (clock skew). */
const LIVE_SKEW_MS = 1000;
/** A record that reaches us later than this after it was written is a backlog, not live. */
const LIVE_DELAY_MS = 30_000;

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
	const view = createFilteredView(lines, maxRecords);
	const counts = new ServiceCounts();
	/** The timeline's counts of the buffered records, by time bucket. */
	const timeline = new TimeBuckets();
	/** Highest position (offset, log index) seen per topic and partition. */
	const positions: ReadPositions = new Map();
	/**
	 * Highest position counted per topic and partition. A re-seek resets `positions` so the view
	 * takes the records again, but not this: counts and rates stay of distinct records.
	 */
	const counted: ReadPositions = new Map();

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
	let ticker: ReturnType<typeof setInterval> | undefined;

	function changed(): void {
		version++;
		notifier.notify();
	}

	function evicted(line: ViewLine): void {
		bufferedChars -= lineSize(line);
		if (isMark(line)) {
			bufferedMarks--;
		} else {
			timeline.remove(line.time, line.level);
		}

		view.evict(line);
	}

	function pushLine(line: ViewLine, visible: boolean): void {
		const dropped = lines.push(line);
		if (dropped !== undefined) {
			evicted(dropped);
		}

		bufferedChars += lineSize(line);
		if (!isMark(line)) timeline.add(line.time, line.level);
		view.push(line, visible);

		// Keep at least the newest line, however large: parsing already shortens huge values.
		while (bufferedChars > maxBytes && lines.length > 1) {
			evicted(lines.shift()!);
		}
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
	function partitionMap(byTopic: ReadPositions, topic: string): Map<number, ReadPosition> {
		let partitions = byTopic.get(topic);
		if (partitions === undefined) {
			partitions = new Map();
			byTopic.set(topic, partitions);
		}
		return partitions;
	}

	/**
	 * Take a batch in: drop what this run has seen (a partition's positions only grow: offsets, and
	 * within the offset of an OTLP request its log records' indices), give the rest the next seqs,
	 * count them, and push them into the ring and the view.
	 */
	function admit(records: readonly LogRecord[]): number {
		const nowMs = now();
		let added = 0;
		let repeated = 0;
		// Batches come from one partition at a time: remember the last lookup.
		let cachedTopic: string | undefined;
		let cachedPartitions: Map<number, ReadPosition> | undefined;
		let cachedCounted: Map<number, ReadPosition> | undefined;
		for (const record of records) {
			if (record.topic !== cachedTopic || cachedPartitions === undefined || cachedCounted === undefined) {
				cachedTopic = record.topic;
				cachedPartitions = partitionMap(positions, record.topic);
				cachedCounted = partitionMap(counted, record.topic);
			}

			const index = record.logIndex ?? 0;
			const highest = cachedPartitions.get(record.partition);
			if (highest !== undefined && !isAfter(record.offset, index, highest)) {
				repeated++;
				continue;
			}

			record.seq = nextSeq;
			nextSeq++;
			advance(cachedPartitions, record.partition, highest, record.offset, index);
			// A record read again after a re-seek is shown again, but was counted already.
			const countedUpTo = cachedCounted.get(record.partition);
			if (countedUpTo === undefined || isAfter(record.offset, index, countedUpTo)) {
				advance(cachedCounted, record.partition, countedUpTo, record.offset, index);
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
			// Parsed before taking seqs and positions, so seqs stay consecutive; one Kafka record
			// may be many rows (an OTLP logs request).
			const rows: LogRecord[] = [];
			for (const raw of records) parseRecordRows(raw, rows);
			return admit(rows);
		},

		appendParsed(records) {
			return admit(records);
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
			timeline.clear();
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
			view.rebuild(compiled);
			changed();
		},
		get filter() {
			return filter;
		},
		get filterError() {
			return compiled.error;
		},

		slice: view.slice,
		get viewLength() {
			return view.length;
		},
		indexOfSeq: view.indexOfSeq,
		find: view.find,
		seqAt: view.seqAt,
		countMatches: view.countMatches,
		setSearch(test) {
			if (view.setSearch(test)) changed();
		},
		get searchMatches() {
			return view.searchMatches;
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
		timeline,

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
