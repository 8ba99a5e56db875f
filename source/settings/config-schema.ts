import {foregroundColorNames} from 'chalk';
import type {ShapeFieldSettings} from '../record/shapes/read-shape.js';
import type {ShapeField} from '../record/shapes/record-shape.js';
import {filterNameProblem} from '../store/filter/saved-filters.js';
import {formatBrokerAddress, parseBrokerAddresses} from './broker-address.js';
import {
	parseBrokerList,
	parseSaslMechanism,
	SASL_MECHANISMS,
	type SaslMechanism,
} from './connection-settings.js';

/**
 * The shape of `config.json` and its validation. Validation stops at the first problem
 * and names it by its dotted field path (`profiles.prod.sasl.mechanism`), so the CLI can
 * print one line. Messages never quote a value that may be a secret.
 */

/** SASL settings as written in the config file; any part may come from flags or env instead. */
export type SaslConfig = {
	mechanism?: SaslMechanism;
	username?: string;
	/** The password itself (the file should then be `chmod 600`). */
	password?: string;
	/** Name of an environment variable holding the password (preferred over `password`). */
	passwordEnv?: string;
	/** OAUTHBEARER: a shell command that prints the token, run again when it is due. */
	tokenCommand?: string;
	/** OAUTHBEARER: a file holding the token (read again when it is due), relative to the config file. */
	tokenFile?: string;
	/** OAUTHBEARER: how often a token without an `exp` claim is fetched again (default 300). */
	tokenRefreshSeconds?: number;
};

/** TLS settings as written in the config file: paths (resolved against the file's folder). */
export type SslConfig = {
	ca?: string;
	cert?: string;
	key?: string;
	/** Default true. False turns certificate verification off (warned about at every start). */
	rejectUnauthorized?: boolean;
};

/** One layer of settings: the `defaults` block, or one named profile. */
export type ProfileConfig = {
	brokers?: string[];
	topics?: string[];
	maxRecords?: number;
	tail?: number;
	/** Colour per service name: a chalk colour name (`cyan`, `redBright`) or `#rrggbb`. */
	colours?: Record<string, string>;
	sasl?: SaslConfig;
	/** `true` for TLS with the default trust store, or the TLS settings. */
	ssl?: SslConfig;
	/** Field names tried before the built-in record shapes', per field (`service`, `level`, …). */
	fields?: ShapeFieldSettings;
	/** IANA time zone of log times written without one (default UTC). */
	timeZone?: string;
	/** Saved filter lines by name (`B` saves, `b` recalls in the TUI). */
	filters?: Record<string, string>;
	/** The TUI reads the mouse (default true; `--no-mouse` and `--mouse` win). */
	mouse?: boolean;
};

/** The whole config file. */
export type KlogConfig = {
	defaults: ProfileConfig;
	profiles: Record<string, ProfileConfig>;
	/** Profile used when neither `--profile` nor `KLOG_PROFILE` names one. */
	defaultProfile?: string;
};

/** A validation problem: the dotted path of the field and what is wrong with it. */
export class ConfigSchemaError extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
	) {
		super(`${field} ${problem}`);
		this.name = 'ConfigSchemaError';
	}
}

const PROFILE_KEYS = [
	'brokers',
	'topics',
	'topic',
	'maxRecords',
	'tail',
	'colours',
	'colors',
	'sasl',
	'ssl',
	'fields',
	'timeZone',
	'filters',
	'mouse',
];
const FIELD_KEYS: readonly ShapeField[] = ['service', 'level', 'time', 'message', 'traceId', 'spanId'];
const SASL_KEYS = [
	'mechanism',
	'username',
	'password',
	'passwordEnv',
	'tokenCommand',
	'tokenFile',
	'tokenRefreshSeconds',
];
const SSL_KEYS = ['ca', 'cert', 'key', 'rejectUnauthorized'];
const TOP_KEYS = ['defaults', 'profiles', 'defaultProfile', '$schema'];
const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** Validate parsed JSON as a klog-tui config; throws `ConfigSchemaError` naming the first bad field. */
export function validateConfig(input: unknown): KlogConfig {
	const root = expectObject(input, '(top level)');
	rejectUnknownKeys(root, TOP_KEYS, '');
	const defaults = root.defaults === undefined ? {} : validateProfile(root.defaults, 'defaults');
	const profiles: Record<string, ProfileConfig> = {};
	if (root.profiles !== undefined) {
		const entries = expectObject(root.profiles, 'profiles');
		for (const [name, value] of Object.entries(entries)) {
			profiles[name] = validateProfile(value, `profiles.${name}`);
		}
	}
	const config: KlogConfig = {defaults, profiles};
	if (root.defaultProfile !== undefined) {
		const name = expectString(root.defaultProfile, 'defaultProfile');
		if (!(name in profiles))
			throw new ConfigSchemaError('defaultProfile', `names "${name}", which is not a profile`);
		config.defaultProfile = name;
	}
	return config;
}

