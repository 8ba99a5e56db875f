import type {Level} from './log-record.js';

/**
 * Colours for services and levels, as `#rrggbb` strings that both chalk
 * (`chalk.hex`) and Ink (`<Text color>`) take; chalk turns them into 256 or 16
 * colours on terminals with fewer.
 *
 * A service's colour is stable (a hash of its name, so `api` has the same
 * colour in every run and on every machine) and can be overridden by name.
 * The palette uses only values of the xterm 256-colour cube (00/5f/87/af/d7/ff),
 * so 256-colour terminals show them exactly; it leaves out pure red and grey,
 * which mean error and unknown in the level column.
 */

/** Twelve mid-bright colours, readable on dark backgrounds and mostly on light ones. */
export const SERVICE_PALETTE: readonly string[] = [
	'#5fafff', // sky blue
	'#87d75f', // green
	'#ffaf5f', // orange
	'#d787ff', // violet
	'#5fd7d7', // cyan
	'#d7d75f', // yellow
	'#ff87af', // pink
	'#87afd7', // steel blue
	'#d7af87', // tan
	'#5fd787', // sea green
	'#af87ff', // lavender
	'#afaf00', // olive
];

/** Level colours: quiet for chatter, loud for trouble. */
const LEVEL_COLOURS: Readonly<Record<Level, string>> = {
	trace: '#6c6c6c',
	debug: '#8787af',
	info: '#5fd75f',
	warn: '#ffd700',
	error: '#ff5f5f',
	fatal: '#ff00ff',
	unknown: '#8a8a8a',
};

/** Colours by service name, user-chosen (the config file), consulted before the hash. */
export type ServiceColourOverrides = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

/** FNV-1a, 32 bits: tiny, fast, and spreads similar names (`api-1`, `api-2`) apart. */
export function hashName(name: string): number {
	let hash = 0x811c9dc5;
	for (let index = 0; index < name.length; index++) {
		hash ^= name.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193);
	}

	return hash >>> 0;
}

/** Hash results by name; bounded, because a hostile topic can name a million services. */
const cache = new Map<string, string>();
const MAX_CACHED = 10_000;

function overrideFor(name: string, overrides: ServiceColourOverrides | undefined): string | undefined {
	if (overrides === undefined) {
		return undefined;
	}

	if (overrides instanceof Map) {
		return overrides.get(name);
	}

	const record = overrides as Readonly<Record<string, string>>;
	return Object.hasOwn(record, name) ? record[name] : undefined;
}

/**
 * The colour of a service: its override if one is given, else a palette colour
 * chosen by a hash of the name.
 */
export function serviceColour(name: string, overrides?: ServiceColourOverrides): string {
	const chosen = overrideFor(name, overrides);
	if (chosen !== undefined) {
		return chosen;
	}

	let colour = cache.get(name);
	if (colour === undefined) {
		colour = SERVICE_PALETTE[hashName(name) % SERVICE_PALETTE.length]!;
		if (cache.size >= MAX_CACHED) {
			cache.clear();
		}

		cache.set(name, colour);
	}

	return colour;
}

/** The colour of a level. */
export function levelColour(level: Level): string {
	return LEVEL_COLOURS[level];
}
