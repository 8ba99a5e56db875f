/**
 * The module the stream worker loads by URL to filter before packing (`kafka/worker/
 * worker-filter.ts`): the store's own filter compiler, so a hunt and plain `--grep` mean
 * exactly what the filter line means. Built as its own file beside the CLI
 * (`scripts/bundle.ts`); the modes at source/'s root name it by URL.
 */
import type {LogRecord} from '../record/log-record.js';
import type {FilterSpec} from '../store/filter/filter-spec.js';
import {type RawValueHolder, rawBatchCheck} from '../store/filter/raw-batch-check.js';
import {rawValueNeedles} from '../store/filter/raw-value-check.js';
import {compileFilter} from '../store/filter/record-filter.js';

/** What crosses to the worker: the filter and when its relative times (`time>-5m`) are read. */
export type RecordTestOptions = {spec: FilterSpec; now: number};

export function recordTest(options: unknown): (record: LogRecord) => boolean {
	const {spec, now} = options as RecordTestOptions;
	return compileFilter(spec, now).test;
}

/**
 * A check on a batch's raw value bytes: entry i is 0 when record i cannot pass the filter
 * (`raw-value-check.ts`, over the whole batch at once: `raw-batch-check.ts`), or undefined.
 */
export function rawBatchRecordCheck(
	options: unknown,
): ((batch: readonly RawValueHolder[]) => Uint8Array) | undefined {
	const {spec, now} = options as RecordTestOptions;
	return rawBatchCheck(rawValueNeedles(spec, now));
}
