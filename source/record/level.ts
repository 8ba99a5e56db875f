import {LEVELS, type Level} from './log-record.js';

/**
 * Log levels from the many ways loggers write them.
 *
 * Numbers are read by range, so one function serves every field without
 * knowing which logger wrote it:
 * - 0–7: syslog severity (RFC 5424; also GELF's `level`): 0 emerg, 1 alert,
 *   2 crit → fatal; 3 err → error; 4 warning → warn; 5 notice, 6 info → info;
 *   7 debug → debug;
 * - 10–99: pino/bunyan (10 trace, 20 debug, 30 info, 40 warn, 50 error,
 *   60 fatal; custom levels fall into the band below them, 35 → info);
 * - 100–999: Google Cloud Logging `severity` numbers (100 debug, 200 info,
 *   300 notice → info, 400 warn, 500 error, 600+ critical/alert/emergency → fatal);
 * - anything else (8, 9, negatives, fractions below 10, NaN) → unknown.
 * Numeric strings (`"30"`) are read as numbers. Arrays, objects, booleans → unknown.
 */

/** Level names by lower-case spelling. A null-prototype object: `constructor` is not a level. */
const LEVEL_NAMES: Readonly<Record<string, Level>> = Object.assign(
	Object.create(null) as Record<string, Level>,
	{
		trace: 'trace',
		silly: 'trace',
		finest: 'trace',
		finer: 'trace',
		t: 'trace',
		v: 'trace',
		debug: 'debug',
		dbg: 'debug',
		verbose: 'debug',
		fine: 'debug',
		d: 'debug',
		info: 'info',
		information: 'info',
		informational: 'info',
		notice: 'info',
		default: 'info',
		config: 'info',
		i: 'info',
		warn: 'warn',
		warning: 'warn',
		w: 'warn',
		error: 'error',
		err: 'error',
		severe: 'error',
		e: 'error',
		// zap's DPanic panics only in development; in production (where Kafka is) it logs an error.
		dpanic: 'error',
		fatal: 'fatal',
		critical: 'fatal',
		crit: 'fatal',
		alert: 'fatal',
		emerg: 'fatal',
		emergency: 'fatal',
		panic: 'fatal',
		f: 'fatal',
	} satisfies Record<string, Level>,
);

const SYSLOG_LEVELS: readonly Level[] = ['fatal', 'fatal', 'fatal', 'error', 'warn', 'info', 'info', 'debug'];
const PINO_LEVELS: readonly Level[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
const CLOUD_LEVELS: readonly Level[] = ['debug', 'info', 'info', 'warn', 'error', 'fatal'];

/** SGR colour codes some loggers (winston's `colorize`) put around the level name. */
const SGR = /\u001b\[[0-9;]*m/g;

/** A plain number as a string: `30`, `-1`, `4.5`. */
const NUMERIC = /^-?\d+(?:\.\d+)?$/;

/** The level of a number, by range (see the module comment). */
export function levelFromNumber(value: number): Level {
	if (!Number.isFinite(value) || value < 0) {
		return 'unknown';
	}

	if (value < 8) {
		return Number.isInteger(value) ? SYSLOG_LEVELS[value]! : 'unknown';
	}

	if (value < 10) {
		return 'unknown';
	}

	if (value < 100) {
		return PINO_LEVELS[Math.min(5, Math.floor(value / 10) - 1)]!;
	}

	if (value < 1000) {
		return CLOUD_LEVELS[Math.min(5, Math.floor(value / 100) - 1)]!;
	}

	return 'unknown';
}

/**
 * The level a log field holds: a name in any case (`WARN`, `warning`, `Err`,
 * `CRITICAL`, `notice`, `verbose`, single letters like `E` as glog and logcat
 * write them) or a number (see the module comment). Anything else → `unknown`.
 */
export function normalizeLevel(value: unknown): Level {
	if (typeof value === 'string') {
		const direct = LEVEL_NAMES[value];
		if (direct !== undefined) {
			return direct;
		}

		let name = value.trim();
		if (name.includes('\u001b')) {
			name = name.replace(SGR, '');
		}

		name = name.toLowerCase();
		const named = LEVEL_NAMES[name];
		if (named !== undefined) {
			return named;
		}

		return NUMERIC.test(name) ? levelFromNumber(Number(name)) : 'unknown';
	}

	if (typeof value === 'number') {
		return levelFromNumber(value);
	}

	return 'unknown';
}

/** How far into a plain-text line a level is looked for: levels sit near the start. */
const GUESS_PREFIX_LENGTH = 200;

/** `level=warn`, `lvl: error`, `"level":"info"`, `severity=ERROR`. */
const LEVEL_ASSIGNMENT =
	/(?:^|[^\w.])(?:level|lvl|severity|loglevel|levelname)"?\s*[=:]\s*"?([A-Za-z]+|\d+)/i;
/** An upper-case level word standing alone: `ERROR db down`, `[WARN]`, `12:00:01 FATAL ...`. */
const UPPER_CASE_WORD =
	/(?:^|[^\w])(TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|FATAL|CRITICAL|CRIT|PANIC|ALERT|EMERG)(?![\w])/;
/** A level in brackets, any case: nginx's `[error]`, `<warn>`. */
const BRACKETED_WORD =
	/[[<](trace|debug|info|notice|warn|warning|error|err|fatal|critical|crit|panic|alert|emerg)[\]>]/i;

/**
 * Guess the level of a plain-text line, only where it is obvious: a
 * `level=`/`severity=` assignment, an upper-case level word (`ERROR`, `WARN`),
 * or a level in brackets (`[error]`) within the first 200 characters.
 * Lower-case words in prose (`no error found`) do not count. Else `unknown`.
 */
export function guessLevelFromText(text: string): Level {
	const prefix = text.length > GUESS_PREFIX_LENGTH ? text.slice(0, GUESS_PREFIX_LENGTH) : text;
	const assigned = LEVEL_ASSIGNMENT.exec(prefix);
	if (assigned) {
		const level = normalizeLevel(assigned[1]);
		if (level !== 'unknown') {
			return level;
		}
	}

	const word = UPPER_CASE_WORD.exec(prefix) ?? BRACKETED_WORD.exec(prefix);
	return word ? normalizeLevel(word[1]) : 'unknown';
}

/** What a user may type for a level (`--level`, the config file), as help and errors say it. */
export const LEVEL_INPUT_HELP =
	'trace, debug, info, warn, error or fatal (any case; also ERR, Warning, CRIT, critical, notice, verbose, or syslog 0-7)';

/**
 * A level the user typed as a minimum: any spelling `normalizeLevel` knows, or a syslog
 * severity 0-7 (a bigger number means nothing to a person typing a level). Undefined when
 * it is none of those.
 */
export function levelFromUserText(text: string): Exclude<Level, 'unknown'> | undefined {
	const trimmed = text.trim();
	if (NUMERIC.test(trimmed) && !/^[0-7]$/.test(trimmed)) return undefined;
	const level = normalizeLevel(trimmed);
	return level === 'unknown' ? undefined : level;
}

const INFO_RANK = LEVELS.indexOf('info');

/** Rank of a level in `LEVELS` order (trace lowest) for level filters; `unknown` ranks as info. */
export function levelRank(level: Level): number {
	return level === 'unknown' ? INFO_RANK : LEVELS.indexOf(level);
}
