import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {parseCli} from '../../../source/cli/parse-cli.js';
import {producePermission} from '../../../source/settings/broker-address.js';
import {kafkaVersion, repoRoot} from '../../../tools/kafka/kafka-jars.js';

// No Docker engine runs here: `docker-compose config` parses and validates the file without one
// (Debian's docker-compose package; .ci/run installs it). A missing binary fails, never skips.
type ComposeService = {
	image?: string;
	command?: string[] | string;
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

/** A JSON-array instruction (`CMD ["demo"]`) of the Dockerfile's last stage. */
function dockerfileArray(instruction: 'ENTRYPOINT' | 'CMD'): string[] {
	const dockerfile = fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
	const last = dockerfile.split(/^FROM /m).at(-1) ?? '';
	const line = new RegExp(`^${instruction} (\\[.*\\])$`, 'm').exec(last)?.[1];
	return line ? (JSON.parse(line) as string[]) : [];
}

// Each case starts docker-compose (Python, about 0.4 s idle): past vitest's 5 s on a loaded machine.
describe('docker-compose.yml', {timeout: 20_000}, () => {
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

	it('starts each demo service with produce permission for its (non-loopback) brokers, or it would exit 2 and restart forever', () => {
		const {services} = config();
		expect(dockerfileArray('ENTRYPOINT')).toEqual(['node', 'dist/cli.js']);
		for (const name of ['api', 'auth', 'payments', 'worker']) {
			const service = services[name]!;
			// What the container runs after `node dist/cli.js`: the service's command, else the image's CMD.
			const argv = service.command ?? dockerfileArray('CMD');
			expect(Array.isArray(argv), `${name}: command as a list, no shell`).toBe(true);
			const env = Object.fromEntries(
				Object.entries(service.environment ?? {}).map(([key, value]) => [
					key,
					value === null ? undefined : String(value),
				]),
			);
			const parsed = parseCli({argv: argv as string[], env, stdoutIsTTY: false, importMeta: import.meta});
			expect(parsed.kind, `${name}: ${JSON.stringify(parsed)}`).toBe('run');
			if (parsed.kind !== 'run' || parsed.config.command !== 'demo')
				throw new Error(`${name} does not run the demo`);
			expect(parsed.config.brokers).toEqual(['kafka:19092']);
			expect(parsed.config.services).toEqual([name]);
			// The read-only rule the demo applies (source/demo.ts) allows it, and only thanks to the flag.
			expect(producePermission(parsed.config.brokers, parsed.config.allowProduce)).toEqual({allowed: true});
			expect(producePermission(parsed.config.brokers, false).allowed).toBe(false);
		}
	});

	it('gives the same `docker compose up` as the README', () => {
		const compose = fs.readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8');
		const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
		expect(compose).toContain('docker compose up');
		expect(readme).toContain('docker compose up');
		for (const text of [compose, readme]) expect(text).not.toMatch(/docker-compose (up|down)/);
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
