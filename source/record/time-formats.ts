/**
 * The text times loggers write besides RFC 3339 (which `parse-time.ts` reads on its fast path):
 * - ISO-like with a comma before the fraction (`2024-12-06 10:00:00,123`, Python's asctime,
 *   log4j's ISO8601), an offset without a colon (`+0000`, `+01`), or no zone at all;
 * - nginx/Apache common log (`06/Dec/2024:10:00:00 +0000`);
 * - RFC 3164 syslog (`Dec  6 10:00:00`), which has no year: the year that puts it nearest the
 *   Kafka time is taken.
 * A time without a zone is UTC, unless the config file names a `timeZone`.
 */

/** Turns a zone-less wall-clock time (read as if UTC) into the instant it is in a time zone. */
export type ZoneReader = (wallClockMs: number) => number;

/** What reading a time needs besides its text: the record's Kafka time and the zone-less zone. */
export type TimeContext = {kafkaTime: number; zone: ZoneReader | undefined};

const MONTHS: Readonly<Record<string, number>> = {
	Jan: 1,
	Feb: 2,
	Mar: 3,
	Apr: 4,
	May: 5,
	Jun: 6,
	Jul: 7,
	Aug: 8,
	Sep: 9,
	Oct: 10,
	Nov: 11,
	Dec: 12,
};

/** Days from 1970-01-01 to a civil date (proleptic Gregorian), without a Date object. */
export function daysFromCivil(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yearOfEra = y - era * 400;
	const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
	const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
	return era * 146_097 + dayOfEra - 719_468;
}

function digit(text: string, index: number): number {
	const value = text.charCodeAt(index) - 0x30;
	return value >= 0 && value <= 9 ? value : Number.NaN;
}

export function digits(text: string, index: number, count: number): number {
	let value = 0;
	for (let offset = 0; offset < count; offset++) {
		value = value * 10 + digit(text, index + offset);
	}

	return value;
}

/** Where the last successful scan ended (scans are synchronous; this saves an object per call). */
export let scanEnd = 0;

function civilMs(
	year: number,
	month: number,
	day: number,
	hour: number,
	minute: number,
	second: number,
): number {
	if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60)) {
		return Number.NaN;
	}

	return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000;
}

/** A fraction of a second after `.` or `,` at `index`, in ms; sets `scanEnd`. */
function fraction(text: string, index: number): number {
	scanEnd = index;
	const separator = text.charCodeAt(index);
	if (separator !== 0x2e && separator !== 0x2c) return 0;
	let at = index + 1;
	let millis = 0;
	let scale = 100;
	while (at < text.length && digit(text, at) >= 0) {
		millis += digit(text, at) * scale;
		scale /= 10;
		at++;
	}

	if (at === index + 1) return Number.NaN;
	scanEnd = at;
	return Math.floor(millis);
}

/**
 * A zone at `index`: `Z`, `±HH:MM`, `±HHMM`, `±HH`, ` UTC`/` GMT`, in minutes east of UTC; sets
 * `scanEnd`. Undefined when there is none (then `scanEnd` is `index`).
 */
function zoneOffset(text: string, index: number): number | undefined {
	scanEnd = index;
	const code = text.charCodeAt(index);
	if (code === 0x5a || code === 0x7a) {
		scanEnd = index + 1;
		return 0;
	}

	if (code === 0x20 && (text.startsWith('UTC', index + 1) || text.startsWith('GMT', index + 1))) {
		scanEnd = index + 4;
		return 0;
	}

	if (code === 0x20 && (text.charCodeAt(index + 1) === 0x2b || text.charCodeAt(index + 1) === 0x2d)) {
		const offset = zoneOffset(text, index + 1);
		if (offset === undefined) scanEnd = index;
		return offset;
	}

	if (code !== 0x2b && code !== 0x2d) return undefined;
	const hours = digits(text, index + 1, 2);
	if (!(hours <= 23)) return undefined;
	let minutes = 0;
	let end = index + 3;
	if (text.charCodeAt(end) === 0x3a) {
		minutes = digits(text, end + 1, 2);
		end += 3;
	} else if (digit(text, end) >= 0) {
		minutes = digits(text, end, 2);
		end += 2;
	}

	if (!(minutes <= 59)) return undefined;
	scanEnd = end;
	return (code === 0x2d ? -1 : 1) * (hours * 60 + minutes);
}

/** Wall-clock ms (as if UTC) plus a zone when one was written, else the config's zone or UTC. */
function withZone(wallClock: number, text: string, index: number, context: TimeContext): number {
	const offset = zoneOffset(text, index);
	if (offset !== undefined) return wallClock - offset * 60_000;
	return context.zone === undefined ? wallClock : context.zone(wallClock);
}

/** `YYYY-MM-DD[T ]HH:MM:SS[.,fraction][zone]` at `start`; sets `scanEnd`. */
export function scanIsoTime(text: string, start: number, context: TimeContext): number | undefined {
	if (text.charCodeAt(start + 4) !== 0x2d || text.charCodeAt(start + 7) !== 0x2d) return undefined;
	const separator = text.charCodeAt(start + 10);
	if (separator !== 0x54 && separator !== 0x20 && separator !== 0x74) return undefined;
	if (text.charCodeAt(start + 13) !== 0x3a || text.charCodeAt(start + 16) !== 0x3a) return undefined;
	const date = civilMs(
		digits(text, start, 4),
		digits(text, start + 5, 2),
		digits(text, start + 8, 2),
		0,
		0,
		0,
	);
	return clockTime(date, text, start + 11, context);
}

