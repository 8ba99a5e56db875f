import type {ParseSettings} from '../record/parse-record.js';
import type {ShapeFieldSettings} from '../record/shapes/read-shape.js';
import {configLayers, type LoadedConfig} from './config-file.js';

/**
 * The non-connection settings a config file remembers (topics, buffer size, tail, colours
 * per service), merged with flags: flags > profile > `defaults`. A field stays undefined
 * when nothing set it, so the CLI applies its own default (which is why the CLI must not
 * give these flags meow defaults: a meow default would hide the config file's value).
 */
export type RememberedSettings = {
	topics: string[] | undefined;
	maxRecords: number | undefined;
	tail: number | undefined;
	/** Colour per service (chalk colour name or #rrggbb); a profile's entries win over `defaults`'. */
	colours: Record<string, string>;
	/** The profile in use, for the header; undefined without one. */
	profile: string | undefined;
	/** Field names and time zone for reading records; a profile's list for a field replaces `defaults`'. */
	parse: ParseSettings;
	/** Whether the TUI reads the mouse; undefined: the config says nothing. */
	mouse: boolean | undefined;
};

/** The CLI flag values this reads (as meow gives them). */
export type RememberedFlagValues = {
	profile?: string | undefined;
	topic?: string | readonly string[] | undefined;
	maxRecords?: number | undefined;
	tail?: number | undefined;
};

/** Merge the config's remembered settings under the flags. Throws `ConfigError` for an unknown profile. */
export function resolveRememberedSettings(
	flags: RememberedFlagValues,
	env: NodeJS.ProcessEnv,
	configFile?: LoadedConfig,
): RememberedSettings {
	const profileName = flags.profile?.trim() || env.KLOG_PROFILE?.trim() || undefined;
	const {profile, layers} = configLayers(configFile, profileName);
	const pick = <K extends 'topics' | 'maxRecords' | 'tail' | 'mouse'>(key: K) =>
		layers.find((layer) => layer.settings[key] !== undefined)?.settings[key];

	const flagTopics =
		flags.topic === undefined ? [] : typeof flags.topic === 'string' ? [flags.topic] : [...flags.topic];
	const configTopics = pick('topics');
	const colours: Record<string, string> = {};
	// Least important first, so a profile's colour for a service replaces the default one.
	for (const layer of [...layers].reverse()) Object.assign(colours, layer.settings.colours);
	const fields: ShapeFieldSettings = {};
	for (const layer of [...layers].reverse()) Object.assign(fields, layer.settings.fields);
	const timeZone = layers.find((layer) => layer.settings.timeZone !== undefined)?.settings.timeZone;
	return {
		topics: flagTopics.length > 0 ? flagTopics : configTopics ? [...configTopics] : undefined,
		maxRecords: flags.maxRecords ?? pick('maxRecords'),
		tail: flags.tail ?? pick('tail'),
		colours,
		profile,
		parse: {fields, ...(timeZone === undefined ? {} : {timeZone})},
		mouse: pick('mouse'),
	};
}