function validateProfile(input: unknown, path: string): ProfileConfig {
	const raw = expectObject(input, path);
	rejectUnknownKeys(raw, PROFILE_KEYS, path);
	const profile: ProfileConfig = {};
	if (raw.brokers !== undefined) profile.brokers = brokerList(raw.brokers, `${path}.brokers`);
	if (raw.topics !== undefined && raw.topic !== undefined) {
		throw new ConfigSchemaError(`${path}.topic`, 'and topics are both set; keep one');
	}
	if (raw.topics !== undefined) profile.topics = stringList(raw.topics, `${path}.topics`, false);
	if (raw.topic !== undefined) profile.topics = [nonEmptyString(raw.topic, `${path}.topic`)];
	if (raw.maxRecords !== undefined)
		profile.maxRecords = positiveInteger(raw.maxRecords, `${path}.maxRecords`);
	if (raw.tail !== undefined) profile.tail = nonNegativeInteger(raw.tail, `${path}.tail`);
	if (raw.colours !== undefined && raw.colors !== undefined) {
		throw new ConfigSchemaError(`${path}.colors`, 'and colours are both set; keep one');
	}
	const colours = raw.colours ?? raw.colors;
	if (colours !== undefined) {
		profile.colours = colourMap(colours, `${path}.${raw.colours === undefined ? 'colors' : 'colours'}`);
	}
	if (raw.sasl !== undefined) profile.sasl = validateSasl(raw.sasl, `${path}.sasl`);
	if (raw.ssl !== undefined) profile.ssl = validateSsl(raw.ssl, `${path}.ssl`);
	if (raw.fields !== undefined) profile.fields = validateFields(raw.fields, `${path}.fields`);
	if (raw.timeZone !== undefined) profile.timeZone = timeZone(raw.timeZone, `${path}.timeZone`);
	if (raw.filters !== undefined) profile.filters = savedFilters(raw.filters, `${path}.filters`);
	if (raw.mouse !== undefined) {
		if (typeof raw.mouse !== 'boolean') throw new ConfigSchemaError(`${path}.mouse`, 'must be true or false');
		profile.mouse = raw.mouse;
	}
	return profile;
}

/** `{"service": ["app", "kubernetes.labels.team"]}`: dotted paths per field, a string or a list. */
function validateFields(input: unknown, path: string): ShapeFieldSettings {
	const raw = expectObject(input, path);
	rejectUnknownKeys(raw, FIELD_KEYS, path);
	const fields: ShapeFieldSettings = {};
	for (const key of FIELD_KEYS) {
		if (raw[key] !== undefined) fields[key] = stringList(raw[key], `${path}.${key}`, false);
	}
	return fields;
}

/** `{"5xx": "status>=500"}`: filter lines by name (a line is checked when it is used, as a typed one). */
function savedFilters(input: unknown, path: string): Record<string, string> {
	const raw = expectObject(input, path);
	const filters: Record<string, string> = {};
	for (const [name, line] of Object.entries(raw)) {
		const problem = filterNameProblem(name);
		if (problem) throw new ConfigSchemaError(`${path}.${name}`, `cannot be a filter name: ${problem}`);
		filters[name] = expectString(line, `${path}.${name}`);
		// The line is drawn in the footer as it is: no control characters.
		if (/[\x00-\x1f\x7f-\x9f]/.test(line as string)) {
			throw new ConfigSchemaError(`${path}.${name}`, 'has a control character');
		}
	}
	return filters;
}

