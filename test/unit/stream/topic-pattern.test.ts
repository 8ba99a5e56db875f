import {describe, expect, it} from 'vitest';
import {
	isTopicPatternText,
	matchingTopics,
	parseTopicPattern,
	parseTopicPatterns,
	patternMatches,
} from '../../../source/stream/topic-pattern.js';

function pattern(text: string) {
	const result = parseTopicPattern(text);
	if (!result.ok) throw new Error(result.error);
	return result.pattern;
}

describe('topic patterns', () => {
	it('tells a pattern from a name: Kafka names never hold a slash', () => {
		expect(isTopicPatternText('/^app-/')).toBe(true);
		expect(isTopicPatternText('app-logs')).toBe(false);
		expect(isTopicPatternText('app.logs_v1')).toBe(false);
	});

	it('reads /source/ and /source/flags, and matches anywhere in the name unless anchored', () => {
		expect(patternMatches(pattern('/logs/'), 'app-logs-eu')).toBe(true);
		expect(patternMatches(pattern('/^logs/'), 'app-logs-eu')).toBe(false);
		expect(patternMatches(pattern('/^APP-/i'), 'app-logs')).toBe(true);
		expect(patternMatches(pattern('/^a{1,2}$/'), 'aa')).toBe(true);
		expect(patternMatches(pattern('/^a{1,2}$/'), 'aaa')).toBe(false);
	});

	it('refuses what is not a pattern with one line naming the value', () => {
		expect(parseTopicPattern('/a(/')).toEqual({
			ok: false,
			error: expect.stringMatching(/^-t '\/a\(\/': not a valid regex: .*Unterminated group/),
		});
		expect(parseTopicPattern('/x/g')).toEqual({
			ok: false,
			error: "-t '/x/g': a topic pattern takes only the flags i, m, s and u",
		});
		expect(parseTopicPattern('//')).toEqual({
			ok: false,
			error: "-t '//': a topic pattern is written /regex/",
		});
		expect(parseTopicPattern('/open')).toEqual({
			ok: false,
			error: "-t '/open': a topic pattern is written /regex/",
		});
		for (const result of [parseTopicPattern('/a(/'), parseTopicPattern('/x/g')])
			expect(result.ok ? '' : result.error).not.toContain('\n');
		expect(() => parseTopicPatterns(['/ok/', '/bad['])).toThrow(/^-t '\/bad\['/);
	});

	it('never matches an internal topic (__...) unless the pattern itself says __', () => {
		const names = ['__consumer_offsets', '__transaction_state', 'orders', 'consumer-logs'];
		expect(matchingTopics([pattern('/consumer/')], names)).toEqual(['consumer-logs']);
		expect(matchingTopics([pattern('/.*/')], names)).toEqual(['consumer-logs', 'orders']);
		expect(matchingTopics([pattern('/^__consumer/')], names)).toEqual(['__consumer_offsets']);
	});

	it('joins several patterns: each matching name once, sorted', () => {
		const names = ['b-logs', 'a-logs', 'a-metrics', 'c'];
		expect(matchingTopics([pattern('/^a-/'), pattern('/logs$/')], names)).toEqual([
			'a-logs',
			'a-metrics',
			'b-logs',
		]);
		expect(matchingTopics([pattern('/^z/')], names)).toEqual([]);
	});
});
