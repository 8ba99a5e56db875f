import {DECIMAL_NUMBER, hasJsonPath, readJsonNumber, readJsonPath} from '../../record/json-path.js';
import {LEVEL_INPUT_HELP, levelFromUserText, levelRank} from '../../record/level.js';
import {LEVELS, type LogRecord} from '../../record/log-record.js';
import {parseTimePoint} from '../../shared/time-point.js';
import type {CompareOp, FilterTerm} from './filter-term.js';

/**
 * The terms with an operator: `field=a|b`, `has:path|path`, `field>n` (and `>=`, `<`, `<=`),
 * `time>10:42` and `level>=warn`; how they are read and the record tests they compile to.
 *
 * Comparisons, decided once here:
 * - a field compares as a number when its JSON value is a number or a string spelling one in
 *   decimal (`500`, `"500"`, `2.5e3`); any other value (text, `true`, an object) and a missing
 *   field never match, so `!status>=500` keeps them;
 * - `time` is the record's time (the log's own timestamp, else Kafka's), against a point read
 *   by `parseTimePoint` when the filter line is applied (a `-5m` does not slide afterwards);
 * - `level` is the record's level as read from any level field, in the order of `LEVELS`, an
 *   unknown level ranking as info (as the `l` key's minimum level does).
 */

const PATH = '[A-Za-z_@$][\\w@$.-]*';
const PATH_ONLY = new RegExp(`^${PATH}$`);
const HAS_TERM = /^has:(.*)$/s;
const COMPARE_TERM = new RegExp(`^(${PATH})(>=|<=|>|<)(.*)$`, 's');
const FIELD_TERM = new RegExp(`^(${PATH})=(.*)$`, 's');
/**
 * Strings whose JSON text is certainly the same characters: printable ASCII
 * without `"` and `\` (always escaped), `/` (escaped by PHP) and `<>&'`
 * (escaped by Go's HTML-safe encoder).
 */
const JSON_PLAIN = /^[\x20\x21\x23-\x25\x28-\x2e\x30-\x3b\x3d\x3f-\x5b\x5d-\x7e]*$/;
/** Integers every mainstream JSON encoder writes as plain digits. */
const PLAIN_INTEGER = /^-?(0|[1-9]\d{0,14})$/;

/**
 * Read `rest` (the term without its `!`) as a term with an operator, or undefined when it
 * has none. `term` is the term as typed, for the message of an invalid one.
 */
export function parseOperatorTerm(
	rest: string,
	exclude: boolean,
	term: string,
	now: number,
): FilterTerm | undefined {
	const invalid = (error: string): FilterTerm => ({kind: 'invalid', term, error});
	const has = HAS_TERM.exec(rest);
	if (has) {
		const paths = has[1]!.split('|');
		const bad = paths.find((path) => !PATH_ONLY.test(path));
		if (bad === undefined) return {kind: 'has', paths, exclude};
		return invalid(bad === '' ? 'a field path is missing after has:' : `"${bad}" is not a field path`);
	}

	const compare = COMPARE_TERM.exec(rest);
	if (compare) {
		const [, path = '', op = '>', value = ''] = compare;
		const compareOp = op as CompareOp;
		if (value === '') return invalid(`a value is missing after ${op}`);
		if (value.includes('|')) return invalid('a comparison takes one value');
		if (path === 'time') {
			const point = parseTimePoint(value, now);
			return point.ok ? {kind: 'time', op: compareOp, time: point.time, exclude} : invalid(point.error);
		}
		if (path === 'level') {
			const level = levelFromUserText(value);
			if (level) return {kind: 'level', op: compareOp, level, exclude};
			return invalid(`"${value}" is not a level; use ${LEVEL_INPUT_HELP}`);
		}
		if (DECIMAL_NUMBER.test(value))
			return {kind: 'compare', path, op: compareOp, number: Number(value), exclude};
		return invalid(`"${value}" is not a number (quote the term to find it as text)`);
	}

	const field = FIELD_TERM.exec(rest);
	if (field) {
		const [, path = '', value = ''] = field;
		// A quoted value is one value, `|` and all.
		if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
			return {kind: 'field', path, values: [value.slice(1, -1)], exclude};
		}
		return {kind: 'field', path, values: value.split('|'), exclude};
	}
	return undefined;
}

type Test = (record: LogRecord) => boolean;
type OperatorTerm = Extract<FilterTerm, {kind: 'field' | 'has' | 'compare' | 'time' | 'level'}>;

