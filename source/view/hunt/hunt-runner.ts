import type {LogRecord} from '../../record/log-record.js';
import type {FilterSpec} from '../../store/filter/filter-spec.js';
import type {HuntEnd, HuntProgress} from '../../stream/hunt-progress.js';
import type {StartPosition} from '../../stream/start-position.js';

/**
 * What the TUI asks of a hunt (`H`) and of the context around a match (`C`); the session
 * builds one (`session/hunt-session.ts`, `session/hunt-context.ts`) and the app only calls it.
 */
export type HuntRunner = {
	start(
		request: {spec: FilterSpec; start: StartPosition},
		listener: {
			onMatches(matches: readonly LogRecord[]): void;
			onProgress(progress: HuntProgress): void;
			onEnd(outcome: HuntEnd, progress: HuntProgress): void;
		},
	): {cancel(): Promise<void>};
	/** The records around a match, of its partition (`grep -C`). */
	context(match: LogRecord): Promise<LogRecord[]>;
};
