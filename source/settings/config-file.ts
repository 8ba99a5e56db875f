import {readFileSync, statSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import {ConfigError} from './config-error.js';
import {ConfigSchemaError, type KlogConfig, type ProfileConfig, validateConfig} from './config-schema.js';

/**
 * Finding, reading and validating `config.json`:
 * `--config FILE`, else `KLOG_CONFIG`, else `$XDG_CONFIG_HOME/klog-tui/config.json`,
 * else `~/.config/klog-tui/config.json`. A missing file at the default place is no
 * error (there is simply no config); a missing file the user named is.
 */

/** A config file that was found and is valid. */
export type LoadedConfig = {
	/** Absolute path of the file (relative paths inside it resolve against its folder). */
	path: string;
	config: KlogConfig;
	/** One-line warnings (for example: holds a password but others may read it). */
	warnings: string[];
};

export type LoadConfigOptions = {
	/** `--config` as given, if any. */
	configPath?: string | undefined;
	env: NodeJS.ProcessEnv;
	/** Home folder, injectable for tests. */
	homeDir?: string;
	/** Platform, injectable for tests (permission bits mean nothing on Windows). */
	platform?: NodeJS.Platform;
};

/** Where the config file is looked for, and whether the user named it explicitly. */
export function configFileLocation(options: LoadConfigOptions): {path: string; explicit: boolean} {
	const named = options.configPath ?? options.env.KLOG_CONFIG;
	if (named) return {path: path.resolve(expandHome(named, options.homeDir)), explicit: true};
	const home = options.homeDir ?? homedir();
	const xdg = options.env.XDG_CONFIG_HOME;
	// The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
	const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.config');
	return {path: path.join(base, 'klog-tui', 'config.json'), explicit: false};
}

/**
 * Find, read and validate the config file. Resolves undefined when there is none at
 * the default place; throws `ConfigError` (one line naming file and field) when it is bad.
 */
export function loadConfigFile(options: LoadConfigOptions): LoadedConfig | undefined {
	const location = configFileLocation(options);
	let text: string;
	try {
		text = readFileSync(location.path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' && !location.explicit) return undefined;
		const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(code);
		throw new ConfigError(`Cannot read config file ${location.path}: ${why}`);
	}
	const config = parseConfigText(text, location.path);
	const warnings: string[] = [];
	const permissionWarning = passwordPermissionWarning(
		location.path,
		config,
		options.platform ?? process.platform,
	);
	if (permissionWarning) warnings.push(permissionWarning);
	return {path: location.path, config, warnings};
}

/** Parse and validate config text; `file` is only used in messages. */
export function parseConfigText(text: string, file: string): KlogConfig {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		// Newer V8 messages quote a snippet of the text, which may hold a password: give
		// only where it broke.
		throw new ConfigError(`Bad config file ${file}: not valid JSON${jsonErrorPlace(text, error)}`);
	}
	try {
		return validateConfig(json);
	} catch (error) {
		if (error instanceof ConfigSchemaError) {
			throw new ConfigError(`Bad config file ${file}: ${error.field} ${error.problem}`);
		}
		throw error;
	}
}

/**
 * The settings layers the config contributes, most important first: the chosen profile,
 * then `defaults`. The profile is `--profile`, else `KLOG_PROFILE`, else `defaultProfile`.
 */
export function configLayers(
	loaded: LoadedConfig | undefined,
	profileName: string | undefined,
): {profile: string | undefined; layers: Array<{source: string; settings: ProfileConfig}>} {
	if (!loaded) {
		if (profileName) {
			throw new ConfigError(
				`--profile ${profileName}: there is no config file (looked for it as described in --help)`,
			);
		}
		return {profile: undefined, layers: []};
	}
	const {config} = loaded;
	const chosen = profileName ?? config.defaultProfile;
	const layers: Array<{source: string; settings: ProfileConfig}> = [];
	if (chosen !== undefined) {
		const profile = Object.hasOwn(config.profiles, chosen) ? config.profiles[chosen] : undefined;
		if (!profile) {
			const known = Object.keys(config.profiles);
			const list = known.length > 0 ? `profiles there: ${known.join(', ')}` : 'it has no profiles';
			throw new ConfigError(`Profile "${chosen}" is not in ${loaded.path} (${list})`);
		}
		layers.push({source: `profiles.${chosen}`, settings: profile});
	}
	layers.push({source: 'defaults', settings: config.defaults});
	return {profile: chosen, layers};
}

/** A warning when the file holds a password anywhere and group or others may read it. */
function passwordPermissionWarning(
	file: string,
	config: KlogConfig,
	platform: NodeJS.Platform,
): string | undefined {
	if (platform === 'win32') return undefined;
	const layers = [config.defaults, ...Object.values(config.profiles)];
	if (!layers.some((layer) => layer.sasl?.password !== undefined)) return undefined;
	const mode = statSync(file).mode & 0o777;
	if ((mode & 0o077) === 0) return undefined;
	const octal = mode.toString(8).padStart(3, '0');
	return `Warning: ${file} holds a password and others can read it (mode ${octal}); run: chmod 600 ${file}`;
}

function expandHome(file: string, homeDir: string | undefined): string {
	if (file === '~' || file.startsWith('~/')) return path.join(homeDir ?? homedir(), file.slice(1));
	return file;
}

/** What JSON.parse disliked and where, without the snippet of text V8 may quote. */
function jsonErrorPlace(text: string, error: unknown): string {
	const message = error instanceof Error ? error.message : '';
	const reason = message
		.replace(/, ".*" is not valid JSON$/s, '')
		.replace(/ in JSON at position \d+.*$/s, '')
		.trim();
	const match = /position (\d+)/.exec(message);
	let place = '';
	if (match) {
		const position = Number(match[1]);
		const before = text.slice(0, position);
		const line = before.split('\n').length;
		const column = position - before.lastIndexOf('\n');
		place = ` at line ${line}, column ${column}`;
	}
	return reason ? `: ${reason}${place}` : place;
}
