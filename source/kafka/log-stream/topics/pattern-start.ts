import {describeKafkaError} from '../../error-reason.js';
import type {StateReporter} from '../state-reporter.js';
import type {StopSignals} from '../stop-signals.js';
import {PATTERN_REFRESH_MS, type TopicPatternWatch} from './topic-pattern-watch.js';

/**
 * Before the first session of a stream with topic patterns: the topics that match now. With no
 * topic to read yet (no name given, none matching), it waits as for a missing topic: one line,
 * the state `connecting` with the reason, a look every 2 s; or, when missing topics end the run
 * (`--exit`), it stops the stream with that line.
 */
export type PatternStartDeps = {
	watch: TopicPatternWatch;
	topics: readonly string[];
	state: StateReporter;
	stops: StopSignals;
	/** The admin client failed: a new one next time. */
	dropAdmin(): void;
	stop(reason: string): Promise<void>;
	waitForTopics: boolean;
	brokersLabel: string;
	everyMs?: number;
};

export function createPatternStart(deps: PatternStartDeps) {
	const {watch, state, stops} = deps;
	const everyMs = deps.everyMs ?? PATTERN_REFRESH_MS;
	const pause = () =>
		new Promise<void>((resolve) => {
			const timer = setTimeout(resolve, everyMs);
			void stops.whenStopping.then(() => {
				clearTimeout(timer);
				resolve();
			});
		});
	return {
		/** Resolves true once there is a topic to read, false when the stream stopped instead. */
		async firstMatch(): Promise<boolean> {
			let attempt = 0;
			while (!stops.stopping) {
				try {
					await watch.look(false);
					if (deps.topics.length > 0) return true;
					const line = `${watch.noMatchLine} on ${deps.brokersLabel}`;
					state.reportOnce(line);
					if (!deps.waitForTopics) {
						await deps.stop(line);
						return false;
					}
					state.set({kind: 'connecting', reason: watch.waitingReason});
				} catch (error) {
					deps.dropAdmin();
					attempt += 1;
					state.set({kind: 'reconnecting', reason: describeKafkaError(error), attempt});
				}
				await pause();
			}
			return false;
		},
	};
}
