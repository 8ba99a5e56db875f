/**
 * Topic patterns: `-t '/regex/'` reads every topic whose name matches, as kafkajs' and Kafka's
 * own pattern subscriptions do. Pure: the names come from the caller (a metadata look-up).
 *
 * Kafka's internal topics (`__consumer_offsets`, `__transaction_state`, and any other name that
 * starts with `__`) are never matched by accident: a pattern reaches them only when its own
 * text says `__`.
 */

/** A pattern as typed: `/source/` or `/source/flags` (flags: i, s, u, m). */
export type TopicPattern = {text: string; regex: RegExp; internal: boolean};

export type TopicPatternResult = {ok: true; pattern: TopicPattern} | {ok: false; error: string};

const PATTERN_TEXT = /^\/(.+)\/([a-z]*)$/s;
/** Flags that make sense for a name: no global or sticky state between tests. */
const ALLOWED_FLAGS = /^[imsu]*$/;

/** Whether a `-t` value is a pattern rather than a topic name (Kafka names never contain `/`). */
export function isTopicPatternText(text: string): boolean {
	return text.startsWith('/');
}

/** Read `/regex/flags`; an error is one line that names the value. */
export function parseTopicPattern(text: string): TopicPatternResult {
	const match = PATTERN_TEXT.exec(text);
	if (!match) return {ok: false, error: `-t '${text}': a topic pattern is written /regex/`};
	const [, source, flags] = match as unknown as [string, string, string];
	if (!ALLOWED_FLAGS.test(flags))
		return {ok: false, error: `-t '${text}': a topic pattern takes only the flags i, m, s and u`};
	try {
		return {ok: true, pattern: {text, regex: new RegExp(source, flags), internal: source.includes('__')}};
	} catch (error) {
		return {ok: false, error: `-t '${text}': not a valid regex: ${(error as Error).message}`};
	}
}

/** Whether `topic` is one the pattern reads (a search anywhere in the name, as `grep`; anchor with ^ $). */
export function patternMatches(pattern: TopicPattern, topic: string): boolean {
	if (topic.startsWith('__') && !pattern.internal) return false;
	return pattern.regex.test(topic);
}

/** The names any of `patterns` matches, sorted, each once. */
export function matchingTopics(patterns: readonly TopicPattern[], names: readonly string[]): string[] {
	return [
		...new Set(names.filter((name) => patterns.some((pattern) => patternMatches(pattern, name)))),
	].sort();
}

/** Every pattern text, parsed; throws an Error with the first problem's line. */
export function parseTopicPatterns(texts: readonly string[]): TopicPattern[] {
	return texts.map((text) => {
		const result = parseTopicPattern(text);
		if (!result.ok) throw new Error(result.error);
		return result.pattern;
	});
}
