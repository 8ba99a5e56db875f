/**
 * Reads one field of a JSON text without parsing the whole text: a scanner
 * walks to the dotted path, skipping every other value, and only the value
 * found is decoded. Used by the field filter (`user.id=42`), which has to look
 * at tens of thousands of buffered records when the filter changes: building
 * every record's object with `JSON.parse` was the slowest part of that.
 *
 * Never throws and always terminates: malformed or truncated text simply yields
 * "not found" (or a value found before the damage). With duplicate keys the
 * first one wins (`JSON.parse` would take the last; real log encoders do not
 * write duplicates).
 */

/**
 * The value at `path` in `json` as text for comparing: strings decoded,
 * numbers in JavaScript's spelling (`1000.0` → `1000`), objects and arrays as
 * compact JSON, `true`/`false`/`null` as written. Path segments are object keys
 * or array indexes. When the nested path is missing, a top-level key spelled
 * with the dots (`{"user.id": 1}`) is tried, and a string on the path that
 * holds JSON is read as JSON (`log.level` in `{"log": "{\"level\":…}"}`).
 * Undefined when not found.
 */
export function readJsonPath(json: string, path: readonly string[]): string | undefined {
	const at = locatePath(json, path, 0);
	return at < 0 ? undefined : valueText(locatedIn, at);
}

/**
 * Whether `json` has a value at `path` (read as {@link readJsonPath} reads it; `null` counts),
 * without decoding it: `has:error.stack` on records whose `error` is a large object.
 */
export function hasJsonPath(json: string, path: readonly string[]): boolean {
	const at = locatePath(json, path, 0);
	return at >= 0 && skipValue(locatedIn, at) >= 0;
}

/**
 * The number at `path`: a JSON number, or a string holding a decimal number (`"500"`, as
 * some loggers write status codes); NaN for anything else or nothing. Reads the digits in
 * place, without making the value's text first.
 */
export function readJsonNumber(json: string, path: readonly string[]): number {
	const at = locatePath(json, path, 0);
	if (at < 0) return Number.NaN;
	const text = locatedIn;
	const first = text.charCodeAt(at);
	if (first === QUOTE) {
		const end = skipString(text, at);
		const decoded = end < 0 ? undefined : decodeString(text, at, end);
		return decoded !== undefined && DECIMAL_NUMBER.test(decoded) ? Number(decoded) : Number.NaN;
	}
	if (first === OPEN_BRACE || first === OPEN_BRACKET) return Number.NaN;
	const end = skipValue(text, at);
	// `true`, `null` and a malformed token are NaN to Number; a JSON number is what Number reads.
	return end < 0 ? Number.NaN : Number(text.slice(at, end));
}

/** Decimal numbers as people write them in strings; not `0x1f`, `Infinity` or an empty string. */
export const DECIMAL_NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** JSON text nested in JSON strings followed (a shipper's `log` holding the application's line). */
const MAX_STRING_NESTING = 2;

/** Where the last `findPath` met a string with path segments left: its position and the segment. */
let stringAt = -1;
let stringLevel = 0;

/** The text the last `locatePath` found its value in (`json`, or JSON decoded from a string in it). */
let locatedIn = '';

/** Where the value at `path` starts in `locatedIn`, or -1 (a position, not an object: no garbage per record). */
function locatePath(json: string, path: readonly string[], nesting: number): number {
	const start = skipSpace(json, 0);
	stringAt = -1;
	let found = findPath(json, start, path, 0);
	const metString = stringAt;
	const restLevel = stringLevel;
	if (found < 0 && path.length > 1) {
		found = findPath(json, start, [path.join('.')], 0);
	}

	if (found >= 0) {
		locatedIn = json;
		return found;
	}
	// `log.level` where `log` holds JSON text: look inside the string.
	if (metString < 0 || nesting >= MAX_STRING_NESTING) return -1;
	const end = skipString(json, metString);
	const inner = end < 0 ? undefined : decodeString(json, metString, end);
	if (inner === undefined || inner.charCodeAt(skipSpace(inner, 0)) !== OPEN_BRACE) return -1;
	return locatePath(inner, path.slice(restLevel), nesting + 1);
}

/**
 * Position of the value at `path[depth..]` inside the value starting at `index`, or -1. A key may
 * hold dots itself at any level (OTLP attributes: `{"attributes": {"http.method": …}}`): the
 * segment alone is tried first, then joined with the ones after it.
 */
function findPath(json: string, index: number, path: readonly string[], depth: number): number {
	if (depth >= path.length) return index;
	const segment = path[depth]!;
	const opening = json.charCodeAt(index);
	if (opening === OPEN_BRACE) {
		for (let end = depth + 1; end <= path.length; end++) {
			const position = findKey(json, index, end === depth + 1 ? segment : path.slice(depth, end).join('.'));
			if (position < 0) continue;
			const found = findPath(json, position, path, end);
			if (found >= 0) return found;
		}

		return -1;
	}

	if (opening === OPEN_BRACKET && /^\d+$/.test(segment)) {
		const position = findElement(json, index, Number(segment));
		return position < 0 ? -1 : findPath(json, position, path, depth + 1);
	}

	if (opening === QUOTE) {
		stringAt = index;
		stringLevel = depth;
	}

	return -1;
}