function timeZone(input: unknown, path: string): string {
	const zone = nonEmptyString(input, path).trim();
	try {
		new Intl.DateTimeFormat('en-US', {timeZone: zone});
	} catch {
		throw new ConfigSchemaError(path, 'must be a time zone name like UTC or Europe/Paris');
	}
	return zone;
}

function validateSasl(input: unknown, path: string): SaslConfig {
	const raw = expectObject(input, path);
	rejectUnknownKeys(raw, SASL_KEYS, path);
	const sasl: SaslConfig = {};
	if (raw.mechanism !== undefined) {
		const text = expectString(raw.mechanism, `${path}.mechanism`);
		const mechanism = parseSaslMechanism(text);
		if (!mechanism) {
			throw new ConfigSchemaError(`${path}.mechanism`, `must be one of ${SASL_MECHANISMS.join(', ')}`);
		}
		sasl.mechanism = mechanism;
	}
	if (raw.username !== undefined) sasl.username = nonEmptyString(raw.username, `${path}.username`);
	if (raw.password !== undefined && raw.passwordEnv !== undefined) {
		throw new ConfigSchemaError(`${path}.passwordEnv`, 'and password are both set; keep one');
	}
	// Never echo the value: it is a secret even when it has the wrong type.
	if (raw.password !== undefined) {
		if (typeof raw.password !== 'string' || raw.password.length === 0) {
			throw new ConfigSchemaError(`${path}.password`, 'must be a non-empty string');
		}
		sasl.password = raw.password;
	}
	if (raw.passwordEnv !== undefined) {
		const name = nonEmptyString(raw.passwordEnv, `${path}.passwordEnv`);
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
			throw new ConfigSchemaError(`${path}.passwordEnv`, 'must be the name of an environment variable');
		}
		sasl.passwordEnv = name;
	}
	validateTokenSettings(raw, sasl, path);
	return sasl;
}

/** The OAUTHBEARER keys of a `sasl` block; they and the password keys exclude each other. */
function validateTokenSettings(raw: Record<string, unknown>, sasl: SaslConfig, path: string): void {
	if (raw.tokenCommand !== undefined && raw.tokenFile !== undefined) {
		throw new ConfigSchemaError(`${path}.tokenFile`, 'and tokenCommand are both set; keep one');
	}
	if (raw.tokenCommand !== undefined)
		sasl.tokenCommand = nonEmptyString(raw.tokenCommand, `${path}.tokenCommand`);
	if (raw.tokenFile !== undefined) sasl.tokenFile = nonEmptyString(raw.tokenFile, `${path}.tokenFile`);
	if (raw.tokenRefreshSeconds !== undefined) {
		sasl.tokenRefreshSeconds = positiveInteger(raw.tokenRefreshSeconds, `${path}.tokenRefreshSeconds`);
	}
	const tokenKey = (['tokenCommand', 'tokenFile', 'tokenRefreshSeconds'] as const).find(
		(key) => sasl[key] !== undefined,
	);
	if (tokenKey && sasl.mechanism !== undefined && sasl.mechanism !== 'oauthbearer') {
		throw new ConfigSchemaError(
			`${path}.${tokenKey}`,
			`applies only to mechanism oauthbearer, not ${sasl.mechanism}`,
		);
	}
	const passwordKey = (['username', 'password', 'passwordEnv'] as const).find(
		(key) => sasl[key] !== undefined,
	);
	if (passwordKey && (tokenKey || sasl.mechanism === 'oauthbearer')) {
		throw new ConfigSchemaError(
			`${path}.${passwordKey}`,
			'does not apply to oauthbearer: the token says who you are',
		);
	}
}

