/**
 * The filter and search syntax as a table: what each kind of term looks like and means. The
 * README's "Filter syntax" table and the `--grep` help are made from it, and a test parses each
 * example to the kind it claims, so the documentation cannot drift from `record-filter.ts`.
 */

/** One row: an example as typed, the kind of term it is, and what it matches. */
export type FilterSyntaxRow = {
	example: string;
	/** The `FilterTerm` kind of the example; `all` for a line of several terms. */
	kind: 'text' | 'regex' | 'field' | 'all';
	meaning: string;
};

export const FILTER_SYNTAX: readonly FilterSyntaxRow[] = [
	{
		example: 'timeout',
		kind: 'text',
		meaning: 'in message, service or key; a capital letter makes case count',
	},
	{example: '"a phrase"', kind: 'text', meaning: 'the quoted words as one phrase, exactly'},
	{
		example: '/timed?/i',
		kind: 'regex',
		meaning: 'a JavaScript regular expression on message, service or key',
	},
	{example: 'user.id=42', kind: 'field', meaning: "the record's JSON field (a dotted path) equals the value"},
	{
		example: '!health',
		kind: 'text',
		meaning: 'a leading ! excludes what the term matches, for every kind',
	},
	{
		example: 'a !b c',
		kind: 'all',
		meaning: 'terms separated by spaces: a line must match them all',
	},
];
