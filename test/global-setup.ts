/**
 * Vitest global setup of the `integration` project: two real Kafka brokers on free ports for
 * the whole run, always stopped afterwards (also when tests fail).
 * - the fast one (groups form at once, no topic auto-creation): `testBootstrap()`,
 *   `inject('kafkaBootstrap')` or KLOG_TEST_BROKERS;
 * - one with Kafka's production defaults for groups and topics (a new group waits 3 s for its
 *   first assignment, topics are created on first use), for the tests whose behaviour depends
 *   on them: `productionBootstrap()`, `inject('kafkaProductionBootstrap')` or
 *   KLOG_TEST_PRODUCTION_BROKERS.
 */
import type {TestProject} from 'vitest/node';
import {type KafkaCluster, startKafka} from '../tools/kafka/kafka-broker.js';
import {warmUpGroupCoordinator} from './support/kafka/warm-up.js';

async function startReady(productionDefaults: boolean): Promise<KafkaCluster> {
	// quickStart: a JVM tuned to come up fast; the suite's traffic is small.
	const cluster = await startKafka({nodes: 1, quickStart: true, productionDefaults});
	try {
		await warmUpGroupCoordinator(cluster.bootstrap);
	} catch (error) {
		await cluster.stop();
		throw error;
	}
	return cluster;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const started = Date.now();
	const outcomes = await Promise.allSettled([startReady(false), startReady(true)]);
	const clusters = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
	const failed = outcomes.find((outcome) => outcome.status === 'rejected');
	if (failed) {
		// Vitest runs no teardown when setup throws: stop what did start here.
		await Promise.all(clusters.map((cluster) => cluster.stop()));
		throw failed.reason;
	}
	const [fast, production] = clusters as [KafkaCluster, KafkaCluster];
	process.env.KLOG_TEST_BROKERS = fast.bootstrap;
	process.env.KLOG_TEST_PRODUCTION_BROKERS = production.bootstrap;
	project.provide('kafkaBootstrap', fast.bootstrap);
	project.provide('kafkaProductionBootstrap', production.bootstrap);
	process.stderr.write(
		`[global-setup] Kafka ${fast.version} ready in ${Date.now() - started} ms: ${fast.bootstrap} (logs: ${fast.nodes[0]?.logFile}), production defaults ${production.bootstrap}\n`,
	);
	return async () => {
		await Promise.all(clusters.map((cluster) => cluster.stop()));
	};
}
