// Not through kafka.js, which would load kafkajs here: the lag worker loads it.
import type {KafkaConnectionOptions} from '../kafka/kafka-client.js';
import {createWorkerLagReader} from '../kafka/worker/worker-lag-reader.js';
import {createLagStore} from '../store/lag-store.js';
import type {LagSource} from '../stream/lag-source.js';

/**
 * How often the lag panel reads the groups while it is open: often enough that a trend over
 * a minute has a dozen samples, rarely enough that a cluster with hundreds of groups (one
 * offset request per group) is not kept busy by a viewer.
 */
export const LAG_REFRESH_MS = 5000;

/** The lag panel's source: a lag store fed by the worker reader; `close` ends the worker. */
export type LagSession = LagSource & {close(): Promise<void>};

/** The consumer lag of `topics`, read in a worker thread while the panel is open. */
export function createLagSession(
	connection: KafkaConnectionOptions,
	topics: readonly string[],
	topicPatterns: readonly string[] = [],
	intervalMs = LAG_REFRESH_MS,
): LagSession {
	const store = createLagStore(intervalMs);
	const reader = createWorkerLagReader({
		connection,
		topics: [...topics],
		topicPatterns: [...topicPatterns],
		intervalMs,
		onReading: (reading) => store.setReading(reading),
		onError: (message) => store.setError(message),
	});
	return {
		snapshot: store.snapshot,
		subscribe: store.subscribe,
		setActive: reader.setActive,
		close: reader.close,
	};
}
