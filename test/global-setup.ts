/**
 * Vitest global setup of the `integration` project: one real Kafka broker on a free port for
 * the whole run, always stopped afterwards (also when tests fail). Tests read its address with
 * `testBootstrap()` (test/support/test-kafka.ts), `inject('kafkaBootstrap')` or the
 * KLOG_TEST_BROKERS environment variable.
 */
import type {TestProject} from 'vitest/node';
import {startKafka} from '../scripts/kafka-broker.js';
import {warmUpGroupCoordinator} from './support/warm-up.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const started = Date.now();
	// quickStart: a JVM tuned to come up fast; the suite's traffic is small.
	const cluster = await startKafka({nodes: 1, quickStart: true});
	try {
		await warmUpGroupCoordinator(cluster.bootstrap);
	} catch (error) {
		// Vitest runs no teardown when setup throws: stop the broker here.
		await cluster.stop();
		throw error;
	}
	process.env.KLOG_TEST_BROKERS = cluster.bootstrap;
	project.provide('kafkaBootstrap', cluster.bootstrap);
	process.stderr.write(
		`[global-setup] Kafka ${cluster.version} ready at ${cluster.bootstrap} in ${Date.now() - started} ms (logs: ${cluster.nodes[0]?.logFile})\n`,
	);
	return async () => {
		await cluster.stop();
	};
}
