import {matchingTopics, parseTopicPatterns} from '../../../stream/topic-pattern.js';

/**
 * `-t '/regex/'`: the topics that match, found with our own look at the cluster's topic list
 * every `everyMs` (2 s; kafkajs' own pattern subscription sees new topics only at its metadata
 * refresh, `metadataMaxAge`, 5 minutes by default). The stream's topic list grows in place;
 * a topic that matches after the stream started is read from its start (nothing in it is
 * older than our start worth skipping, and nothing is lost).
 */

export type TopicPatternWatchDeps = {
	/** The `/regex/` texts, already checked on the command line. */
	patterns: readonly string[];
	/** The stream's topic list: matching topics are added to it. */
	topics: string[];
	/** Every topic name on the cluster (throws when it cannot tell). */
	listTopics(): Promise<string[]>;
	/** `topic` matched after the stream started: the stream reads it from its start. */
	added(topic: string): void;
};

export type TopicPatternWatch = {
	/** Look once: topics that match and are new are added (and, once started, `added`). */
	look(started: boolean): Promise<string[]>;
	/** Whether `topic` came from a pattern after start and was not started yet (no reset to report). */
	takeNew(topic: string): boolean;
	/** The one line said while no topic matches, and the state's reason meanwhile. */
	readonly noMatchLine: string;
	readonly waitingReason: string;
};

export const PATTERN_REFRESH_MS = 2000;

export function createTopicPatternWatch(deps: TopicPatternWatchDeps): TopicPatternWatch {
	const patterns = parseTopicPatterns(deps.patterns);
	const fresh = new Set<string>();
	const names = deps.patterns.join(', ');
	return {
		async look(started) {
			const matching = matchingTopics(patterns, await deps.listTopics());
			const added = matching.filter((topic) => !deps.topics.includes(topic));
			for (const topic of added) {
				deps.topics.push(topic);
				if (!started) continue;
				fresh.add(topic);
				deps.added(topic);
			}
			return added;
		},
		takeNew: (topic) => fresh.delete(topic),
		noMatchLine: `no topic matches ${names}`,
		waitingReason: `waiting for a topic that matches ${names} (looking every ${PATTERN_REFRESH_MS / 1000}s)`,
	};
}