function validateSsl(input: unknown, path: string): SslConfig {
	if (input === true) return {};
	const raw = expectObject(input, path, 'true or an object');
	rejectUnknownKeys(raw, SSL_KEYS, path);
	const ssl: SslConfig = {};
	for (const key of ['ca', 'cert', 'key'] as const) {
		if (raw[key] !== undefined) ssl[key] = nonEmptyString(raw[key], `${path}.${key}`);
	}
	if ((ssl.cert === undefined) !== (ssl.key === undefined)) {
		throw new ConfigSchemaError(
			`${path}.${ssl.cert === undefined ? 'cert' : 'key'}`,
			'is missing: a client certificate needs both cert and key',
		);
	}
	if (raw.rejectUnauthorized !== undefined) {
		if (typeof raw.rejectUnauthorized !== 'boolean') {
			throw new ConfigSchemaError(`${path}.rejectUnauthorized`, 'must be true or false');
		}
		ssl.rejectUnauthorized = raw.rejectUnauthorized;
	}
	return ssl;
}

function expectObject(input: unknown, path: string, expected = 'an object'): Record<string, unknown> {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		throw new ConfigSchemaError(path, `must be ${expected}`);
	}
	return input as Record<string, unknown>;
}

function rejectUnknownKeys(raw: Record<string, unknown>, known: readonly string[], path: string): void {
	for (const key of Object.keys(raw)) {
		if (!known.includes(key)) {
			const field = path ? `${path}.${key}` : key;
			throw new ConfigSchemaError(field, `is not a known setting (known: ${knownList(known)})`);
		}
	}
}

function knownList(known: readonly string[]): string {
	// `topic`/`colors` are accepted spellings, not worth advertising.
	return known.filter((key) => key !== 'topic' && key !== 'colors' && key !== '$schema').join(', ');
}

function expectString(input: unknown, path: string): string {
	if (typeof input !== 'string') throw new ConfigSchemaError(path, 'must be a string');
	return input;
}

function nonEmptyString(input: unknown, path: string): string {
	const text = expectString(input, path);
	if (text.trim().length === 0) throw new ConfigSchemaError(path, 'must not be empty');
	return text;
}

function stringList(input: unknown, path: string, commaSeparated: boolean): string[] {
	let list: string[];
	if (typeof input === 'string') list = commaSeparated ? parseBrokerList(input) : [input.trim()];
	else if (Array.isArray(input)) {
		list = input.map((item, index) => nonEmptyString(item, `${path}[${index}]`).trim());
		if (commaSeparated) list = parseBrokerList(list);
	} else throw new ConfigSchemaError(path, 'must be a string or a list of strings');
	if (list.length === 0 || list.some((item) => item.length === 0)) {
		throw new ConfigSchemaError(path, 'must not be empty');
	}
	return list;
}

/** Brokers as the CLI checks `--brokers`: `host:port`, IPv6 in brackets, port defaulting to 9092. */
function brokerList(input: unknown, path: string): string[] {
	const list = stringList(input, path, true);
	try {
		return parseBrokerAddresses(list).map(formatBrokerAddress);
	} catch (error) {
		throw new ConfigSchemaError(path, `has a ${(error as Error).message}`);
	}
}

function positiveInteger(input: unknown, path: string): number {
	if (typeof input !== 'number' || !Number.isSafeInteger(input) || input < 1) {
		throw new ConfigSchemaError(path, 'must be a whole number above 0');
	}
	return input;
}

function nonNegativeInteger(input: unknown, path: string): number {
	if (typeof input !== 'number' || !Number.isSafeInteger(input) || input < 0) {
		throw new ConfigSchemaError(path, 'must be a whole number, 0 or more');
	}
	return input;
}

function colourMap(input: unknown, path: string): Record<string, string> {
	const raw = expectObject(input, path);
	const colours: Record<string, string> = {};
	for (const [service, value] of Object.entries(raw)) {
		const colour = expectString(value, `${path}.${service}`);
		if (!(foregroundColorNames as readonly string[]).includes(colour) && !HEX_COLOUR.test(colour)) {
			throw new ConfigSchemaError(
				`${path}.${service}`,
				'must be a colour name (like cyan, redBright) or #rrggbb',
			);
		}
		colours[service] = colour;
	}
	return colours;
}