/** The record test of a term with an operator (ignoring `exclude`, which the caller applies). */
export function operatorMatcher(term: OperatorTerm): Test {
	switch (term.kind) {
		case 'field':
			return fieldMatcher(term.path, term.values);
		case 'has':
			return hasMatcher(term.paths);
		case 'compare':
			return numberMatcher(term.path, comparison(term.op, term.number));
		case 'time': {
			const inRange = comparison(term.op, term.time);
			return (record) => inRange(record.time);
		}
		case 'level': {
			const inRange = comparison(term.op, LEVELS.indexOf(term.level));
			return (record) => inRange(levelRank(record.level));
		}
	}
}

/** `x op bound` as a function; NaN (no number) is never in range. */
function comparison(op: CompareOp, bound: number): (value: number) => boolean {
	switch (op) {
		case '>':
			return (value) => value > bound;
		case '>=':
			return (value) => value >= bound;
		case '<':
			return (value) => value < bound;
		case '<=':
			return (value) => value <= bound;
	}
}

/**
 * The key to look for in the raw JSON before reading a path (most records without it are
 * skipped at the cost of an `includes`); empty when the pre-check would not be sound: an
 * array index (`tags.0`) is not written in the text, and a key with characters an encoder
 * may escape might be spelled otherwise.
 */
function keyNeedle(segments: readonly string[]): string {
	const last = segments.at(-1) ?? '';
	return /^\d+$/.test(last) || !JSON_PLAIN.test(last) ? '' : last;
}

/**
 * The value to look for in the raw JSON, or empty. The pre-check assumes what every
 * mainstream encoder does: plain ASCII is written as itself and integers as digits; other
 * numbers can be spelled many ways in JSON (`1e3`, `1000.0`), so they are not looked for.
 */
export function valueNeedle(value: string): string {
	const looksNumeric = value.trim() !== '' && Number.isFinite(Number(value));
	if (looksNumeric && !PLAIN_INTEGER.test(value)) return '';
	return JSON_PLAIN.test(value) ? value : '';
}

/** Whether the record's value is JSON holding the key (when the key can be looked for). */
function jsonWithKey(record: LogRecord, key: string): record is LogRecord & {value: string} {
	const {value} = record;
	return record.json && value !== null && (key === '' || value.includes(key));
}

/**
 * Field equality on the JSON value. The field is read from the JSON text per test
 * (`readJsonPath`, no full parse) and nothing is cached, so memory stays bounded by the
 * buffer; substring pre-checks on the raw JSON skip even that for most records that cannot
 * match. Loops, not closures, in the test: it runs for every buffered record.
 */
function fieldMatcher(path: string, values: readonly string[]): Test {
	const segments = path.split('.');
	const key = keyNeedle(segments);
	const needles = values.map(valueNeedle);
	// Every value must be looked for, else a record holding only an unchecked one is missed.
	const checked = needles.every((needle) => needle !== '') ? needles : [];
	if (values.length === 1) {
		const expected = values[0]!;
		const needle = checked[0] ?? '';
		// The value first: it is usually rarer than the key, so most records stop there.
		return (record) =>
			jsonWithKey(record, needle) &&
			(key === '' || record.value.includes(key)) &&
			readJsonPath(record.value, segments) === expected;
	}
	const wanted = new Set(values);
	return (record) => {
		if (!jsonWithKey(record, key)) return false;
		const {value} = record;
		if (checked.length > 0 && !includesAny(value, checked)) return false;
		const found = readJsonPath(value, segments);
		return found !== undefined && wanted.has(found);
	};
}

function includesAny(text: string, needles: readonly string[]): boolean {
	for (const needle of needles) {
		if (text.includes(needle)) return true;
	}
	return false;
}

function hasMatcher(paths: readonly string[]): Test {
	const tests = paths.map((path) => {
		const segments = path.split('.');
		const key = keyNeedle(segments);
		return (record: LogRecord) => jsonWithKey(record, key) && hasJsonPath(record.value, segments);
	});
	if (tests.length === 1) return tests[0]!;
	return (record) => tests.some((test) => test(record));
}

function numberMatcher(path: string, inRange: (value: number) => boolean): Test {
	const segments = path.split('.');
	const key = keyNeedle(segments);
	return (record) => jsonWithKey(record, key) && inRange(readJsonNumber(record.value, segments));
}
