import meow, {type AnyFlag, type AnyFlags} from 'meow';
import {LEVEL_INPUT_HELP, levelFromUserText} from '../record/level.js';
import type {KnownLevel} from '../record/log-record.js';
import {formatBrokerAddress, parseBrokerAddresses} from '../settings/broker-address.js';
import {
	type CliParseResult,
	COMPRESSIONS,
	type CommonSettings,
	type Compression,
	DEFAULT_BROKERS,
	DEFAULT_DEMO_RATE,
	DEFAULT_DEMO_SERVICES,
	DEFAULT_TAIL,
	DEFAULT_TIMEOUT_SECONDS,
	DEFAULT_TOPIC,
	DEMO_PARTITIONS,
	type DemoSettings,
	type LagSettings,
	type ViewerSettings,
} from '../settings/run-settings.js';
import {parseSince} from '../shared/duration.js';
import type {FilterSpec, ServiceFilter} from '../store/filter/filter-spec.js';
import {parseFilterTerm} from '../store/filter/record-filter.js';
import {DEFAULT_MAX_RECORDS} from '../store/log-store.js';
import type {StartPosition} from '../stream/start-position.js';
import {isTopicPatternText} from '../stream/topic-pattern.js';
import {camelCase, FLAGS} from './flag-table.js';
import {helpText} from './help-text.js';
import {scanArgv} from './scan-argv.js';
import {timeWindow, topicsAndPatterns} from './time-window-flags.js';
import {viewerMode} from './viewer-mode.js';

/** What the parser needs from the outside world; injectable so tests need no process. */
export type CliInput = {
	argv: readonly string[];
	env: Readonly<Record<string, string | undefined>>;
	/** Whether stdout is a terminal (chooses TUI or plain lines, and colour). */
	stdoutIsTTY: boolean;
	/** `import.meta` of the caller: meow finds package.json (name, version, description) from it. */
	importMeta: ImportMeta;
	/** Clock for `--since 15m`. */
	now?: number;
};

/** A problem with the command line, as one line for stderr. */
class UsageProblem extends Error {}

type Flags = Record<string, unknown>;

/**
 * Read the command line into a typed `RunSettings`, or help, version, or a one-line error.
 * Never exits and never prints: the caller decides (exit code 2 for errors).
 */
export function parseCli(input: CliInput): CliParseResult {
	const scan = scanArgv(input.argv);
	const wantsHelp = scan.given.includes('help');
	const wantsVersion = scan.given.includes('version');
	// A malformed line is refused before meow sees it: meow would throw or exit on some.
	if (scan.problem && !wantsHelp && !wantsVersion) return {kind: 'error', message: scan.problem};
	const cli = meow(helpText(), {
		importMeta: input.importMeta,
		argv: scan.problem ? [wantsHelp ? '--help' : '--version'] : [...input.argv],
		autoHelp: false,
		autoVersion: false,
		allowUnknownFlags: true,
		flags: meowFlags(),
	});
	if (wantsHelp) return {kind: 'help', text: cli.help.replace(/^\n/, '')};
	if (wantsVersion) return {kind: 'version', text: String(cli.pkg.version ?? 'unknown')};

	try {
		const flags = cli.flags as Flags;
		const common = commonConfig(flags, input.env);
		const config =
			scan.command === 'demo'
				? demoConfig(flags, common, input.env)
				: scan.command === 'lag'
					? lagConfig(flags, common)
					: viewerConfig(flags, common, input, new Set(scan.given));
		return {kind: 'run', config};
	} catch (error) {
		if (error instanceof UsageProblem) return {kind: 'error', message: error.message};
		throw error;
	}
}

function meowFlags(): AnyFlags {
	const flags: AnyFlags = {};
	for (const flag of FLAGS) {
		const spec = {
			type: flag.type,
			...(flag.short ? {shortFlag: flag.short} : {}),
			...(flag.multiple ? {isMultiple: true} : {}),
			// meow defaults booleans to false; a `--no-x` flag is on unless negated.
			...(flag.negatable ? {default: true} : {}),
		};
		flags[camelCase(flag.name)] = spec as AnyFlag;
	}
	return flags;
}

function text(flags: Flags, name: string): string | undefined {
	const value = flags[camelCase(name)];
	return typeof value === 'string' ? value : undefined;
}

function list(flags: Flags, name: string): string[] {
	const value = flags[camelCase(name)];
	return Array.isArray(value) ? value.map(String) : [];
}

/** Split repeated, comma separated values into trimmed, non-empty items. */
function items(values: readonly string[]): string[] {
	return values
		.flatMap((value) => value.split(','))
		.map((value) => value.trim())
		.filter((value) => value.length > 0);
}

