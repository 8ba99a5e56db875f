/**
 * The module the stream worker loads by URL to filter before packing (`kafka/worker/
 * worker-filter.ts`): the store's own filter compiler, so a hunt and plain `--grep` mean
 * exactly what the filter line means. Built as its own file beside the CLI
 * (`scripts/bundle.ts`); the modes at source/'s root name it by URL.
 */
import type {LogRecord} from '../record/log-record.js';
import type {FilterSpec} from '../store/filter/filter-spec.js';
import {rawValueCheck, rawValueNeedles} from '../store/filter/raw-value-check.js';
import {compileFilter} from '../store/filter/record-filter.js';

/** What crosses to the worker: the filter and when its relative times (`time>-5m`) are read. */
export type RecordTestOptions = {spec: FilterSpec; now: number};

export function recordTest(options: unknown): (record: LogRecord) => boolean {
	const {spec, now} = options as RecordTestOptions;
	return compileFilter(spec, now).test;
}

/** A check on raw value bytes that the filter can pass only when true (`raw-value-check.ts`), or undefined. */
export function rawRecordCheck(options: unknown): ((value: Buffer | null) => boolean) | undefined {
	const {spec, now} = options as RecordTestOptions;
	return rawValueCheck(rawValueNeedles(spec, now));
}
