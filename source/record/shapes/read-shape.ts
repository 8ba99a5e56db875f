import type {Level} from '../log-record.js';
import {compilePath, type FieldPath, type FieldReader} from './field-path.js';
import {renderTemplate} from './message-template.js';
import type {RecordShape, ShapeField} from './record-shape.js';
import {GENERIC_SHAPE, RECORD_SHAPES} from './record-shapes.js';

/**
 * The record-shape table (`record-shapes.ts`) compiled into a reader: which row a parsed JSON
 * object is, and the raw values of its service, level, time, message (and, when asked, trace and
 * span ids), unwrapping the application's JSON out of a shipper's envelope. The values stay raw
 * (a level may be `50` or `"Warning"`): `parse-record.ts` turns them into a `LogRecord`.
 *
 * Cheap on the hot path: a row is found by looking up each top-level key of the record in an
 * index of the rows' first match keys (most records have a handful of keys and match no row),
 * and only the fields the row lists are read.
 */

/** Field names the user adds in the config file (`"fields": {"service": ["app"]}`), tried first. */
export type ShapeFieldSettings = Partial<Record<ShapeField, readonly string[]>>;

/** What one record says, raw; one object reused for every record (reading is synchronous). */
export type ShapeReading = {
	/** The row that matched the record (the outermost, for an envelope). */
	shape: RecordShape;
	/** The row of the application's record found inside an envelope, if any. */
	inner: RecordShape | undefined;
	message: unknown;
	level: unknown;
	service: unknown;
	host: unknown;
	time: unknown;
	traceId: unknown;
	spanId: unknown;
	/** The innermost object read: what the message shows, as compact JSON, when there is none. */
	whole: Record<string, unknown>;
};

type CompiledShape = {
	shape: RecordShape;
	index: number;
	match: FieldReader[][];
	service: FieldReader[];
	level: FieldReader[];
	time: FieldReader[];
	message: FieldReader[];
	traceId: FieldReader[];
	spanId: FieldReader[];
	host: FieldReader[];
	unwrap: FieldReader[];
	templateFrom: FieldReader[];
	templateValues: FieldReader[];
	defaultLevel: Level | undefined;
	/** Envelopes unwrap objects as well as JSON text; the generic row only JSON text. */
	unwrapObjects: boolean;
};

type UserReaders = Record<ShapeField, FieldReader[]>;

/** Deepest envelope nesting read (Kafka Connect around Fluent Bit around the application). */
const MAX_DEPTH = 3;
/** Longest message template rendered: the message is cut far shorter anyway. */
const MAX_TEMPLATE_LENGTH = 16_384;

const NONE: FieldReader[] = [];
const compileAll = (paths: readonly (string | readonly string[])[] | undefined) =>
	paths === undefined ? NONE : paths.map(compilePath);

function compileShape(shape: RecordShape, index: number): CompiledShape {
	return {
		shape,
		index,
		match: (shape.match ?? []).map((set) => set.map(compilePath)),
		service: compileAll(shape.service),
		level: compileAll(shape.level),
		time: compileAll(shape.time),
		message: compileAll(shape.message),
		traceId: compileAll(shape.traceId),
		spanId: compileAll(shape.spanId),
		host: compileAll(shape.host),
		unwrap: compileAll(shape.unwrap),
		templateFrom: compileAll(shape.messageTemplate?.from),
		templateValues: compileAll(shape.messageTemplate?.values),
		defaultLevel: shape.defaultLevel,
		unwrapObjects: shape.match !== undefined,
	};
}

/** The top-level key a match set is looked up by: its first path's first key. */
function indexKey(path: string | readonly string[]): string {
	return typeof path === 'string' ? path.split('.')[0]! : path[0]!;
}

/** A key's slot in the sieve of index keys: its length (mod 64) and first character (mod 128). */
function sieveSlot(key: string): number {
	return ((key.length & 63) << 7) | (key.charCodeAt(0) & 127);
}

function present(value: unknown): boolean {
	return value !== undefined && value !== null;
}

function matches(compiled: CompiledShape, object: Record<string, unknown>): boolean {
	for (const set of compiled.match) {
		if (set.every((reader) => present(reader(object)))) return true;
	}

	return false;
}

/** A value that can name a service: text, a number, or an object with a `name` (ECS `service`). */
function isServiceValue(value: unknown): boolean {
	if (typeof value === 'string') return value.length > 0;
	if (typeof value === 'number' || typeof value === 'boolean') return true;
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
		const name = (value as Record<string, unknown>).name;
		return typeof name === 'string' ? name.length > 0 : typeof name === 'number';
	}

	return false;
}

function first(readers: FieldReader[], object: Record<string, unknown>): unknown {
	for (const reader of readers) {
		const value = reader(object);
		if (value !== undefined && value !== null) return value;
	}

	return undefined;
}

function firstService(readers: FieldReader[], object: Record<string, unknown>): unknown {
	for (const reader of readers) {
		const value = reader(object);
		if (isServiceValue(value)) return value;
	}

	return undefined;
}