function commonConfig(flags: Flags, env: CliInput['env']): CommonSettings {
	const brokerText = text(flags, 'brokers') ?? (env.KAFKA_BROKERS?.trim() || DEFAULT_BROKERS);
	let brokers: string[];
	try {
		brokers = parseBrokerAddresses(brokerText).map(formatBrokerAddress);
	} catch (error) {
		const source = text(flags, 'brokers') === undefined && env.KAFKA_BROKERS ? 'KAFKA_BROKERS' : '--brokers';
		throw new UsageProblem(`${source}: ${(error as Error).message}`);
	}
	return {
		brokers,
		allowProduce: flags.allowProduce === true,
		logFile: text(flags, 'log-file'),
		rawFlags: flags,
	};
}

/** A whole number ≥ `min`, or a usage problem naming the flag. */
function wholeNumber(value: string, flag: string, min: number): number {
	const trimmed = value.trim();
	const number = Number(trimmed);
	if (!/^-?\d+$/.test(trimmed) || !Number.isSafeInteger(number)) {
		throw new UsageProblem(`--${flag} must be a whole number, not '${value}'`);
	}
	if (number < min) throw new UsageProblem(`--${flag} must be ${min} or more, not ${number}`);
	return number;
}

function positiveNumber(value: string, flag: string): number {
	const number = Number(value.trim());
	if (value.trim() === '' || !Number.isFinite(number) || number <= 0) {
		throw new UsageProblem(`--${flag} must be a number above 0, not '${value}'`);
	}
	return number;
}

function parseLevel(value: string): KnownLevel {
	const level = levelFromUserText(value);
	if (level === undefined) throw new UsageProblem(`--level takes ${LEVEL_INPUT_HELP}, not '${value}'`);
	return level;
}

function serviceFilter(values: readonly string[]): ServiceFilter {
	const names = items(values);
	const excluded = names.filter((name) => name.startsWith('!'));
	if (excluded.length === 0) {
		return names.length === 0
			? {mode: 'exclude', services: new Set()}
			: {mode: 'include', services: new Set(names)};
	}
	if (excluded.length !== names.length) {
		throw new UsageProblem('--service: give either services to show or !services to hide, not both');
	}
	return {mode: 'exclude', services: new Set(excluded.map((name) => name.slice(1)))};
}

/**
 * The `--grep` terms, each checked here so that a bad regex is refused like any other bad
 * flag (with the hint to --help) before a connection is made.
 */
function grepTerms(values: readonly string[]): string[] {
	const terms = values.filter((term) => term.length > 0);
	for (const term of terms) {
		const parsed = parseFilterTerm(term);
		if (parsed.kind === 'invalid') throw new UsageProblem(`--grep: ${parsed.term}: ${parsed.error}`);
	}
	return terms;
}

/** Whether colours are on for plain output (https://no-color.org, FORCE_COLOR as chalk reads it). */
export function colourWanted(colourFlag: boolean, env: CliInput['env'], stdoutIsTTY: boolean): boolean {
	if (!colourFlag) return false;
	if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
	const force = env.FORCE_COLOR;
	if (force !== undefined) return !['0', 'false'].includes(force.trim().toLowerCase());
	return stdoutIsTTY;
}

function startPosition(flags: Flags, given: ReadonlySet<string>, now: number): StartPosition {
	const chosen = ['tail', 'from-beginning', 'since'].filter((name) => given.has(name));
	if (chosen.length > 1) {
		throw new UsageProblem(`--${chosen[0]} and --${chosen[1]} cannot be used together: pick one start`);
	}
	if (flags.fromBeginning === true) return {kind: 'beginning'};
	const since = text(flags, 'since');
	if (since !== undefined) {
		try {
			return {kind: 'since', time: parseSince(since, now)};
		} catch (error) {
			throw new UsageProblem((error as Error).message);
		}
	}
	const tail = text(flags, 'tail');
	return {kind: 'tail', count: tail === undefined ? DEFAULT_TAIL : wholeNumber(tail, 'tail', 0)};
}

