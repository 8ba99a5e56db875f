import type {FlagSpec} from './flag-spec.js';
import {FLAGS} from './flag-table.js';

/**
 * The left column of a flag's help line: `--brokers, -b <list>`. Exported so the README's
 * flag tables (tools/readme/readme-sections.ts) name flags exactly as `--help` does.
 */
export function flagLabel(flag: FlagSpec): string {
	const long = flag.negatable ? `--no-${flag.name}` : `--${flag.name}`;
	const short = flag.short ? `, -${flag.short}` : '';
	const value = flag.valueName ? ` ${flag.valueName}` : '';
	return `${long}${short}${value}`;
}

/**
 * The flags of each command: the viewer's, the demo's own, and the ones the demo shares with
 * the viewer. `--help` and the README's flag tables both list them from here, so they agree.
 */
export function flagGroups(flags: readonly FlagSpec[] = FLAGS) {
	return {
		viewer: flags.filter((flag) => flag.commands.includes('view')),
		demoOnly: flags.filter((flag) => flag.commands.includes('demo') && !flag.commands.includes('view')),
		shared: flags.filter((flag) => flag.commands.includes('demo') && flag.commands.includes('view')),
	};
}

/** `text` in lines of at most `width` characters, broken between words. */
function wrapWords(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ')) {
		if (line !== '' && line.length + 1 + word.length > width) {
			lines.push(line);
			line = word;
		} else line = line === '' ? word : `${line} ${word}`;
	}
	if (line !== '') lines.push(line);
	return lines;
}

function section(title: string, flags: readonly FlagSpec[], width: number): string[] {
	return [title, ...flags.map((flag) => `  ${flagLabel(flag).padEnd(width)}  ${flag.description}`)];
}

/**
 * The help text in meow's usual form (Usage, Options, Examples; meow indents it and
 * puts the package description on top). Built from the flag table, so it lists every flag.
 */
export function helpText(): string {
	const {viewer: viewerFlags, demoOnly: demoOnlyFlags, shared} = flagGroups();
	const sharedNames = wrapWords(`It also takes ${shared.map((flag) => `--${flag.name}`).join(', ')}.`, 92);
	const width = Math.max(...FLAGS.map((flag) => flagLabel(flag).length));
	return [
		'Usage',
		'  $ klog-tui [options]         watch logs in the terminal UI (plain lines when piped)',
		'  $ klog-tui demo [options]    play a few services that send demo logs to the topic',
		'  $ klog-tui lag [options]     the consumer groups reading the topic, and their lag',
		'',
		...section('Options', viewerFlags, width),
		'',
		...section('Demo options', demoOnlyFlags, width),
		...sharedNames.map((line) => `  ${line}`),
		'',
		'Consumer groups',
		'  klog-tui reads as a new group of its own, deleted on exit. With --group it refuses a group',
		'  with live members (unless --join-live-group), never deletes a group it did not create, and',
		'  commits only with --commit: the offsets after the records shown. --commit needs --group.',
		'  klog-tui lag takes --topic, --brokers, --output and the connection flags; it only reads.',
		'',
		'Examples',
		'  $ klog-tui',
		'  $ klog-tui -b kafka-1:9092,kafka-2:9092 -t logs --service api --level warn',
		'  $ klog-tui --since 15m --grep timeout --grep "!healthcheck"',
		'  $ klog-tui --plain --output json --from-beginning --exit | jq .message',
		"  $ klog-tui --since 2026-12-07T10:40Z --until 2026-12-07T10:45Z -t '/^payments-/'",
		'  $ klog-tui demo --rate 5 --services api,auth',
		'  $ klog-tui lag -t logs --output json | jq .totalLag',
		'',
		'Exit codes',
		'  0  done (plain --exit: read to the end)',
		'  1  plain --exit read to the end, but skipped a record batch it could not decode',
		'  2  bad command line, or Kafka could not be read',
	].join('\n');
}

/**
 * The second line of every command-line refusal. The first says what is wrong; this one
 * says where the right way is written, as git and coreutils do, rather than printing the
 * whole help (sixty lines that scroll the one useful line away).
 */
export const USAGE_HINT = "Try 'klog-tui --help' for the flags and examples.";

/** What stderr shows for a bad command line: the problem on one line, then the hint. */
export function usageErrorLines(message: string): [string, string] {
	return [`klog-tui: ${message}`, USAGE_HINT];
}
