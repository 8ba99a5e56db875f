import type {Level} from '../record/log-record.js';

/**
 * Colours for services and levels, as `#rrggbb` strings that both chalk
 * (`chalk.hex`) and Ink (`<Text color>`) take; chalk turns them into 256 or 16
 * colours on terminals with fewer.
 *
 * A service's colour depends only on its name (a hash, so `api` has the same
 * colour in every run, on every machine, whatever arrived first) and can be
 * overridden by name in the config file.
 */

/**
 * Twenty-four service colours, in hue order. Chosen from the xterm 256-colour cube
 * (00/5f/87/af/d7/ff, so 256-colour terminals show them exactly and never merge two) by
 * three rules: readable on both kinds of terminal (contrast at least 4:1 on black and 3:1
 * on white), colourful (no greys: grey means unknown in the level column) and not near the
 * reds of the error levels; then picked one by one as far (CIEDE2000) from those already
 * picked as possible, so any two differ by a ΔE of 8.5 or more.
 *
 * Why 24: a colour that depends only on the name cannot avoid collisions, only make them
 * rarer. With n names on a palette of P colours, two share one with probability
 * 1 - P!/((P-n)!·P^n): for 4 names 43% on the 12 colours this palette had, 23% on 24; for 8
 * names 97% and 74%. More colours than this could not be told apart in a terminal anyway;
 * a user who wants a pair apart sets `colours` in the config file.
 */
export const SERVICE_PALETTE: readonly string[] = [
	'#ff0087', // rose
	'#d75f87', // pink
	'#d7005f', // crimson
	'#af5f5f', // brick
	'#d75f00', // orange
	'#af5f00', // rust
	'#af8700', // amber
	'#878700', // olive
	'#5f8700', // moss
	'#008700', // green
	'#00875f', // sea green
	'#008787', // teal
	'#0087af', // cerulean
	'#0087d7', // azure
	'#5f87ff', // cornflower
	'#005fff', // blue
	'#8787d7', // periwinkle
	'#875fff', // violet
	'#875faf', // purple
	'#af00ff', // electric purple
	'#af5fd7', // orchid
	'#d700af', // magenta
	'#d75faf', // orchid pink
	'#af5f87', // mauve
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

/**
 * FNV-1a over the name, then MurmurHash3's 32-bit finaliser. FNV-1a alone is tiny and fast
 * but its low bits depend mostly on the last characters, and `% 24` reads the low bits
 * (24 = 8·3): names ending alike (`api`, `auth`…) bunched up. The finaliser makes every bit
 * depend on every character, so the palette index is as good as random for any name.
 */
export function hashName(name: string): number {
	let hash = 0x811c9dc5;
	for (let index = 0; index < name.length; index++) {
		hash ^= name.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193);
	}

	hash ^= hash >>> 16;
	hash = Math.imul(hash, 0x85ebca6b);
	hash ^= hash >>> 13;
	hash = Math.imul(hash, 0xc2b2ae35);
	hash ^= hash >>> 16;
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
