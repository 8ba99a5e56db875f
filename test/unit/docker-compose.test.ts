import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {kafkaVersion, repoRoot} from '../../scripts/kafka-jars.js';

// No Docker engine runs here: `docker-compose config` parses and validates the file without one
// (Debian's docker-compose package; .ci/run installs it). A missing binary fails, never skips.
type ComposeService = {
	image?: string;
	build?: {context?: string} | string;
	environment?: Record<string, string | number | null>;
	ports?: Array<string | {target?: number; published?: string | number; host_ip?: string}>;
	depends_on?: Record<string, {condition?: string}> | string[];
	healthcheck?: {test?: string[] | string};
};

function composeConfig(args: string[]): {status: number | null; stdout: string; stderr: string} {
	const result = spawnSync(
		'docker-compose',
		['-f', path.join(repoRoot, 'docker-compose.yml'), 'config', ...args],
		{
			cwd: repoRoot,
			encoding: 'utf8',
		},
	);
	if (result.error) {
		throw new Error(
			`docker-compose is needed to validate docker-compose.yml but could not be run (${result.error.message}); install it with \`apt-get install docker-compose\`.`,
		);
	}
	return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

/** Host port → container port pairs, from either the short ('127.0.0.1:9092:9092/tcp') or the long syntax. */
function portPairs(service: ComposeService): Array<[string, number]> {
	return (service.ports ?? []).map((port) => {
		if (typeof port === 'string') {
			const parts = port.replace(/\/tcp$/, '').split(':');
			return [parts.at(-2) ?? '', Number(parts.at(-1))];
		}
		return [String(port.published ?? ''), Number(port.target)];
	});
}

describe('docker-compose.yml', () => {
	it('is a valid compose file (docker-compose config -q)', () => {
		const result = composeConfig(['-q']);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
	});

	const config = (): {services: Record<string, ComposeService>} => {
		const result = composeConfig([]);
		expect(result.status, result.stderr).toBe(0);
		return parse(result.stdout) as {services: Record<string, ComposeService>};
	};

	it('runs Kafka in KRaft mode from the official image, same version as kafka/pom.xml, reachable from host and containers', () => {
		const kafka = config().services.kafka;
		expect(kafka).toBeDefined();
		expect(kafka?.image).toBe(`apache/kafka:${kafkaVersion()}`);
		expect(portPairs(kafka!)).toContainEqual(['9092', 9092]);
		const env = kafka?.environment ?? {};
		expect(env.KAFKA_PROCESS_ROLES).toBe('broker,controller');
		expect(String(env.KAFKA_CONTROLLER_QUORUM_VOTERS)).toMatch(/^1@kafka:\d+$/);
		expect(String(env.KAFKA_LISTENERS)).toContain(':19092');
		expect(String(env.KAFKA_LISTENERS)).toContain(':9092');
		expect(String(env.KAFKA_ADVERTISED_LISTENERS).split(',')).toEqual(
			expect.arrayContaining(['INTERNAL://kafka:19092', 'EXTERNAL://localhost:9092']),
		);
		expect(String(env.CLUSTER_ID)).toMatch(/^[A-Za-z0-9_-]{22}$/);
		for (const key of [
			'KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR',
			'KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR',
			'KAFKA_TRANSACTION_STATE_LOG_MIN_ISR',
			'KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR',
		]) {
			expect(String(env[key]), key).toBe('1');
		}
		expect(JSON.stringify(kafka?.healthcheck?.test)).toContain('localhost:9092');
	});

	it('has one demo producer per service, built from the repo, talking to kafka:19092 once Kafka is healthy', () => {
		const {services} = config();
		expect(Object.keys(services).sort()).toEqual(['api', 'auth', 'kafka', 'payments', 'worker']);
		for (const name of ['api', 'auth', 'payments', 'worker']) {
			const service = services[name]!;
			const context = typeof service.build === 'string' ? service.build : service.build?.context;
			expect(path.resolve(repoRoot, context ?? ''), name).toBe(repoRoot);
			expect(service.environment?.SERVICE_NAME).toBe(name);
			expect(service.environment?.KAFKA_BROKERS).toBe('kafka:19092');
			expect(service.depends_on).toEqual({kafka: {condition: 'service_healthy'}});
			expect(service.ports ?? []).toEqual([]);
		}
	});

	it('builds an image whose default command is `node dist/cli.js demo`', () => {
		const dockerfile = fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
		const stages = dockerfile.split(/^FROM /m).slice(1);
		const last = stages.at(-1) ?? '';
		expect(last).toMatch(/^node:20/);
		expect(last).toContain('ENTRYPOINT ["node", "dist/cli.js"]');
		expect(last).toContain('CMD ["demo"]');
		expect(dockerfile).toContain('RUN npm run build');
	});
});
