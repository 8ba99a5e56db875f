import type {ConnectionOptions} from 'node:tls';
import {Kafka, type RetryOptions} from 'kafkajs';
import type {SaslSettings} from '../settings/connection-settings.js';
// Registers snappy, lz4 and zstd (and guards gzip) in every thread that makes a client.
import './codecs/index.js';
import {createKafkaLogCreator, type KafkaLogNote, kafkaLogLevel} from './kafka-logger.js';
import {silenceKafkajsNegativeTimeoutWarning} from './kafkajs-timer-warning.js';
import {kafkajsSasl} from './oauth-bearer/kafkajs-sasl.js';

/** How to reach a cluster. Everything the CLI resolves from flags, environment and profile. */
export type KafkaConnectionOptions = {
	brokers: string[];
	/** Client id the broker logs and quotas see; default `klog-tui`. */
	clientId?: string;
	/** TLS: `true` for the system trust store, or Node TLS options (custom CA, client certificate). */
	ssl?: ConnectionOptions | boolean;
	/** Plain data (it crosses to the stream worker); OAUTHBEARER's token provider is made per thread. */
	sasl?: SaslSettings | undefined;
	/** How long to wait for a TCP/TLS connection, default 3000 ms. */
	connectionTimeoutMs?: number;
	/** kafkajs logs (JSON lines) are appended here; without it they go nowhere. NEVER the console. */
	logFile?: string;
};

/** Internal extras for clients the adapter builds for itself. */
export type KafkaClientExtras = {
	/** Warnings and errors kafkajs logs, so a stream can show the last connection problem. */
	onLogNote?: (note: KafkaLogNote) => void;
	/** Retry policy of the client (kafkajs default when absent). */
	retry?: RetryOptions;
};

/**
 * A kafkajs client with klog-tui's logger: logs go to `logFile` or nowhere, never the
 * console (which would corrupt the TUI). Also silences kafkajs' partitioner warning, and its
 * negative-timer warning on Node 23+ (see kafkajs-timer-warning.ts).
 */
export function createKafka(options: KafkaConnectionOptions, extras: KafkaClientExtras = {}): Kafka {
	silenceKafkajsNegativeTimeoutWarning();
	// kafkajs reads this once when the first producer is made; the warning would only
	// go to our log file anyway, but there it is noise.
	process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
	const loggerOptions = {logFile: options.logFile, onNote: extras.onLogNote};
	return new Kafka({
		clientId: options.clientId ?? 'klog-tui',
		brokers: options.brokers,
		ssl: options.ssl,
		sasl: kafkajsSasl(options.sasl),
		connectionTimeout: options.connectionTimeoutMs ?? 3000,
		logLevel: kafkaLogLevel(loggerOptions),
		logCreator: createKafkaLogCreator(loggerOptions),
		...(extras.retry ? {retry: extras.retry} : {}),
	});
}