function viewerConfig(
	flags: Flags,
	common: CommonSettings,
	input: CliInput,
	given: ReadonlySet<string>,
): ViewerSettings {
	const {topics, patterns} = usage(() => topicsAndPatterns(list(flags, 'topic')));
	const output = outputFormat(flags);
	if (given.has('group') && given.has('group-prefix')) {
		throw new UsageProblem('--group and --group-prefix cannot be used together');
	}
	const withoutGroup = flags.withoutGroup === true;
	const groupFlag = ['group', 'group-prefix', 'commit', 'join-live-group'].find((name) => given.has(name));
	if (withoutGroup && groupFlag) {
		throw new UsageProblem(`--without-group and --${groupFlag} cannot be used together: there is no group`);
	}
	const group = text(flags, 'group')?.trim();
	if (group === '') throw new UsageProblem('--group must not be empty');
	// The per-run group is deleted on exit: offsets committed to it would only be lost, and one
	// kept would be a randomly named group left on the cluster.
	if (flags.commit === true && group === undefined)
		throw new UsageProblem('--commit needs --group <id>: the per-run group is deleted on exit');
	if (flags.joinLiveGroup === true && group === undefined)
		throw new UsageProblem(
			'--join-live-group needs --group <id>: the per-run group is new and has no members',
		);
	const level = text(flags, 'level');
	const filter: FilterSpec = {
		services: serviceFilter(list(flags, 'service')),
		minLevel: level === undefined ? undefined : parseLevel(level),
		terms: grepTerms(list(flags, 'grep')),
	};
	const now = input.now ?? Date.now();
	const window = usage(() => timeWindow(text(flags, 'until'), given, startPosition(flags, given, now), now));
	const timeout = text(flags, 'timeout');
	const maxRecords = text(flags, 'max-records');
	const mode = viewerMode((name) => flags[camelCase(name)], input.stdoutIsTTY);
	return {
		...common,
		command: 'view',
		mode,
		topics: topics.length > 0 || patterns.length > 0 ? [...new Set(topics)] : [DEFAULT_TOPIC],
		topicPatterns: patterns,
		group,
		groupPrefix: text(flags, 'group-prefix'),
		withoutGroup,
		start: window.start,
		until: window.until,
		output,
		// --until ends plain output where the window ends, as --exit ends it at the topic's end.
		exitAtEnd: flags.exit === true || (window.until !== undefined && mode === 'plain'),
		timeoutMs: (timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : positiveNumber(timeout, 'timeout')) * 1000,
		filter,
		maxRecords: maxRecords === undefined ? DEFAULT_MAX_RECORDS : wholeNumber(maxRecords, 'max-records', 100),
		commit: flags.commit === true,
		joinLiveGroup: flags.joinLiveGroup === true,
		colour: colourWanted(flags.color !== false, input.env, input.stdoutIsTTY),
		// Not given: the config file's `mouse`, else on (source/session/resolve-settings.ts).
		mouse: given.has('mouse') ? flags.mouse !== false : undefined,
	};
}

/** Run `read`, turning its Error into a usage problem (one line, exit 2). */
function usage<T>(read: () => T): T {
	try {
		return read();
	} catch (error) {
		throw new UsageProblem((error as Error).message);
	}
}

/** Topic names only: a pattern is for viewing. */
function literalTopics(topics: string[], command: string): string[] {
	const pattern = topics.find(isTopicPatternText);
	if (pattern !== undefined)
		throw new UsageProblem(`${command} takes topic names, not a pattern: '${pattern}'`);
	return topics;
}

/** `--output`: text (the default) or json. */
function outputFormat(flags: Flags): 'text' | 'json' {
	const output = (text(flags, 'output') ?? 'text').trim().toLowerCase();
	if (output !== 'text' && output !== 'json') {
		throw new UsageProblem(`--output must be text or json, not '${text(flags, 'output')}'`);
	}
	return output;
}

/** `klog-tui lag`: the consumer groups of the topics and their lag, once. */
function lagConfig(flags: Flags, common: CommonSettings): LagSettings {
	const topics = literalTopics(items(list(flags, 'topic')), 'klog-tui lag');
	return {
		...common,
		command: 'lag',
		topics: topics.length > 0 ? [...new Set(topics)] : [DEFAULT_TOPIC],
		output: outputFormat(flags),
	};
}

function demoConfig(flags: Flags, common: CommonSettings, env: CliInput['env']): DemoSettings {
	const topics = literalTopics(items(list(flags, 'topic')), 'klog-tui demo');
	if (new Set(topics).size > 1)
		throw new UsageProblem('klog-tui demo writes to one topic: give --topic once');
	const servicesText = text(flags, 'services');
	const services =
		servicesText !== undefined
			? items([servicesText])
			: env.SERVICE_NAME?.trim()
				? [env.SERVICE_NAME.trim()]
				: [...DEFAULT_DEMO_SERVICES];
	if (services.length === 0) throw new UsageProblem('--services needs at least one name');
	const rate = text(flags, 'rate');
	const count = text(flags, 'count');
	const compression = (text(flags, 'compression') ?? 'none').trim().toLowerCase();
	if (!(COMPRESSIONS as readonly string[]).includes(compression)) {
		throw new UsageProblem(
			`--compression must be one of ${COMPRESSIONS.join(', ')}, not '${text(flags, 'compression')}'`,
		);
	}
	return {
		...common,
		command: 'demo',
		topic: topics[0] ?? DEFAULT_TOPIC,
		rate: rate === undefined ? DEFAULT_DEMO_RATE : positiveNumber(rate, 'rate'),
		services: [...new Set(services)],
		count: count === undefined ? undefined : wholeNumber(count, 'count', 1),
		partitions: DEMO_PARTITIONS,
		compression: compression as Compression,
	};
}
