import type {Kafka} from 'kafkajs';

/**
 * kafkajs' private cluster factory of a client, found by its symbol's description: clusters
 * made by it have the client's own SSL, SASL, socket factory, logger and retries, for the
 * requests kafkajs 2.2.4 (its last release) has no public API for. The one place that looks
 * it up; undefined when this kafkajs has none. `Options` and `Cluster` are the caller's view.
 */
export function kafkajsClusterFactory<Options extends object, Cluster>(
	kafka: Kafka,
): ((options: Options) => Cluster) | undefined {
	const symbol = Object.getOwnPropertySymbols(kafka).find(
		(candidate) => candidate.description === 'private:Kafka:createCluster',
	);
	const factory = symbol ? (kafka as unknown as Record<symbol, unknown>)[symbol] : undefined;
	return typeof factory === 'function' ? (factory as (options: Options) => Cluster) : undefined;
}
