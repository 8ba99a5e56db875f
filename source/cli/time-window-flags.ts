import {parseSince} from '../shared/duration.js';
import type {StartPosition} from '../stream/start-position.js';
import {isTopicPatternText, parseTopicPatterns} from '../stream/topic-pattern.js';

/**
 * `--until` and `-t '/regex/'`, read from the command line. Each throws an Error with one
 * line for the user; parse-cli.ts turns it into a usage problem (exit 2).
 */

/** The start and end of what is read: `--until` needs a start at a time or the beginning. */
export type TimeWindow = {start: StartPosition; until: number | undefined};

/**
 * The window from `--until` and the start flags. `--until` alone reads from the beginning
 * (the records before it); with `--tail` it is refused, as the last n records are counted
 * from the topic's end, not the window's.
 */
export function timeWindow(
	untilText: string | undefined,
	given: ReadonlySet<string>,
	start: StartPosition,
	now: number,
): TimeWindow {
	if (untilText === undefined) return {start, until: undefined};
	const until = parseSince(untilText, now, '--until');
	if (given.has('tail'))
		throw new Error(
			'--tail and --until cannot be used together: start the window with --since or --from-beginning',
		);
	if (start.kind === 'since' && until <= start.time)
		throw new Error(`--until '${untilText.trim()}' is not after --since: the window would be empty`);
	return {start: start.kind === 'since' ? start : {kind: 'beginning'}, until};
}

/**
 * `-t` values: names (comma separated, as before) and `/regex/` patterns (kept whole: a regex
 * may hold a comma). Every pattern is checked here, so a bad one is refused before connecting.
 */
export function topicsAndPatterns(values: readonly string[]): {topics: string[]; patterns: string[]} {
	const topics: string[] = [];
	const patterns: string[] = [];
	for (const value of values) {
		const trimmed = value.trim();
		if (isTopicPatternText(trimmed)) patterns.push(trimmed);
		else
			topics.push(
				...trimmed
					.split(',')
					.map((name) => name.trim())
					.filter((name) => name.length > 0),
			);
	}
	parseTopicPatterns(patterns);
	return {topics, patterns: [...new Set(patterns)]};
}
