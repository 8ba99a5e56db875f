import {levelRank} from '../../record/level.js';
import {LEVELS, type LogRecord} from '../../record/log-record.js';
import {errorMessage} from '../../shared/error-message.js';
import {operatorMatcher, parseOperatorTerm} from './filter-field-terms.js';
import type {FilterSpec} from './filter-spec.js';
import type {FilterTerm, MatchableTerm} from './filter-term.js';

export type {FilterTerm} from './filter-term.js';

/** A record predicate compiled from a `FilterSpec` or a single term. */
export type CompiledFilter = {
	test(record: LogRecord): boolean;
	/** Why a term was ignored (a regex that did not compile), else undefined. */
	error: string | undefined;
	/** True when the filter lets every record through (nothing to test). */
	matchesAll: boolean;
};

/** The filter that shows everything. */
export const EMPTY_FILTER: FilterSpec = Object.freeze({
	services: Object.freeze({mode: 'exclude' as const, services: new Set<string>()}),
	minLevel: undefined,
	terms: Object.freeze([]) as readonly string[],
});

const REGEX_TERM = /^\/(.*)\/([a-z]*)$/s;

/**
 * Understand one term as typed (the kinds: `filter-term.ts`; the syntax: `filter-syntax.ts`).
 * Never throws: a bad regex, number, time or level comes back as `invalid`, with why. `now`
 * is when relative times (`time>10:42`, `time>-5m`) are read against.
 */
export function parseFilterTerm(term: string, now: number = Date.now()): FilterTerm {
	let rest = term.trim();
	const exclude = rest.startsWith('!');
	if (exclude) {
		rest = rest.slice(1);
	}

	if (rest.length === 0) {
		return {kind: 'empty'};
	}

	if (rest.length >= 2 && rest.startsWith('"') && rest.endsWith('"')) {
		return textTerm(rest.slice(1, -1), exclude);
	}

	const regexMatch = REGEX_TERM.exec(rest);
	if (regexMatch && rest.length >= 2) {
		// `g` and `y` make `test` stateful (lastIndex), which would skip matches.
		const flags = (regexMatch[2] ?? '').replaceAll(/[gy]/g, '');
		try {
			return {kind: 'regex', regex: new RegExp(regexMatch[1] ?? '', flags), exclude};
		} catch (error) {
			return {kind: 'invalid', term, error: errorMessage(error)};
		}
	}

	const operatorTerm = parseOperatorTerm(rest, exclude, term, now);
	if (operatorTerm) return operatorTerm;

	if (rest.includes('|')) {
		const words = rest.split('|');
		if (words.includes(''))
			return {kind: 'invalid', term, error: 'an alternative is empty (quote a | to find it)'};
		return {kind: 'words', words, exclude};
	}

	return textTerm(rest, exclude);
}

function textTerm(text: string, exclude: boolean): FilterTerm {
	if (text.length === 0) {
		return {kind: 'empty'};
	}

	return {kind: 'text', text, caseSensitive: text !== text.toLowerCase(), exclude};
}

/** Compile one term (for search: `n`/`N` and the match count). Exclusions match what they exclude. */
export function compileTerm(term: string, now: number = Date.now()): CompiledFilter {
	const parsed = parseFilterTerm(term, now);
	if (parsed.kind === 'empty' || parsed.kind === 'invalid') {
		return {
			test: () => parsed.kind === 'empty',
			error: parsed.kind === 'invalid' ? parsed.error : undefined,
			matchesAll: parsed.kind === 'empty',
		};
	}

	return {test: termPredicate({...parsed, exclude: false}), error: undefined, matchesAll: false};
}

/**
 * Compile a whole `FilterSpec` into one predicate: service, level and every
 * term must agree (AND). Terms that do not compile are skipped and reported (the first).
 * `now` is when relative times are read: once per filter line, when it is applied.
 */
export function compileFilter(spec: FilterSpec, now: number = Date.now()): CompiledFilter {
	const predicates: Array<(record: LogRecord) => boolean> = [];
	let error: string | undefined;

	const {mode, services} = spec.services;
	if (mode === 'include') {
		predicates.push((record) => services.has(record.service));
	} else if (services.size > 0) {
		predicates.push((record) => !services.has(record.service));
	}

	if (spec.minLevel !== undefined && spec.minLevel !== LEVELS[0]) {
		const minRank = LEVELS.indexOf(spec.minLevel);
		predicates.push((record) => levelRank(record.level) >= minRank);
	}

	for (const term of spec.terms) {
		const parsed = parseFilterTerm(term, now);
		if (parsed.kind === 'invalid') {
			error ??= `${parsed.term}: ${parsed.error}`;
		} else if (parsed.kind !== 'empty') {
			predicates.push(termPredicate(parsed));
		}
	}

	return {test: allOf(predicates), error, matchesAll: predicates.length === 0};
}

/** Rank of a level for the minimum-level filter; `unknown` ranks as info. */
export {levelRank} from '../../record/level.js';

function allOf(predicates: Array<(record: LogRecord) => boolean>): (record: LogRecord) => boolean {
	if (predicates.length === 0) {
		return () => true;
	}

	if (predicates.length === 1) {
		return predicates[0]!;
	}

	return (record) => {
		for (const predicate of predicates) {
			if (!predicate(record)) {
				return false;
			}
		}

		return true;
	};
}

