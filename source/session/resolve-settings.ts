import {ConfigError} from '../settings/config-error.js';
import {configFileLocation, loadConfigFile} from '../settings/config-file.js';
import {canPrompt, createPasswordPrompt} from '../settings/password-prompt.js';
import type {SecurityFlagValues} from '../settings/resolve-connection-settings.js';
import {resolveConnectionSettings} from '../settings/resolve-connection-settings.js';
import {resolveRememberedSettings} from '../settings/resolve-remembered-settings.js';
import type {RunSettings} from '../settings/run-settings.js';
import {createSavedFiltersFile} from '../settings/saved-filters-file.js';
import type {SavedFilterStore} from '../store/filter/saved-filters.js';
import {checkCredentials, kafkaConnectionOptions} from './check-credentials.js';
import type {ResolvedConnection} from './resolved-connection.js';

/**
 * The bridge between the parsed command line (`RunSettings`) and the config file: loads
 * the file, resolves connection and security settings (prompting for a password on a
 * terminal), fills in what the config file remembers where no flag was given, and, for
 * secured connections, checks the credentials once so a wrong password ends the run
 * with one line (exit 2) before any screen appears.
 */

export type ResolvedSettings = {
	/** The command line with brokers, topics, buffer size and tail from the config where no flag said. */
	config: RunSettings;
	resolved: ResolvedConnection;
	/** Colour per service from the config file (chalk colour name or #rrggbb). */
	serviceColours: Record<string, string>;
	/** The profile in use, if any. */
	profile: string | undefined;
	/** The saved filters of the profile, kept in the config file (created by the first save). */
	savedFilters: SavedFilterStore;
};

export type ResolveSettingsOptions = {
	/** Where a password prompt reads (default process.stdin; only used when it is a TTY). */
	stdin?: NodeJS.ReadStream;
	/** Where the prompt is written (default process.stderr). */
	stderr?: NodeJS.WritableStream;
	/** Skip the credential check (tests of the parsing only). */
	checkCredentials?: boolean;
};

/**
 * Resolve everything the config file and the security flags decide. Throws `ConfigError`
 * (one line, exit 2) for a bad config file, a refused flag, missing credentials, and a
 * wrong password or refused certificate found by the credential check.
 */
export async function resolveSettings(
	config: RunSettings,
	env: NodeJS.ProcessEnv,
	options: ResolveSettingsOptions = {},
): Promise<ResolvedSettings> {
	const flags = config.rawFlags as SecurityFlagValues & {
		topic?: string[];
		maxRecords?: string;
		tail?: string;
	};
	const configFile = loadConfigFile({configPath: flags.config, env});
	const stdin = options.stdin ?? process.stdin;
	const prompt = canPrompt(stdin) ? createPasswordPrompt(stdin, options.stderr ?? process.stderr) : undefined;
	// The CLI already validated --brokers / KAFKA_BROKERS into `config.brokers`; the config
	// file's brokers apply only when neither was given.
	const brokersGiven = flags.brokers !== undefined || Boolean(env.KAFKA_BROKERS?.trim());
	const settings = await resolveConnectionSettings(
		{...flags, brokers: brokersGiven ? config.brokers : undefined},
		env,
		configFile,
		{prompt},
	);
	const remembered = resolveRememberedSettings(
		{profile: flags.profile, topic: flags.topic?.length ? flags.topic : undefined},
		env,
		configFile,
	);

	if ((settings.sasl || settings.ssl) && options.checkCredentials !== false) {
		const check = await checkCredentials(settings, {...(config.logFile ? {logFile: config.logFile} : {})});
		if (!check.ok && check.fatal) throw new ConfigError(check.message);
	}

	const resolved: ResolvedConnection = {
		connection: {...kafkaConnectionOptions(settings), ...(config.logFile ? {logFile: config.logFile} : {})},
		userLabel: settings.userLabel,
		warnings: settings.warnings,
	};
	return {
		config: withRemembered({...config, brokers: settings.brokers}, flags, remembered),
		resolved,
		serviceColours: remembered.colours,
		profile: remembered.profile,
		savedFilters: createSavedFiltersFile({
			file: configFile?.path ?? configFileLocation({configPath: flags.config, env}).path,
			profile: remembered.profile,
			config: configFile?.config,
		}),
	};
}

/** Fill topics, buffer size, tail and mouse from the config file where the command line said nothing. */
function withRemembered(
	config: RunSettings,
	flags: {topic?: string[]; maxRecords?: string; tail?: string},
	remembered: ReturnType<typeof resolveRememberedSettings>,
): RunSettings {
	const topicGiven = (flags.topic?.length ?? 0) > 0;
	if (config.command === 'demo') {
		const topic = !topicGiven && remembered.topics ? remembered.topics[0]! : config.topic;
		return {...config, topic};
	}
	if (config.command === 'lag') {
		return {...config, topics: !topicGiven && remembered.topics ? remembered.topics : config.topics};
	}
	return {
		...config,
		topics: !topicGiven && remembered.topics ? remembered.topics : config.topics,
		maxRecords:
			flags.maxRecords === undefined && remembered.maxRecords ? remembered.maxRecords : config.maxRecords,
		start:
			config.start.kind === 'tail' && flags.tail === undefined && remembered.tail !== undefined
				? {kind: 'tail', count: remembered.tail}
				: config.start,
		parse: remembered.parse,
		mouse: config.mouse ?? remembered.mouse,
	};
}
