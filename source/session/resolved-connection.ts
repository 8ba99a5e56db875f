import type {KafkaConnectionOptions} from '../kafka.js';

/**
 * How to reach the cluster, plus what the header may show about who we are. Resolved from
 * the command line, the environment and the config file by `resolveSettings`
 * (source/session/resolve-settings.ts), so every mode (TUI, plain, demo) connects the same way.
 */
export type ResolvedConnection = {
	connection: KafkaConnectionOptions;
	/** e.g. `alice (SCRAM-SHA-256)`; undefined when anonymous. */
	userLabel: string | undefined;
	/** One-line warnings to print before starting (never holding a secret). */
	warnings: string[];
};
