import {readJsonPath} from '../../record/json-path.js';
import {LEVELS, type Level, type LogRecord} from '../../record/log-record.js';
import {errorMessage} from '../../shared/error-message.js';
import type {FilterSpec} from './filter-spec.js';

/**
 * One filter or search term, as understood from what the user typed:
 *
 * - `text`: substring of message, service or key; case-insensitive unless it
 *   has a capital letter (smart case). `"quoted"` is always literal text.
 * - `/regex/flags`: JavaScript regex on message, service or key.
 * - `field=value`: the JSON value's field at a dotted path (`user.id=42`)
 *   equals `value`, compared as strings.
 * - a leading `!` turns any of them into an exclusion.
 */
export type FilterTerm =
	| {kind: 'empty'}
	| {kind: 'text'; text: string; caseSensitive: boolean; exclude: boolean}
	| {kind: 'regex'; regex: RegExp; exclude: boolean}
	| {kind: 'field'; path: string; value: string; exclude: boolean}
	| {kind: 'invalid'; term: string; error: string};

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
const FIELD_TERM = /^([A-Za-z_@$][\w@$.-]*)=(.*)$/s;
/**
 * Strings whose JSON text is certainly the same characters: printable ASCII
 * without `"` and `\` (always escaped), `/` (escaped by PHP) and `<>&'`
 * (escaped by Go's HTML-safe encoder).
 */
const JSON_PLAIN = /^[\x20\x21\x23-\x25\x28-\x2e\x30-\x3b\x3d\x3f-\x5b\x5d-\x7e]*$/;
/** Integers every mainstream JSON encoder writes as plain digits. */
const PLAIN_INTEGER = /^-?(0|[1-9]\d{0,14})$/;

/** Understand one term as typed. Never throws: a bad regex comes back as `invalid`. */
export function parseFilterTerm(term: string): FilterTerm {
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

	const fieldMatch = FIELD_TERM.exec(rest);
	if (fieldMatch) {
		return {kind: 'field', path: fieldMatch[1] ?? '', value: fieldMatch[2] ?? '', exclude};
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
export function compileTerm(term: string): CompiledFilter {
	const parsed = parseFilterTerm(term);
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
 * term must agree (AND). Terms that do not compile are skipped and reported.
 */
export function compileFilter(spec: FilterSpec): CompiledFilter {
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
		const parsed = parseFilterTerm(term);
		if (parsed.kind === 'invalid') {
			error ??= `${parsed.term}: ${parsed.error}`;
		} else if (parsed.kind !== 'empty') {
			predicates.push(termPredicate(parsed));
		}
	}

	return {test: allOf(predicates), error, matchesAll: predicates.length === 0};
}

const INFO_RANK = LEVELS.indexOf('info');

/** Rank of a level for the minimum-level filter; `unknown` ranks as info. */
export function levelRank(level: Level): number {
	return level === 'unknown' ? INFO_RANK : LEVELS.indexOf(level);
}

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

type MatchableTerm = Exclude<FilterTerm, {kind: 'empty'} | {kind: 'invalid'}>;

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
					record.key?.includes(text) === true;
			}

			// A case-insensitive regex of the escaped text: measured faster than
			// lower-casing every message, and it allocates nothing per record.
			return regexMatcher(new RegExp(escapeRegex(term.text), 'i'));
		}

		case 'regex': {
			return regexMatcher(term.regex);
		}

		case 'field': {
			return fieldMatcher(term.path, term.value);
		}
	}
}

function regexMatcher(regex: RegExp): (record: LogRecord) => boolean {
	return (record) =>
		regex.test(record.message) ||
		regex.test(record.service) ||
		(record.key !== null && regex.test(record.key));
}

/**
 * Field equality on the JSON value. The field is read from the JSON text per
 * test (`readJsonPath`, no full parse) and nothing is cached, so memory stays
 * bounded by the buffer; a substring pre-check on the raw JSON skips even that
 * for most records that cannot match. The pre-check
 * assumes what every mainstream encoder does: plain ASCII letters and digits
 * are written as themselves and integers as digits (a hand-written `1e3` for
 * `1000` is missed).
 */
function fieldMatcher(path: string, expected: string): (record: LogRecord) => boolean {
	const segments = path.split('.');
	const lastKey = segments.at(-1) ?? path;
	// The pre-check is only sound when neither string can appear escaped in the JSON text.
	// Numbers can be spelled many ways in JSON (`1e3`, `1000.0`); only plain integers are safe.
	const looksNumeric = expected.trim() !== '' && Number.isFinite(Number(expected));
	const valueNeedle = looksNumeric && !PLAIN_INTEGER.test(expected) ? '' : expected;
	// An array index (`tags.0`) is not written in the JSON text.
	const keyNeedle = /^\d+$/.test(lastKey) ? '' : lastKey;
	const needles = [valueNeedle, keyNeedle].filter((needle) => needle.length > 0 && JSON_PLAIN.test(needle));
	return (record) => {
		const {value} = record;
		if (!record.json || value === null) {
			return false;
		}

		for (const needle of needles) {
			if (!value.includes(needle)) {
				return false;
			}
		}

		return readJsonPath(value, segments) === expected;
	};
}

function escapeRegex(text: string): string {
	return text.replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Where a term matches inside `text`, as `[start, end)` ranges, for highlighting
 * search matches. Only text and regex terms that include (not `!`) highlight.
 */
export function findMatchRanges(text: string, term: FilterTerm): Array<[number, number]> {
	if ((term.kind !== 'text' && term.kind !== 'regex') || term.exclude) {
		return [];
	}

	const regex =
		term.kind === 'text'
			? new RegExp(escapeRegex(term.text), term.caseSensitive ? 'g' : 'gi')
			: new RegExp(term.regex.source, `${term.regex.flags}g`);
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