/** `HH:MM:SS[.,fraction][zone]` at `at` on the day starting at `date` (wall-clock ms); sets `scanEnd`. */
function clockTime(date: number, text: string, at: number, context: TimeContext): number | undefined {
	const wallClock =
		date +
		civilMs(1970, 1, 1, digits(text, at, 2), digits(text, at + 3, 2), digits(text, at + 6, 2)) +
		fraction(text, at + 8);
	return Number.isNaN(wallClock) ? undefined : withZone(wallClock, text, scanEnd, context);
}

/** nginx/Apache `06/Dec/2024:10:00:00 +0000` at `start`; sets `scanEnd`. */
export function scanCommonLogTime(text: string, start: number, context: TimeContext): number | undefined {
	if (text.charCodeAt(start + 2) !== 0x2f || text.charCodeAt(start + 6) !== 0x2f) return undefined;
	if (text.charCodeAt(start + 11) !== 0x3a) return undefined;
	const month = MONTHS[text.slice(start + 3, start + 6)];
	if (month === undefined) return undefined;
	const date = civilMs(digits(text, start + 7, 4), month, digits(text, start, 2), 0, 0, 0);
	return clockTime(date, text, start + 12, context);
}

const YEAR_MS = 365.2425 * 86_400_000;

/** RFC 3164 `Dec  6 10:00:00` (day padded with a space or a zero) at `start`; sets `scanEnd`. */
export function scanSyslogTime(text: string, start: number, context: TimeContext): number | undefined {
	const month = MONTHS[text.slice(start, start + 3)];
	if (month === undefined || text.charCodeAt(start + 3) !== 0x20) return undefined;
	const dayText =
		text.charCodeAt(start + 4) === 0x20 ? ` ${text[start + 5]}` : text.slice(start + 4, start + 6);
	const day = Number(dayText.trim());
	if (text.charCodeAt(start + 6) !== 0x20 || text.charCodeAt(start + 9) !== 0x3a) return undefined;
	const hour = digits(text, start + 7, 2);
	const minute = digits(text, start + 10, 2);
	const second = digits(text, start + 13, 2);
	const reference = context.kafkaTime > 0 ? context.kafkaTime : Date.now();
	const referenceYear = new Date(reference).getUTCFullYear();
	let best: number | undefined;
	const end = start + 15;
	for (const year of [referenceYear - 1, referenceYear, referenceYear + 1]) {
		const wallClock = civilMs(year, month, day, hour, minute, second) + fraction(text, end);
		if (Number.isNaN(wallClock)) return undefined;
		const time = context.zone === undefined ? wallClock : context.zone(wallClock);
		if (best === undefined || Math.abs(time - reference) < Math.abs(best - reference)) best = time;
	}

	fraction(text, end);
	return best !== undefined && Math.abs(best - reference) < YEAR_MS ? best : undefined;
}

/** A whole field's text in one of the formats above, or undefined. */
export function parseTextTime(text: string, context: TimeContext): number | undefined {
	const first = text.charCodeAt(0);
	let time: number | undefined;
	if (first >= 0x30 && first <= 0x39) {
		time = scanIsoTime(text, 0, context) ?? scanCommonLogTime(text, 0, context);
	} else {
		time = scanSyslogTime(text, 0, context);
	}

	return time !== undefined && scanEnd === text.length ? time : undefined;
}

/**
 * The time a plain-text line starts with (`2024-12-06 10:00:00,123 ERROR …`, `Dec  6 10:00:00
 * host app: …`), or that an access log puts in brackets near its start (`[06/Dec/2024:10:00:00
 * +0000]`); undefined when there is none.
 */
export function leadingTextTime(text: string, context: TimeContext): number | undefined {
	const first = text.charCodeAt(0);
	if (first >= 0x30 && first <= 0x39) {
		const iso = scanIsoTime(text, 0, context);
		if (iso !== undefined) return iso;
	} else if (first >= 0x41 && first <= 0x5a) {
		const syslog = scanSyslogTime(text, 0, context);
		if (syslog !== undefined) return syslog;
	}

	const bracket = text.indexOf('[');
	if (bracket < 0 || bracket > 100) return undefined;
	return scanCommonLogTime(text, bracket + 1, context) ?? scanIsoTime(text, bracket + 1, context);
}

/**
 * The reader of a time zone's wall clock (an IANA name, `Europe/Paris`); throws RangeError for a
 * zone Intl does not know. Offsets are cached per hour, so a run of records costs one lookup.
 */
export function createZoneReader(timeZone: string): ZoneReader {
	const format = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
	});
	const cache = new Map<number, number>();
	/** Offset of the zone at an instant, in ms (wall clock minus UTC). */
	const offsetAt = (instant: number): number => {
		const hour = Math.floor(instant / 3_600_000);
		const known = cache.get(hour);
		if (known !== undefined) return known;
		const parts: Record<string, number> = {};
		for (const part of format.formatToParts(new Date(hour * 3_600_000)))
			parts[part.type] = Number(part.value);
		const wall = civilMs(parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!);
		const offset = wall - hour * 3_600_000;
		if (cache.size > 1000) cache.clear();
		cache.set(hour, offset);
		return offset;
	};

	return (wallClock) => {
		const guess = wallClock - offsetAt(wallClock);
		// Across a DST change the offset at the guess may differ from the one at the wall clock.
		return wallClock - offsetAt(guess);
	};
}
