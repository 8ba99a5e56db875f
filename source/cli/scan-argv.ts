import type {CommandName, FlagSpec} from './flag-spec.js';
import {camelCase, displayName, FLAGS} from './flag-table.js';
import {nearestName} from './nearest-flag.js';

/** What the command line holds, as far as flags go: which were given, and the first problem found. */
export type ArgvScan = {
	command: CommandName;
	/** Long names of the flags given, in order (repeats included). */
	given: string[];
	/** Positional arguments after the command. */
	positionals: string[];
	/** The value each flag was last given, by long name: a boolean's on or off, a string's text. */
	values: Map<string, string | boolean>;
	/** One-line description of the first problem, or undefined when the flags are well formed. */
	problem: string | undefined;
};

const COMMANDS = ['demo', 'lag'] as const;
const negativeNumber = /^-(?:\d+|\d*\.\d+)(?:e[+-]?\d+)?$/i;

function byLongName(name: string): FlagSpec | undefined {
	return FLAGS.find((flag) => flag.name === name || camelCase(flag.name) === name);
}

function byShortName(letter: string): FlagSpec | undefined {
	return FLAGS.find((flag) => flag.short === letter);
}

/** The names a user might have meant, as typed after `--`. */
function longCandidates(): string[] {
	return FLAGS.map((flag) => displayName(flag).slice(2));
}

/** True when the token after a value flag would be taken as its value (yargs' rule). */
function isValueToken(token: string | undefined): token is string {
	return token !== undefined && (!token.startsWith('-') || negativeNumber.test(token) || token === '-');
}

/**
 * Walk the raw arguments the way meow's parser (yargs-parser) will, but keep what it
 * forgets: unknown flags (with the nearest known name as a hint), flags missing their
 * value, flags given twice, flags of the other command, and stray arguments.
 */
export function scanArgv(argv: readonly string[]): ArgvScan {
	const given: string[] = [];
	const positionals: string[] = [];
	const values = new Map<string, string | boolean>();
	let command: CommandName = 'view';
	let commandSeen = false;
	let problem: string | undefined;
	const fail = (message: string) => {
		problem ??= message;
	};

	for (let index = 0; index < argv.length; index++) {
		const token = argv[index]!;
		if (token === '--') {
			positionals.push(...argv.slice(index + 1));
			break;
		}
		if (token.startsWith('--')) {
			const [rawName = '', inlineValue] = splitOnce(token.slice(2), '=');
			let flag = byLongName(rawName);
			let negated = false;
			if (!flag && rawName.startsWith('no-')) {
				const positive = byLongName(rawName.slice(3));
				negated = positive?.type === 'boolean';
				if (negated) flag = positive;
			}
			if (!flag) {
				const hint = nearestName(rawName, longCandidates());
				fail(`unknown flag --${rawName}${hint ? `, did you mean --${hint}?` : ''}`);
				continue;
			}
			given.push(flag.name);
			if (flag.type === 'boolean') {
				// `--no-x` and `--x=false` turn it off, as yargs reads them.
				values.set(flag.name, !negated && inlineValue !== 'false');
			} else if (inlineValue === undefined) {
				const next = argv[index + 1];
				if (isValueToken(next)) {
					values.set(flag.name, next);
					index++;
				} else fail(needsValue(flag));
			} else if (inlineValue === '') {
				fail(needsValue(flag));
			} else values.set(flag.name, inlineValue);
			continue;
		}
		if (token.startsWith('-') && token.length > 1 && !negativeNumber.test(token)) {
			const letters = token.slice(1);
			for (let position = 0; position < letters.length; position++) {
				const letter = letters[position]!;
				const flag = byShortName(letter);
				if (!flag) {
					// One letter is one edit from any other: no "did you mean" for short flags.
					fail(`unknown flag -${letter}`);
					break;
				}
				given.push(flag.name);
				if (flag.type === 'boolean') values.set(flag.name, true);
				else {
					// `-b host:9092` takes the next token. Joined to the letter, yargs takes a value
					// only after `=`, or one that is a number or starts with a sign (`-t5`,
					// `-g/re/`); `-ojson` it reads as -o -j -s -o -n, and `-tlogs` as -t -l -o -g -s.
					if (position < letters.length - 1) {
						const rest = letters.slice(position + 1);
						if (rest.startsWith('=')) values.set(flag.name, rest.slice(1));
						else if (/^\W/.test(rest) || negativeNumber.test(`-${rest}`)) values.set(flag.name, rest);
						else fail(`-${letter} takes its value after a space: -${letter} ${rest}`);
						break;
					}
					const next = argv[index + 1];
					if (isValueToken(next)) {
						values.set(flag.name, next);
						index++;
					} else fail(`-${letter} (${displayName(flag)}) needs a value`);
				}
			}
			continue;
		}
		if (!commandSeen && positionals.length === 0 && (COMMANDS as readonly string[]).includes(token)) {
			command = token as CommandName;
			commandSeen = true;
			continue;
		}
		positionals.push(token);
	}

	if (positionals.length > 0) {
		const first = positionals[0]!;
		const hint = commandSeen ? undefined : nearestName(first, COMMANDS);
		fail(
			hint
				? `unexpected argument '${first}', did you mean 'klog-tui ${hint}'?`
				: `unexpected argument '${first}' (flags start with --)`,
		);
	}

	const seen = new Set<string>();
	for (const name of given) {
		const flag = byLongName(name)!;
		if (!flag.multiple && seen.has(name)) {
			fail(`${displayName(flag)} can only be given once`);
		}
		seen.add(name);
		if (!flag.commands.includes(command)) {
			fail(
				command === 'view'
					? `${displayName(flag)} is only for ${flag.commands.map((name) => `'klog-tui ${name}'`).join(' and ')}`
					: `${displayName(flag)} is not a flag of 'klog-tui ${command}'`,
			);
		}
	}

	return {command, given, positionals, values, problem};
}

function needsValue(flag: FlagSpec): string {
	// `--grep=-x` is how a value starting with - is written, so the hint shows that form.
	return `${displayName(flag)} needs a value, e.g. ${displayName(flag)}=${flag.valueName ?? '<value>'}`;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
	const at = text.indexOf(separator);
	return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