/** Position of the value of `key` in the object at `index`, or -1. */
function findKey(json: string, index: number, key: string): number {
	let position = skipSpace(json, index + 1);
	while (json.charCodeAt(position) === QUOTE) {
		const keyEnd = skipString(json, position);
		if (keyEnd < 0) {
			return -1;
		}

		const matches = keyEquals(json, position, keyEnd, key);
		position = skipSpace(json, keyEnd);
		if (json.charCodeAt(position) !== COLON) {
			return -1;
		}

		position = skipSpace(json, position + 1);
		if (matches) {
			return position;
		}

		position = skipToNext(json, position);
		if (position < 0) {
			return -1;
		}
	}

	return -1;
}

/** Whether the JSON string `json[start, end)` spells `key`; compares in place unless it has escapes. */
function keyEquals(json: string, start: number, end: number, key: string): boolean {
	const rawLength = end - start - 2;
	if (rawLength === key.length && !key.includes('\\')) {
		return json.startsWith(key, start + 1);
	}

	// An escape always makes the JSON spelling longer than the text it stands for.
	if (rawLength < key.length) {
		return false;
	}

	for (let position = start + 1; position < end - 1; position++) {
		if (json.charCodeAt(position) === BACKSLASH) {
			return decodeString(json, start, end) === key;
		}
	}

	return false;
}

/** From a value at `position`, past it and its comma to the next member or element; -1 if none. */
function skipToNext(json: string, position: number): number {
	const end = skipValue(json, position);
	if (end < 0) return -1;
	const comma = skipSpace(json, end);
	return json.charCodeAt(comma) === COMMA ? skipSpace(json, comma + 1) : -1;
}

/** Position of element `wanted` of the array at `index`, or -1. */
function findElement(json: string, index: number, wanted: number): number {
	let position = skipSpace(json, index + 1);
	if (json.charCodeAt(position) === CLOSE_BRACKET) {
		return -1;
	}

	for (let element = 0; element < wanted; element++) {
		position = skipToNext(json, position);
		if (position < 0) {
			return -1;
		}
	}

	return position < json.length ? position : -1;
}

/** Text of the value starting at `index` for comparing as a string, or undefined when malformed. */
function valueText(json: string, index: number): string | undefined {
	const end = skipValue(json, index);
	if (end < 0) {
		return undefined;
	}

	const first = json.charCodeAt(index);
	if (first === QUOTE) {
		return decodeString(json, index, end);
	}

	const raw = json.slice(index, end);
	if (PLAIN_INTEGER.test(raw)) {
		return raw;
	}

	try {
		const value: unknown = JSON.parse(raw);
		return first === OPEN_BRACE || first === OPEN_BRACKET ? JSON.stringify(value) : String(value);
	} catch {
		return undefined;
	}
}

/** Integers whose JavaScript spelling is their JSON spelling. */
const PLAIN_INTEGER = /^(?:0|-?[1-9]\d{0,14})$/;

/** The decoded string whose JSON text is `json[start, end)` (quotes included). */
function decodeString(json: string, start: number, end: number): string | undefined {
	const inner = json.slice(start + 1, end - 1);
	if (!inner.includes('\\')) {
		return inner;
	}

	try {
		return JSON.parse(json.slice(start, end)) as string;
	} catch {
		return undefined;
	}
}

/** End (exclusive) of the value starting at `index`, or -1 when malformed or cut off. */
function skipValue(json: string, index: number): number {
	const first = json.charCodeAt(index);
	if (first === QUOTE) {
		return skipString(json, index);
	}

	if (first === OPEN_BRACE || first === OPEN_BRACKET) {
		return skipContainer(json, index);
	}

	// Number, true, false or null: runs to the next delimiter.
	let position = index;
	while (position < json.length && !isDelimiter(json.charCodeAt(position))) {
		position++;
	}

	return position > index ? position : -1;
}

/** End of the object or array at `index`, skipping strings (which may hold brackets). */
function skipContainer(json: string, index: number): number {
	let depth = 0;
	let position = index;
	while (position < json.length) {
		const code = json.charCodeAt(position);
		if (code === QUOTE) {
			position = skipString(json, position);
			if (position < 0) {
				return -1;
			}

			continue;
		}

		if (code === OPEN_BRACE || code === OPEN_BRACKET) {
			depth++;
		} else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
			depth--;
			if (depth === 0) {
				return position + 1;
			}
		}

		position++;
	}

	return -1;
}

/** End (after the closing quote) of the string at `index`, or -1 when unterminated. */
function skipString(json: string, index: number): number {
	let from = index + 1;
	for (;;) {
		const quote = json.indexOf('"', from);
		if (quote < 0) {
			return -1;
		}

		// The quote ends the string unless an odd number of backslashes escapes it.
		let backslashes = 0;
		while (json.charCodeAt(quote - 1 - backslashes) === BACKSLASH) {
			backslashes++;
		}

		if (backslashes % 2 === 0) {
			return quote + 1;
		}

		from = quote + 1;
	}
}

function skipSpace(json: string, index: number): number {
	let position = index;
	for (;;) {
		const code = json.charCodeAt(position);
		if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) {
			return position;
		}

		position++;
	}
}

function isDelimiter(code: number): boolean {
	return (
		code === COMMA ||
		code === CLOSE_BRACE ||
		code === CLOSE_BRACKET ||
		code === 0x20 ||
		code === 0x0a ||
		code === 0x0d ||
		code === 0x09
	);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
