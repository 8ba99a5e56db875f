import type {FilterTerm} from './filter-term.js';

/**
 * The filter and search syntax as a table: what each kind of term looks like and means. The
 * README's "Filter syntax" table, the `?` help and the `--grep` help are made from it, and a
 * test parses each example to the kind it claims and runs it on a record it must match and
 * one it must not, so the documentation cannot drift from `record-filter.ts`.
 */

/** One row: an example as typed, the kind of term it is, and what it matches. */
export type FilterSyntaxRow = {
	example: string;
	/** The `FilterTerm` kind of the example; `all` for a line of several terms. */
	kind: Exclude<FilterTerm['kind'], 'empty' | 'invalid'> | 'all';
	meaning: string;
};

export const FILTER_SYNTAX: readonly FilterSyntaxRow[] = [
	{
		example: 'timeout',
		kind: 'text',
		meaning: 'in message, service, key or value; a capital makes case count',
	},
	{
		example: '4bf92f35',
		kind: 'text',
		meaning: 'in a JSON value too, as grep: {"trace_id":"4bf92f3577b3"}',
	},
	{example: 'trace_id', kind: 'text', meaning: 'in a field name too, as grep: any record with that field'},
	{example: '"a phrase"', kind: 'text', meaning: 'the quoted words as one phrase, exactly (| and > too)'},
	{
		example: '/timed?/i',
		kind: 'regex',
		meaning: 'a JavaScript regular expression, looked for where a word is',
	},
	{example: 'api|auth', kind: 'words', meaning: 'any of the words, each as above'},
	{example: 'user.id=42', kind: 'field', meaning: "the record's JSON field (a dotted path) equals the value"},
	{example: 'app=api|auth', kind: 'field', meaning: 'the field equals one of the values'},
	{
		example: 'has:trace_id',
		kind: 'has',
		meaning: 'the JSON has that field (a dotted path), whatever its value',
	},
	{
		example: 'status>=500',
		kind: 'compare',
		meaning: 'the field as a number (>, >=, <, <=); text never matches',
	},
	{
		example: 'time>10:42',
		kind: 'time',
		meaning: 'record time after 10:42 today (local); also 10:42:05, ISO',
	},
	{example: 'time>-5m', kind: 'time', meaning: 'newer than 5 minutes before the filter was applied'},
	{
		example: 'level>=warn',
		kind: 'level',
		meaning: 'levels in order: trace debug info warn error fatal',
	},
	{
		example: '!health',
		kind: 'text',
		meaning: '! before any term excludes what it matches: health anywhere',
	},
	{
		example: 'a !b c',
		kind: 'all',
		meaning: 'terms separated by spaces: a line must match them all',
	},
];

/** How the terms behave at their edges: the README prints these under the table. */
export const FILTER_NOTES: readonly string[] = [
	'A word, a quoted phrase and a regex are looked for in the message, service and key, then in the record\'s value as it was decoded: the whole JSON text, field names, `level` and all (an OTLP log record: its own row\'s JSON), as grep looks at a whole line. So `error` also finds `"level":"error"` and `!health` hides a record with health anywhere in it. Only a value\'s first 16 KB is kept and searched.',
	'A comparison reads the field as a number when its JSON value is a number or a string holding a decimal number; text, `true`, `null`, an object or a missing field never matches (so `!status>=500` keeps them). A value that is not a number is refused: quote the term to find it as text.',
	"`time` is the record's time (its own timestamp, else Kafka's). `10:42` and `10:42:05` are today in local time, as the time column shows them, at the start of that minute or second; `-5m` counts back from when the filter line was applied (Enter, or each edit while typing) and does not slide afterwards; an ISO time without a zone is local.",
	'`level` takes what `--level` takes and ranks trace < debug < info < warn < error < fatal; a record whose level is unknown counts as info, as with `l`.',
	'`|` separates words, the values of `field=`, and the paths of `has:`; a comparison takes one value. In a regex or a quoted phrase it is a plain character, and `field="a|b"` is one value.',
	'A term that cannot be read is skipped and the footer says which and why; `--grep` refuses it before connecting.',
];
