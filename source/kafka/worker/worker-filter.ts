import type {LogRecord, RawRecord} from '../../record/log-record.js';
import type {ScannedPartition} from '../../stream/hunt-progress.js';

/**
 * The filter a stream runs before packing (a hunt, plain `--grep`): only the rows it keeps are
 * packed and cross to the main thread, so memory and the main thread's work follow the matches,
 * not what is scanned. The predicate comes from a module loaded by URL (`RecordFilterModule`),
 * as the batch packer does, so the filter line's meaning stays in the store's layer.
 */

/** What the module given by URL exports: the predicate for its options (plain data). */
export type RecordFilterModule = {
	recordTest(options: unknown): (record: LogRecord) => boolean;
	/** A check of a batch's raw values: entry i is 0 when record i cannot pass (its parse is skipped). */
	rawBatchRecordCheck?(options: unknown): ((batch: readonly RawRecord[]) => Uint8Array) | undefined;
};

/** A filter for the worker: the module's URL and its options (they cross to the thread). */
export type WorkerRecordFilter = {module: string; options: unknown};

/** Longest the scanned counts wait before they are sent while nothing matched. */
const SCANNED_EVERY_MS = 200;

export type BatchFilter = {
	/**
	 * Entry i is 0 when record i of the batch cannot match: it is counted as scanned but not
	 * parsed. Undefined: every record may match.
	 */
	mayMatch(batch: readonly RawRecord[]): Uint8Array | undefined;
	/**
	 * Counts one batch's Kafka records and keeps only the matching rows of `parsed` (and the same
	 * entries of `values`), in place. Returns true when the counts should be sent now.
	 */
	keep(
		raw: readonly RawRecord[],
		parsed: LogRecord[],
		values: Array<Uint8Array | null> | undefined,
		behind: boolean,
	): boolean;
	/** The counts of every partition scanned, and the sending timer restarted. */
	takeScanned(): ScannedPartition[];
};

/** Loads the filter's module and compiles its predicate (once per stream). */
export async function loadBatchFilter(filter: WorkerRecordFilter, now = Date.now): Promise<BatchFilter> {
	const {recordTest, rawBatchRecordCheck} = (await import(filter.module)) as RecordFilterModule;
	return createBatchFilter(recordTest(filter.options), now, rawBatchRecordCheck?.(filter.options));
}

/** A batch filter around a predicate (`now` for the sending schedule). */
export function createBatchFilter(
	test: (record: LogRecord) => boolean,
	now = Date.now,
	rawCheck?: (batch: readonly RawRecord[]) => Uint8Array,
): BatchFilter {
	const scanned = new Map<string, ScannedPartition>();
	let lastSent = now();
	return {
		mayMatch: rawCheck ?? (() => undefined),
		keep(raw, parsed, values, behind) {
			const first = raw[0];
			let kept = 0;
			for (let index = 0; index < parsed.length; index++) {
				const record = parsed[index]!;
				if (!test(record)) continue;
				parsed[kept] = record;
				if (values) values[kept] = values[index]!;
				kept++;
			}
			parsed.length = kept;
			if (values) values.length = kept;
			if (!first) return kept > 0;
			const key = `${first.topic}\u0000${first.partition}`;
			const count = scanned.get(key) ?? {
				topic: first.topic,
				partition: first.partition,
				firstOffset: first.offset,
				nextOffset: first.offset,
				records: 0,
				matches: 0,
			};
			count.nextOffset = raw.at(-1)!.offset + 1;
			count.records += raw.length;
			count.matches += kept;
			scanned.set(key, count);
			// At a partition's end and with matches at once (the last counts precede the end); else now and then.
			return kept > 0 || !behind || now() - lastSent >= SCANNED_EVERY_MS;
		},
		takeScanned() {
			lastSent = now();
			return [...scanned.values()].map((count) => ({...count}));
		},
	};
}
