import {Chalk, type ChalkInstance, type ColorSupportLevel} from 'chalk';
import type {Level, LogRecord} from '../record/log-record.js';
import {dayOf, formatTime, formatTimeForDay, type TimeMode} from './format-time.js';
import {paintFor} from './paint.js';
import {levelColour, type ServiceColourOverrides, serviceColour} from './service-colour.js';
import {truncateToWidth} from './truncate-to-width.js';

/** JSON lines (`--output json`) have a file of their own; re-exported for the callers of this one. */
export {formatJsonLine} from './format-json-line.js';

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

/**
 * Level labels of the text views (the TUI and plain text), all five cells wide so messages
 * line up; a record with no level found shows `-` in both (JSON output says `unknown`).
 */
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

/** `service` in `colour` (any colour `paintFor` reads), or as it is when the colour is unknown. */
function paintService(paint: ChalkInstance, colour: string, service: string): string {
	const painted = paintFor(colour, false, paint);
	return painted ? painted(service) : service;
}

/**
 * `time [topic] service level message`, e.g. `12:00:01.250 api          WARN  disk 91% full`
 * (`2025-03-01 12:00:01.250 ...` for a record that is not from today).
 * With `colour`, the service is in its colour, the level in the level's colour
 * (bold for error and fatal), the time dim.
 */
export function formatPlainLine(record: LogRecord, options: PlainLineOptions): string {
	const mode = options.time ?? 'local';
	// A record from another day carries its date: a time of day alone looks like today's.
	const time =
		mode === 'iso'
			? formatTime(record.time, mode)
			: formatTimeForDay(record.time, dayOf(Date.now(), mode), mode);
	const service = serviceColumn(record.service, options.serviceWidth ?? DEFAULT_SERVICE_WIDTH);
	const level = LEVEL_LABELS[record.level];
	const topic = options.topicWidth ? `${serviceColumn(record.topic, options.topicWidth)} ` : '';
	if (!options.colour) {
		return `${time} ${topic}${service} ${level} ${record.message}`;
	}

	const paint = chalkAt(options.colourLevel);
	const levelPaint = paint.hex(levelColour(record.level));
	const loud = record.level === 'error' || record.level === 'fatal';
	return `${paint.dim(time)} ${topic ? paint.dim(topic) : ''}${paintService(paint, serviceColour(record.service, options.serviceColours), service)} ${
		loud ? levelPaint.bold(level) : levelPaint(level)
	} ${record.message}`;
}