function termPredicate(term: MatchableTerm): (record: LogRecord) => boolean {
	const matches = termMatcher(term);
	return term.exclude ? (record) => !matches(record) : matches;
}

function termMatcher(term: MatchableTerm): (record: LogRecord) => boolean {
	switch (term.kind) {
		case 'text': {
			if (term.caseSensitive) {
				const {text} = term;
				return (record) =>
					record.message.includes(text) ||
					record.service.includes(text) ||
					record.key?.includes(text) === true ||
					record.value?.includes(text) === true;
			}

			// A case-insensitive regex of the escaped text: measured faster than
			// lower-casing every message, and it allocates nothing per record.
			return regexMatcher(new RegExp(escapeRegex(term.text), 'i'));
		}

		case 'regex': {
			return regexMatcher(term.regex);
		}

		case 'words':
			return wordsMatcher(term.words);

		default:
			return operatorMatcher(term);
	}
}

/**
 * Where a word, phrase or regex is looked for: anywhere in the line, as grep does. The short
 * fields first: they usually decide a match, and the value (which mostly holds them again) is
 * scanned only when they miss.
 */
function regexMatcher(regex: RegExp): (record: LogRecord) => boolean {
	return (record) =>
		regex.test(record.message) ||
		regex.test(record.service) ||
		(record.key !== null && regex.test(record.key)) ||
		(record.value !== null && regex.test(record.value));
}

/**
 * Any of the words (`api|auth`), each in smart case: the case-insensitive ones as one regex,
 * the case-sensitive ones as another, so a record is scanned at most twice.
 */
function wordsMatcher(words: readonly string[]): (record: LogRecord) => boolean {
	const regexes = [wordsRegex(words, false), wordsRegex(words, true)].filter(
		(regex): regex is RegExp => regex !== undefined,
	);
	const [first, second] = regexes.map(regexMatcher);
	return second ? (record) => first!(record) || second(record) : first!;
}

/** One regex of the words of one case rule, or undefined when there are none. */
function wordsRegex(words: readonly string[], caseSensitive: boolean, flags = ''): RegExp | undefined {
	const chosen = words.filter((word) => (word !== word.toLowerCase()) === caseSensitive);
	if (chosen.length === 0) return undefined;
	return new RegExp(chosen.map(escapeRegex).join('|'), caseSensitive ? flags : `${flags}i`);
}

function escapeRegex(text: string): string {
	return text.replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Where a term matches inside `text`, as `[start, end)` ranges, for highlighting
 * search matches. Only text and regex terms that include (not `!`) highlight.
 */
export function findMatchRanges(text: string, term: FilterTerm): Array<[number, number]> {
	if (term.kind === 'words' && !term.exclude) {
		const regexes = [wordsRegex(term.words, false, 'g'), wordsRegex(term.words, true, 'g')];
		const ranges = regexes.flatMap((regex) => (regex ? rangesOf(text, regex) : []));
		return mergeRanges(ranges.sort((left, right) => left[0] - right[0]));
	}

	if ((term.kind !== 'text' && term.kind !== 'regex') || term.exclude) {
		return [];
	}

	const regex =
		term.kind === 'text'
			? new RegExp(escapeRegex(term.text), term.caseSensitive ? 'g' : 'gi')
			: new RegExp(term.regex.source, `${term.regex.flags}g`);
	return rangesOf(text, regex);
}

/** Sorted ranges with the overlapping ones joined (two regexes may match the same text). */
function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
	const merged: Array<[number, number]> = [];
	for (const range of ranges) {
		const last = merged.at(-1);
		if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
		else merged.push([range[0], range[1]]);
	}
	return merged;
}

function rangesOf(text: string, regex: RegExp): Array<[number, number]> {
	const ranges: Array<[number, number]> = [];
	for (const match of text.matchAll(regex)) {
		if (match[0].length === 0) {
			// An empty match highlights nothing (and matchAll steps past it itself).
			continue;
		}

		ranges.push([match.index, match.index + match[0].length]);
	}

	return ranges;
}

/** Short text of the active filters for the footer; empty when nothing is filtered. */
export function describeFilter(spec: FilterSpec): string {
	const parts: string[] = [];
	const names = [...spec.services.services].sort();
	const shown = names.slice(0, 3).join(',') + (names.length > 3 ? ` +${names.length - 3}` : '');
	if (spec.services.mode === 'include') {
		parts.push(names.length === 0 ? 'only (none)' : `only ${shown}`);
	} else if (names.length > 0) {
		parts.push(`hide ${shown}`);
	}

	if (spec.minLevel !== undefined && spec.minLevel !== LEVELS[0]) {
		parts.push(`level>=${spec.minLevel}`);
	}

	for (const term of spec.terms) {
		if (parseFilterTerm(term).kind !== 'empty') {
			parts.push(term.trim());
		}
	}

	return parts.join(' | ');
}

/** True when `spec` shows every record. */
export function isEmptyFilter(spec: FilterSpec): boolean {
	return compileFilter(spec).matchesAll;
}
