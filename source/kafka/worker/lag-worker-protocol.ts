import type {GroupLag} from '../../stream/consumer-lag.js';
import type {KafkaConnectionOptions} from '../kafka-client.js';

/**
 * The messages between the main thread and the lag worker (`lag-worker.ts`), which reads the
 * consumer groups of the viewed topics every few seconds, so that kafkajs' admin requests and
 * their decoding (hundreds of groups on a big cluster) never share a thread with drawing.
 */

export type LagWorkerData = {
	connection: KafkaConnectionOptions;
	topics: string[];
	/** `-t '/regex/'` texts: the topics they match are looked up at each reading. */
	topicPatterns: string[];
	intervalMs: number;
};

/** Main thread → worker. */
export type ToLagWorker =
	/** Read now and then every `intervalMs` (active), or stop reading after the current one. */
	| {type: 'active'; active: boolean}
	/** Disconnect; answered by `closed`. */
	| {type: 'close'};

/** Worker → main thread. */
export type FromLagWorker =
	| {type: 'reading'; groups: GroupLag[]; unreadable: number; time: number}
	/** One line: why this reading failed (broker down, not allowed, no such topic). */
	| {type: 'error'; message: string}
	| {type: 'closed'};
