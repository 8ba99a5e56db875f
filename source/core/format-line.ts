import {Chalk, type ChalkInstance, type ColorSupportLevel} from 'chalk';
import {formatTime, type TimeMode} from './format-time.js';
import type {Level, LogRecord} from './log-record.js';
import {levelColour, type ServiceColourOverrides, serviceColour} from './service-colour.js';
import {truncateToWidth} from './truncate-to-width.js';

/**
 * One record → one line of plain output (`--plain`) or one line of JSON
 * (`--output json`). Record strings are already terminal-safe; the only escape
 * sequences these lines hold are the colours added here.
 */

/** Options for {@link formatPlainLine}. */
export type PlainLineOptions = {
	/** Colour the service and level. The caller decides (TTY, `NO_COLOR`, `FORCE_COLOR`). */
	colour: boolean;
	/** Cells for the service column (cut or padded). Default 12. */
	serviceWidth?: number;
	/** How the time shows. Default `local` (`HH:MM:SS.mmm`). */
	time?: TimeMode;
	/** Service colours chosen by the user: `#rrggbb` or a chalk colour name (`cyan`, `redBright`). */
	serviceColours?: ServiceColourOverrides;
	/**
	 * Cells for a topic column before the service (cut or padded); 0 or absent: no topic
	 * column. Plain output sets it when several topics are read.
	 */
	topicWidth?: number;
	/**
	 * Colour depth when `colour` is on: 1 (16 colours), 2 (256), 3 (truecolor).
	 * Default: what chalk detected for stdout, at least 1.
	 */
	colourLevel?: 1 | 2 | 3;
};

/** Level labels, all five cells wide so messages line up. */
export const LEVEL_LABELS: Readonly<Record<Level, string>> = {
	trace: 'TRACE',
	debug: 'DEBUG',
	info: 'INFO ',
	warn: 'WARN ',
	error: 'ERROR',
	fatal: 'FATAL',
	unknown: '-    ',
};

const DEFAULT_SERVICE_WIDTH = 12;

const chalks = new Map<number, ChalkInstance>();
let detectedLevel: ColorSupportLevel | undefined;

/** A chalk that colours at `level` whatever stdout is (the caller already decided to colour). */
function chalkAt(level: 1 | 2 | 3 | undefined): ChalkInstance {
	detectedLevel ??= new Chalk().level;
	const chosen: ColorSupportLevel = level ?? (detectedLevel > 0 ? detectedLevel : 1);
	let instance = chalks.get(chosen);
	if (instance === undefined) {
		instance = new Chalk({level: chosen});
		chalks.set(chosen, instance);
	}

	return instance;
}

/** Service column text: cut or padded to `width` cells. */
const serviceCells = new Map<string, string>();
const MAX_CACHED_SERVICES = 10_000;

function serviceColumn(service: string, width: number): string {
	const cacheKey = `${width}\u0000${service}`;
	let cell = serviceCells.get(cacheKey);
	if (cell === undefined) {
		cell = truncateToWidth(service, width, {pad: true});
		if (serviceCells.size >= MAX_CACHED_SERVICES) {
			serviceCells.clear();
		}

		serviceCells.set(cacheKey, cell);
	}

	return cell;
}

/** `paint` in a colour given as `#rrggbb` or as a chalk colour name (config files allow both). */
function painter(paint: ChalkInstance, colour: string): (text: string) => string {
	if (colour.startsWith('#')) return paint.hex(colour);
	const named = (paint as unknown as Record<string, unknown>)[colour];
	return typeof named === 'function' ? (named as (text: string) => string) : (text) => text;
}

/**
 * `time [topic] service level message`, e.g. `12:00:01.250 api          WARN  disk 91% full`.
 * With `colour`, the service is in its colour, the level in the level's colour
 * (bold for error and fatal), the time dim.
 */
export function formatPlainLine(record: LogRecord, options: PlainLineOptions): string {
	const time = formatTime(record.time, options.time);
	const service = serviceColumn(record.service, options.serviceWidth ?? DEFAULT_SERVICE_WIDTH);
	const level = LEVEL_LABELS[record.level];
	const topic = options.topicWidth ? `${serviceColumn(record.topic, options.topicWidth)} ` : '';
	if (!options.colour) {
		return `${time} ${topic}${service} ${level} ${record.message}`;
	}

	const paint = chalkAt(options.colourLevel);
	const levelPaint = paint.hex(levelColour(record.level));
	const loud = record.level === 'error' || record.level === 'fatal';
	return `${paint.dim(time)} ${topic ? paint.dim(topic) : ''}${painter(paint, serviceColour(record.service, options.serviceColours))(service)} ${
		loud ? levelPaint.bold(level) : levelPaint(level)
	} ${record.message}`;
}

/**
 * Characters that JSON may carry raw but a terminal must not get: DEL, C1
 * controls, invisible format characters (bidi overrides, zero-width, tags),
 * line/paragraph separators and unpaired surrogates. `JSON.stringify` escapes
 * C0 controls and (since ES2019) unpaired surrogates, but not these.
 */
const TERMINAL_UNSAFE_IN_JSON = /[\u007f-\u009f\p{Cf}\u2028\u2029]/gu;

function unicodeEscape(match: string): string {
	let escaped = '';
	for (let index = 0; index < match.length; index++) {
		escaped += `\\u${match.charCodeAt(index).toString(16).padStart(4, '0')}`;
	}

	return escaped;
}

/** `JSON.stringify` output made safe for a terminal: the characters above as `\uXXXX`. */
function terminalSafeJson(json: string): string {
	TERMINAL_UNSAFE_IN_JSON.lastIndex = 0;
	return TERMINAL_UNSAFE_IN_JSON.test(json) ? json.replace(TERMINAL_UNSAFE_IN_JSON, unicodeEscape) : json;
}

function isoTime(ms: number): string | null {
	return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : null;
}

/** The value for JSON output: the parsed object when the record is JSON (and whole), else the text. */
function jsonValue(record: LogRecord): unknown {
	if (!record.json || record.value === null) {
		return record.value;
	}

	try {
		return JSON.parse(record.value);
	} catch {
		// Shortened (a huge record): the text with its `…(+N bytes)` note.
		return record.value;
	}
}

/**
 * One line of JSON with every field, for jq: topic, partition, offset, time
 * and kafkaTime (ISO 8601), service, level, message, key, headers, size and
 * value (the parsed object for JSON records, else the text; null for a
 * tombstone). Safe to print to a terminal: no raw control, C1 or bidi character.
 */
export function formatJsonLine(record: LogRecord): string {
	const fields = {
		topic: record.topic,
		partition: record.partition,
		offset: record.offset,
		time: isoTime(record.time),
		kafkaTime: isoTime(record.kafkaTime),
		service: record.service,
		level: record.level,
		message: record.message,
		key: record.key,
		headers: record.headers,
		size: record.size,
		value: jsonValue(record),
	};
	let json: string;
	try {
		json = JSON.stringify(fields);
	} catch {
		// A value too deeply nested for JSON.stringify's recursion: keep it as text.
		json = JSON.stringify({...fields, value: record.value});
	}

	return terminalSafeJson(json);
}
