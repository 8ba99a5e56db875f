import type {KnownLevel} from '../../record/log-record.js';

/**
 * One filter or search term, as understood from what the user typed (the syntax, with an
 * example of each kind, is the table in `filter-syntax.ts`). Every kind but `empty` and
 * `invalid` can be negated with a leading `!` (`exclude`).
 */
export type FilterTerm =
	| {kind: 'empty'}
	/** Substring of message, service, key or value; smart case (a capital letter makes case count). */
	| {kind: 'text'; text: string; caseSensitive: boolean; exclude: boolean}
	/** `api|auth`: any of the words, each as a `text` term. */
	| {kind: 'words'; words: readonly string[]; exclude: boolean}
	| {kind: 'regex'; regex: RegExp; exclude: boolean}
	/** `user.id=42`, `service=api|auth`: the JSON field at the dotted path equals one of the values. */
	| {kind: 'field'; path: string; values: readonly string[]; exclude: boolean}
	/** `has:error.stack`, `has:a|b`: the JSON value has a field at one of the paths. */
	| {kind: 'has'; paths: readonly string[]; exclude: boolean}
	/** `status>=500`: the JSON field, read as a number, compares so with the number. */
	| {kind: 'compare'; path: string; op: CompareOp; number: number; exclude: boolean}
	/** `time>10:42`: the record's time compares so with a point in time (ms since the epoch). */
	| {kind: 'time'; op: CompareOp; time: number; exclude: boolean}
	/** `level>=warn`: the record's level, in the order of `LEVELS` (unknown ranks as info). */
	| {kind: 'level'; op: CompareOp; level: KnownLevel; exclude: boolean}
	| {kind: 'invalid'; term: string; error: string};

export type CompareOp = '>' | '>=' | '<' | '<=';

/** The kinds of term that test records. */
export type MatchableTerm = Exclude<FilterTerm, {kind: 'empty'} | {kind: 'invalid'}>;
