/**
 * `npm run broker [-- --port 9092 --nodes 3 --data-dir D --keep-data]`: a real Apache Kafka
 * broker (or 3-node KRaft cluster) on 127.0.0.1 without Docker, until Ctrl+C.
 * Every failure is one line on stderr and a non-zero exit; no JVM is left behind.
 */
import path from 'node:path';
import {parseArgs} from 'node:util';
import {type KafkaCluster, KafkaSetupError, startKafka} from '../tools/kafka/kafka-broker.js';
import {ensureJars, jarCacheEnv, repoRoot} from '../tools/kafka/kafka-jars.js';

const usage = `Usage: npm run broker -- [options]

Starts a local Apache Kafka broker (KRaft, from the official jars; needs Java 17+ and Maven)
and runs it until Ctrl+C.

Options:
  --port N        PLAINTEXT port of the first node (default 9092; node i uses N+i)
  --nodes 1|3     one broker, or a 3-node cluster for fault tests (default 1)
  --data-dir D    storage and logs (default .kafka/data/broker-<port>); emptied at start
  --keep-data     reuse the storage in --data-dir (same cluster id, topics, ports)
  --heap SIZE     JVM heap per node (default 512m)
  --jars-only     only download the Kafka jars into the cache, then exit
  -h, --help      show this help

Environment:
  JAVA_HOME            the Java to run (else java on PATH)
  ${jarCacheEnv}   the jar cache (default .kafka/lib)
  MAVEN_OPTS           read by Maven (its repository is ~/.m2; -Dmaven.repo.local=DIR moves it)`;

/**
 * A stop signal this soon after the first is the same one delivered twice (by the terminal and
 * by npm, which forwards SIGINT and SIGTERM to its child), not a user asking to kill at once.
 */
const duplicateSignalMs = 2000;

/** One line on stderr, then exit with `code`. */
function fail(message: string, code = 1): never {
	process.stderr.write(`broker: ${message}\n`);
	process.exit(code);
}

function parseOptions() {
	let parsed: ReturnType<typeof parse>;
	function parse() {
		return parseArgs({
			options: {
				port: {type: 'string', default: '9092'},
				nodes: {type: 'string', default: '1'},
				'data-dir': {type: 'string'},
				'keep-data': {type: 'boolean', default: false},
				heap: {type: 'string', default: '512m'},
				'jars-only': {type: 'boolean', default: false},
				help: {type: 'boolean', short: 'h', default: false},
			},
			allowPositionals: false,
			strict: true,
		});
	}
	try {
		parsed = parse();
	} catch (error) {
		fail(`${error instanceof Error ? error.message : String(error)} (see --help)`, 2);
	}
	const {values} = parsed;
	if (values.help) {
		process.stdout.write(`${usage}\n`);
		process.exit(0);
	}
	const port = Number(values.port);
	if (!Number.isInteger(port) || port < 1 || port > 65_533)
		fail(`--port must be a port number, not "${values.port}"`, 2);
	const nodes = Number(values.nodes);
	if (nodes !== 1 && nodes !== 3) fail(`--nodes must be 1 or 3, not "${values.nodes}"`, 2);
	if (!/^\d+[kmg]$/i.test(values.heap)) fail(`--heap must look like 512m or 1g, not "${values.heap}"`, 2);
	const dataDir = path.resolve(values['data-dir'] ?? path.join(repoRoot, '.kafka', 'data', `broker-${port}`));
	return {
		port,
		nodes: nodes as 1 | 3,
		dataDir,
		keepData: values['keep-data'],
		heap: values.heap,
		jarsOnly: values['jars-only'],
	};
}

async function main(): Promise<void> {
	const options = parseOptions();
	const say = (line: string) => process.stdout.write(`${line}\n`);

	let cluster: KafkaCluster | undefined;
	let stopping = false;
	let stopRequestedAt = 0;
	const shutDown = async (signal: NodeJS.Signals) => {
		if (stopping && Date.now() - stopRequestedAt < duplicateSignalMs) {
			// The same Ctrl+C again: the terminal sends it to the whole process group and npm
			// forwards its copy to us as well. Keep stopping cleanly.
			return;
		}
		if (stopping || !cluster) {
			// Still starting, or a second Ctrl+C: leave now; the exit hook kills the JVMs.
			process.exit(signal === 'SIGINT' ? 130 : 143);
		}
		stopping = true;
		stopRequestedAt = Date.now();
		say('Stopping Kafka...');
		await cluster.stop();
		say('Kafka stopped.');
		process.exit(0);
	};
	process.on('SIGINT', (signal) => void shutDown(signal));
	process.on('SIGTERM', (signal) => void shutDown(signal));

	if (options.jarsOnly) {
		const dir = await ensureJars({onDownload: say});
		say(`Kafka jars are in ${dir}`);
		return;
	}

	// The first run downloads the jars (a minute or more): say so instead of looking stuck.
	await ensureJars({onDownload: say});
	const started = Date.now();
	say(
		`Starting ${options.nodes === 3 ? 'a 3-node Kafka cluster' : 'Kafka'} (data and logs in ${options.dataDir})...`,
	);
	cluster = await startKafka({
		nodes: options.nodes,
		port: options.port,
		dataDir: options.dataDir,
		keepData: options.keepData,
		heap: options.heap,
	});
	say(`Kafka ${cluster.version} is ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
	for (const node of cluster.nodes) {
		say(`  node ${node.nodeId}: ${node.address}  pid ${node.pid}  log: ${node.logFile}`);
	}
	say(`Bootstrap: ${cluster.bootstrap}`);
	say('Press Ctrl+C to stop.');

	// A node that dies on its own (out of memory, disk full) is reported instead of hiding.
	const reported = new Set<number>();
	setInterval(() => {
		if (stopping || !cluster) return;
		for (const node of cluster.nodes) {
			if (!node.running && !reported.has(node.index)) {
				reported.add(node.index);
				process.stderr.write(`broker: Kafka node ${node.nodeId} exited unexpectedly; see ${node.logFile}\n`);
			}
		}
		if (reported.size === cluster.nodes.length) {
			process.stderr.write('broker: every Kafka node has exited.\n');
			process.exit(1);
		}
	}, 1000);
}

main().catch((error: unknown) => {
	if (error instanceof KafkaSetupError) fail(error.message);
	fail(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
});