/** The message: the first path may hold an object (shown as compact JSON), later ones only text. */
function firstMessage(readers: FieldReader[], object: Record<string, unknown>, objectsFrom: number): unknown {
	for (let index = 0; index < readers.length; index++) {
		const value = readers[index]!(object);
		if (value === undefined || value === null) continue;
		if (typeof value === 'object' && index > objectsFrom) continue;
		return value;
	}

	return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether text starts like a JSON object (`{` after spaces). */
function startsLikeJsonObject(text: string): boolean {
	const first = text.charCodeAt(0);
	if (first > 0x20) return first === 0x7b;
	let start = 0;
	while (start < text.length && text.charCodeAt(start) <= 0x20) start++;
	return text.charCodeAt(start) === 0x7b;
}

/** JSON text of an object (`{…}`, spaces and a line break around it allowed), parsed; else undefined. */
function parseJsonObjectText(text: string): Record<string, unknown> | undefined {
	let start = 0;
	while (start < text.length && text.charCodeAt(start) <= 0x20) start++;
	if (text.charCodeAt(start) !== 0x7b) return undefined;
	let end = text.length - 1;
	while (end > start && text.charCodeAt(end) <= 0x20) end--;
	if (text.charCodeAt(end) !== 0x7d) return undefined;
	try {
		const parsed: unknown = JSON.parse(text);
		return isPlainObject(parsed) ? parsed : undefined;
	} catch {
		return undefined;
	}
}

export type ShapeReader = {
	/** Fill `reading` from a parsed JSON object; ids only when `withIds` (the hot path needs none). */
	read(object: Record<string, unknown>, reading: ShapeReading, withIds: boolean): void;
	/** The row a parsed JSON object matches (the generic row when none does). */
	shapeOf(object: Record<string, unknown>): RecordShape;
	/**
	 * Every top-level key `read` may look at in an object whose values are all strings, numbers,
	 * booleans or null: an object of only these keys (with their values) reads the same.
	 */
	flatKeys: ReadonlySet<string>;
};

/** The top-level keys a path reads in a flat object: the path as one key, and its first key. */
function topLevelKeys(path: FieldPath, into: Set<string>): void {
	if (typeof path !== 'string') {
		into.add(path[0]!);
		return;
	}
	const plus = path.indexOf('+');
	if (plus > 0) {
		topLevelKeys(path.slice(0, plus), into);
		topLevelKeys(path.slice(plus + 1), into);
		return;
	}
	into.add(path);
	into.add(path.split('.')[0]!);
}

/** The keys of every path of the table and of the user's fields (see `ShapeReader.flatKeys`). */
function readableKeys(fields: ShapeFieldSettings): Set<string> {
	const keys = new Set<string>();
	const lists: Array<readonly FieldPath[] | undefined> = Object.values(fields);
	for (const shape of RECORD_SHAPES) {
		lists.push(shape.service, shape.level, shape.time, shape.message, shape.traceId, shape.spanId);
		lists.push(shape.host, shape.unwrap, shape.messageTemplate?.from, shape.messageTemplate?.values);
		lists.push(...(shape.match ?? []));
	}
	for (const list of lists) for (const path of list ?? []) topLevelKeys(path, keys);
	return keys;
}

/** A new, empty reading to pass to `read`. */
export function emptyReading(): ShapeReading {
	return {
		shape: GENERIC_SHAPE,
		inner: undefined,
		message: undefined,
		level: undefined,
		service: undefined,
		host: undefined,
		time: undefined,
		traceId: undefined,
		spanId: undefined,
		whole: {},
	};
}

/** Compile the table, with the user's field names tried before the table's. */
export function createShapeReader(fields: ShapeFieldSettings = {}): ShapeReader {
	const compiled = RECORD_SHAPES.map(compileShape);
	const generic = compiled.at(-1)!;
	// A Map: a record's keys come from JSON.parse, internalised with their hash computed, so a
	// lookup per key is cheap (a null-prototype object as the index cost five times as much).
	const index = new Map<string, CompiledShape[]>();
	// A sieve before the Map: the length and first character of every key in it. Most keys of
	// most records (message, level, service, time) fail it, at the cost of two reads each.
	const sieve = new Uint8Array(64 * 128);
	for (const row of compiled) {
		for (const set of row.shape.match ?? []) {
			const key = indexKey(set[0]!);
			const rows = index.get(key) ?? [];
			index.set(key, rows);
			if (!rows.includes(row)) rows.push(row);
			sieve[sieveSlot(key)] = 1;
		}
	}

	const user: UserReaders = {
		service: compileAll(fields.service),
		level: compileAll(fields.level),
		time: compileAll(fields.time),
		message: compileAll(fields.message),
		traceId: compileAll(fields.traceId),
		spanId: compileAll(fields.spanId),
	};
	const hasUserFields = Object.values(user).some((readers) => readers.length > 0);

	const find = (object: Record<string, unknown>): CompiledShape => {
		let best: CompiledShape | undefined;
		for (const key in object) {
			if (sieve[sieveSlot(key)] === 0) continue;
			const rows = index.get(key);
			if (rows === undefined) continue;
			for (const row of rows) {
				if ((best === undefined || row.index < best.index) && matches(row, object)) best = row;
			}
		}

		return best ?? generic;
	};

	/** The application's record inside an envelope, or undefined. */
	const unwrapped = (
		row: CompiledShape,
		object: Record<string, unknown>,
	): Record<string, unknown> | undefined => {
		for (const reader of row.unwrap) {
			const value = reader(object);
			if (typeof value === 'string') {
				const inner = parseJsonObjectText(value);
				if (inner) return inner;
			} else if (row.unwrapObjects && isPlainObject(value)) {
				return value;
			}
		}

		return undefined;
	};

	const messageOf = (row: CompiledShape, object: Record<string, unknown>): unknown => {
		const message = firstMessage(row.message, object, 0);
		if (message !== undefined || row.templateFrom.length === 0) return message;
		const template = first(row.templateFrom, object);
		if (typeof template !== 'string') return template;
		const values = row.templateValues.map((reader) => reader(object) ?? object);
		return renderTemplate(template.slice(0, MAX_TEMPLATE_LENGTH), values);
	};

	/** Fill what is still missing from one object and its row (an envelope after its content). */
	const fill = (
		row: CompiledShape,
		object: Record<string, unknown>,
		reading: ShapeReading,
		withIds: boolean,
		withMessage = true,
	): void => {
		if (withMessage) reading.message ??= messageOf(row, object);
		reading.level ??= first(row.level, object);
		reading.service ??= firstService(row.service, object);
		reading.time ??= first(row.time, object);
		if (reading.service === undefined) reading.host ??= firstService(row.host, object);
		if (withIds) {
			reading.traceId ??= first(row.traceId, object);
			reading.spanId ??= first(row.spanId, object);
		}
	};

	const fillUser = (object: Record<string, unknown>, reading: ShapeReading, withIds: boolean): void => {
		reading.message ??= firstMessage(user.message, object, user.message.length);
		reading.level ??= first(user.level, object);
		reading.service ??= firstService(user.service, object);
		reading.time ??= first(user.time, object);
		if (withIds) {
			reading.traceId ??= first(user.traceId, object);
			reading.spanId ??= first(user.spanId, object);
		}
	};

	const clear = (reading: ShapeReading): void => {
		reading.message = undefined;
		reading.level = undefined;
		reading.service = undefined;
		reading.host = undefined;
		reading.time = undefined;
		reading.traceId = undefined;
		reading.spanId = undefined;
		reading.inner = undefined;
	};

	/** Read one object that holds no application record of its own. */
	const readFlat = (
		row: CompiledShape,
		object: Record<string, unknown>,
		reading: ShapeReading,
		withIds: boolean,
	): void => {
		if (hasUserFields) fillUser(object, reading, withIds);
		fill(row, object, reading, withIds);
		reading.whole = object;
		reading.level ??= row.defaultLevel;
	};

	const read = (object: Record<string, unknown>, reading: ShapeReading, withIds: boolean): void => {
		clear(reading);
		const row = find(object);
		reading.shape = row.shape;
		if (row.unwrap.length === 0) {
			readFlat(row, object, reading, withIds);
			return;
		}

		// The generic row unwraps only a message that is JSON text: the common record (a message
		// that is not) is read once, without looking for an envelope.
		if (!row.unwrapObjects) {
			readFlat(row, object, reading, withIds);
			if (typeof reading.message !== 'string' || !startsLikeJsonObject(reading.message)) return;
			clear(reading);
		}

		// The chain of objects: the record, then the application's record in each envelope.
		const objects = [object];
		const rows = [row];
		for (let depth = 1; depth < MAX_DEPTH; depth++) {
			const inner = unwrapped(rows.at(-1)!, objects.at(-1)!);
			if (inner === undefined) break;
			objects.push(inner);
			rows.push(find(inner));
			if (rows.at(-1)!.unwrap.length === 0) break;
		}

		if (objects.length === 1) {
			readFlat(row, object, reading, withIds);
			return;
		}

		reading.inner = rows.at(-1)!.shape;
		if (hasUserFields) for (const each of objects) fillUser(each, reading, withIds);
		const last = objects.length - 1;
		// Innermost first; an envelope's message is the text the application's record came from.
		fill(rows[last]!, objects[last]!, reading, withIds);
		reading.level ??= rows[last]!.defaultLevel;
		for (let at = last - 1; at >= 0; at--) fill(rows[at]!, objects[at]!, reading, withIds, false);
		reading.whole = objects[last]!;
	};

	return {read, shapeOf: (object) => find(object).shape, flatKeys: readableKeys(fields)};
}
