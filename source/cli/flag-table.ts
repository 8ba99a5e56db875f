import type {CommandName, FlagSpec} from './flag-spec.js';
/**
 * Every command-line flag of klog-tui, as one table. meow's flag options, the
 * unknown-flag check with its nearest-flag hint and the help text are all built
 * from this table, so a flag added here (the security flags, for example) is
 * parsed, checked and documented in one step.
 */

import {LEVEL_INPUT_HELP} from '../record/level.js';
import {SECURITY_FLAG_SPECS} from './security-flags.js';

/** Flags every command takes: where the cluster is, and how to reach it. */
const all: readonly CommandName[] = ['view', 'demo', 'lag'];
const viewAndDemo: readonly CommandName[] = ['view', 'demo'];
const view: readonly CommandName[] = ['view'];
const viewAndLag: readonly CommandName[] = ['view', 'lag'];
const demo: readonly CommandName[] = ['demo'];

/** The flags, in the order the help lists them. */
export const FLAGS: readonly FlagSpec[] = [
	{
		name: 'brokers',
		short: 'b',
		type: 'string',
		valueName: '<list>',
		description: 'Kafka brokers, comma separated (default $KAFKA_BROKERS, else localhost:9092)',
		commands: all,
	},
	{
		name: 'topic',
		short: 't',
		type: 'string',
		multiple: true,
		valueName: '<name>',
		description: "Topic to read; repeat for several; '/regex/' reads every matching topic (default logs)",
		commands: all,
	},
	{
		name: 'group',
		type: 'string',
		valueName: '<id>',
		description: 'Consumer group id (default: a new group per run)',
		commands: view,
	},
	{
		name: 'group-prefix',
		type: 'string',
		valueName: '<prefix>',
		description: 'Prefix of the per-run group id (default klog-tui-)',
		commands: view,
	},
	{
		name: 'without-group',
		type: 'boolean',
		description: 'Read without a consumer group, like kcat -C (needs only topic READ/DESCRIBE)',
		commands: view,
	},
	{
		name: 'tail',
		type: 'string',
		valueName: '<n>',
		description: 'Start with the last n records, spread over the partitions (default 200)',
		commands: view,
	},
	{
		name: 'from-beginning',
		type: 'boolean',
		description: 'Start at the oldest record',
		commands: view,
	},
	{
		name: 'since',
		type: 'string',
		valueName: '<time>',
		description: 'Start at a time: a duration back (15m, 2h, 1d) or an ISO time',
		commands: view,
	},
	{
		name: 'until',
		type: 'string',
		valueName: '<time>',
		description:
			'Stop each partition at a time (record timestamps, like kcat -o e@T): with --since a window; plain output ends there',
		commands: view,
	},
	{
		name: 'plain',
		type: 'boolean',
		description: 'Print lines instead of the TUI (automatic when stdout is not a terminal)',
		commands: view,
		choosesPlain: true,
	},
	{
		name: 'output',
		short: 'o',
		type: 'string',
		valueName: '<format>',
		description: 'Plain output format: text or json (JSON lines with every field)',
		commands: viewAndLag,
		choosesPlain: 'json',
	},
	{
		name: 'exit',
		short: 'e',
		type: 'boolean',
		description:
			'Plain output: stop once caught up with the end of the topic; reads without a consumer group, as kcat -e, unless --group',
		commands: view,
		choosesPlain: true,
	},
	{
		name: 'timeout',
		type: 'string',
		valueName: '<seconds>',
		description: 'With --exit: give up when no broker answers within this time (default 15)',
		commands: view,
	},
	{
		name: 'service',
		short: 's',
		type: 'string',
		multiple: true,
		valueName: '<name>',
		description: 'Show only this service; repeat for several; !name hides it instead',
		commands: view,
	},
	{
		name: 'level',
		short: 'l',
		type: 'string',
		valueName: '<level>',
		description: `Minimum level: ${LEVEL_INPUT_HELP}`,
		commands: view,
	},
	{
		name: 'grep',
		short: 'g',
		type: 'string',
		multiple: true,
		valueName: '<term>',
		description:
			'Keep lines matching a term: text, /regex/, field=value, status>=500, has:path, a|b (README: Filter syntax); !term excludes; repeat to AND',
		commands: view,
	},
	{
		name: 'max-records',
		type: 'string',
		valueName: '<n>',
		description: 'Records kept in memory for the TUI (default 50000)',
		commands: view,
	},
	{
		name: 'commit',
		type: 'boolean',
		description:
			'With --group: commit the offsets of the records shown (off by default: a viewer leaves no trace)',
		commands: view,
	},
	{
		name: 'join-live-group',
		type: 'boolean',
		description:
			'With --group: join even a group with live members (rebalances them, takes their partitions)',
		commands: view,
	},
	{
		name: 'allow-produce',
		type: 'boolean',
		description: 'Allow writing demo records to a cluster that is not on this machine',
		commands: viewAndDemo,
	},
	{
		name: 'rate',
		type: 'string',
		valueName: '<n>',
		description: 'Records per second per service (default 2)',
		commands: demo,
	},
	{
		name: 'services',
		type: 'string',
		valueName: '<list>',
		description: 'Services to play, comma separated (default api,auth,payments,worker; or $SERVICE_NAME)',
		commands: demo,
	},
	{
		name: 'count',
		type: 'string',
		valueName: '<n>',
		description: 'Stop after sending n records in all',
		commands: demo,
	},
	{
		name: 'compression',
		type: 'string',
		valueName: '<codec>',
		description: 'Compress the record batches: none, gzip, snappy, lz4 or zstd (default none)',
		commands: demo,
	},
	{
		name: 'log-file',
		type: 'string',
		valueName: '<path>',
		description: 'Write the Kafka client logs to this file (default: nowhere)',
		commands: all,
	},
	{
		name: 'color',
		type: 'boolean',
		negatable: true,
		description: 'No colours (also when NO_COLOR is set)',
		commands: view,
	},
	{
		name: 'mouse',
		type: 'boolean',
		negatable: true,
		description: 'No mouse in the TUI: the terminal keeps the wheel and clicks (to select text)',
		commands: view,
	},
	// Config file, profiles, SASL and TLS (source/cli/security-flags.ts).
	...SECURITY_FLAG_SPECS,
	{
		name: 'help',
		short: 'h',
		type: 'boolean',
		description: 'Show this help',
		commands: all,
	},
	{
		name: 'version',
		short: 'v',
		type: 'boolean',
		description: 'Show the version',
		commands: all,
	},
];

/** The flags a command accepts. */
export function flagsFor(command: CommandName): FlagSpec[] {
	return FLAGS.filter((flag) => flag.commands.includes(command));
}

/** How the flag is written on the command line (`--no-color` for a negatable one). */
export function displayName(flag: FlagSpec): string {
	return flag.negatable ? `--no-${flag.name}` : `--${flag.name}`;
}

/** `group-prefix` → `groupPrefix`: meow's flag keys are camelCase. */
export function camelCase(name: string): string {
	return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
