import {sanitizeForTerminal} from '../record/sanitize.js';
import {recordIdentity} from '../record/shapes/record-identity.js';
import {isMark, type ViewLine} from '../store/log-store-types.js';
import {formatTime} from '../terminal-text/format-time.js';

/**
 * The detail view's content as rows of terminal-safe text: where the record came from,
 * its key and headers, then its value as pretty JSON (or as text). JSON leaf fields carry
 * their dotted path and value so the user can pick one and filter on it (`path=value`).
 */

/** A JSON leaf the user can filter on. */
export type DetailField = {path: string; value: string};

export type DetailRow = {
	text: string;
	kind: 'heading' | 'meta' | 'value';
	field?: DetailField;
};

const INDENT = '  ';

function safe(text: string): string {
	return sanitizeForTerminal(text);
}

/** Longest string tried as JSON inside JSON (a shipper's `log` holding the application's line). */
const MAX_INNER_JSON = 65_536;

/** The object a JSON string holds (`"{\"level\":…}"`), or undefined. */
function innerJson(value: string): Record<string, unknown> | undefined {
	const text = value.trim();
	if (text.length > MAX_INNER_JSON || !text.startsWith('{') || !text.endsWith('}')) return undefined;
	try {
		const parsed: unknown = JSON.parse(text);
		return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
			? (parsed as Record<string, unknown>)
			: undefined;
	} catch {
		return undefined;
	}
}

function jsonRows(
	value: unknown,
	path: string,
	indent: string,
	label: string,
	comma: string,
	rows: DetailRow[],
): void {
	if (value !== null && typeof value === 'object') {
		const isArray = Array.isArray(value);
		const entries: [string, unknown][] = isArray
			? value.map((item, index) => [String(index), item])
			: Object.entries(value as Record<string, unknown>);
		const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
		if (entries.length === 0) {
			rows.push({text: `${indent}${label}${open}${close}${comma}`, kind: 'value'});
			return;
		}
		rows.push({text: `${indent}${label}${open}`, kind: 'value'});
		entries.forEach(([key, item], index) => {
			const childPath = path === '' ? key : `${path}.${key}`;
			const childLabel = isArray ? '' : `${safe(JSON.stringify(key))}: `;
			jsonRows(item, childPath, indent + INDENT, childLabel, index < entries.length - 1 ? ',' : '', rows);
		});
		rows.push({text: `${indent}${close}${comma}`, kind: 'value'});
		return;
	}
	const inner = typeof value === 'string' ? innerJson(value) : undefined;
	if (inner !== undefined) {
		// JSON a shipper wrapped in a string: shown as the object it is, marked as such.
		rows.push({text: `${indent}${label}(JSON in a string)`, kind: 'value'});
		jsonRows(inner, path, indent + INDENT, '', comma, rows);
		return;
	}
	const text = safe(JSON.stringify(value) ?? String(value));
	const fieldValue = typeof value === 'string' ? value : String(value);
	rows.push({text: `${indent}${label}${text}${comma}`, kind: 'value', field: {path, value: fieldValue}});
}

/** Rows describing one view line (a record or a mark). */
export function detailRows(line: ViewLine): DetailRow[] {
	if (isMark(line)) {
		return [
			{text: `mark dropped at ${formatTime(line.time, 'iso')}`, kind: 'heading'},
			{text: line.label === '' ? '(no label)' : safe(line.label), kind: 'meta'},
		];
	}
	const rows: DetailRow[] = [
		{
			text: `${line.service} · ${line.level} · topic ${line.topic} · partition ${line.partition} · offset ${line.offset}${line.logIndex === undefined ? '' : ` · log record ${line.logIndex}`} · ${line.size} bytes`,
			kind: 'heading',
		},
		{
			text:
				line.time === line.kafkaTime
					? `log time   ${formatTime(line.time, 'iso')} (the Kafka time: none in the record)`
					: `log time   ${formatTime(line.time, 'iso')}`,
			kind: 'meta',
		},
		{text: `kafka time ${formatTime(line.kafkaTime, 'iso')}`, kind: 'meta'},
		{text: `key        ${line.key ?? '(none)'}`, kind: 'meta'},
	];
	const headerNames = Object.keys(line.headers);
	if (headerNames.length === 0) rows.push({text: 'headers    (none)', kind: 'meta'});
	for (const [index, name] of headerNames.entries()) {
		rows.push({
			text: `${index === 0 ? 'headers    ' : '           '}${name}: ${line.headers[name]}`,
			kind: 'meta',
		});
	}
	if (line.value === null) {
		rows.push({text: 'value      (tombstone: no value)', kind: 'meta'});
		return rows;
	}
	let parsed: unknown;
	let isJson = false;
	if (line.json) {
		try {
			parsed = JSON.parse(line.value);
			isJson = true;
		} catch {
			// A value shortened for size no longer parses: show it as text below.
		}
	}
	if (isJson && typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
		const identity = recordIdentity(parsed as Record<string, unknown>);
		rows.push({text: `shape      ${identity.shape}`, kind: 'meta'});
		if (identity.traceId) rows.push({text: `trace id   ${identity.traceId}`, kind: 'meta'});
		if (identity.spanId) rows.push({text: `span id    ${identity.spanId}`, kind: 'meta'});
	}
	rows.push({text: isJson ? 'value (JSON)' : 'value', kind: 'heading'});
	if (isJson) {
		jsonRows(parsed, '', '', '', '', rows);
	} else {
		for (const textLine of sanitizeForTerminal(line.value, {singleLine: false}).split('\n')) {
			rows.push({text: textLine, kind: 'value'});
		}
	}
	return rows;
}

/**
 * The filter term that keeps records whose field has this value. The filter text splits on
 * whitespace, so a value with spaces (or quotes) becomes a quoted text term instead.
 */
export function fieldFilterTerm(field: DetailField): string {
	// The term is shown in the footer: it must be terminal-safe like everything drawn.
	const value = sanitizeForTerminal(field.value);
	if (/[\s"]/.test(value) || value === '') {
		return `"${value.replaceAll('"', '').replaceAll(/\s+/g, ' ')}"`;
	}
	// A value with a `|` is quoted, else the bar would read as alternatives.
	return `${sanitizeForTerminal(field.path)}=${value.includes('|') ? `"${value}"` : value}`;
}
