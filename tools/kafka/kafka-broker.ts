/**
 * A real Apache Kafka broker (or 3-node KRaft cluster) on this machine, from the official jars,
 * without Docker. Used by `npm run broker`, by the vitest global setup and by fault tests.
 *
 * Each node is one JVM running `kafka.Kafka` as a combined broker+controller. Storage is
 * formatted afresh (one cluster id for all nodes) unless the caller asks to keep it. Broker logs
 * go to `<dataDir>/node-<i>/logs/server.log`, never the terminal.
 */
import {type ChildProcess, spawn, spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {Kafka, logLevel} from 'kafkajs';
import {silenceKafkajsNegativeTimeoutWarning} from '../../source/kafka/kafkajs-timer-warning.js';
import {freePorts, isPortFree} from './free-port.js';
import {ensureJars, findJava, kafkaLog4jConfig, kafkaVersion} from './kafka-jars.js';
import {
	checkListenerName,
	formatProperties,
	type KafkaListenerSpec,
	type KafkaNodePorts,
	nodeProperties,
} from './kafka-properties.js';
import {KafkaSetupError} from './kafka-setup-error.js';

export {ensureJars, jarCacheDir, kafkaVersion} from './kafka-jars.js';
export type {KafkaListenerSpec, KafkaSecurityProtocol} from './kafka-properties.js';
export {KafkaSetupError} from './kafka-setup-error.js';

/** Options for {@link startKafka}. Every field is optional. */
export type StartKafkaOptions = {
	/** 1 (default) or 3 combined broker+controller nodes, all voters of one KRaft quorum. */
	nodes?: 1 | 3;
	/** PLAINTEXT port of node 0; node i gets `port + i`. Default: free ports. */
	port?: number;
	/** Host every listener binds and advertises. Default 127.0.0.1. */
	host?: string;
	/**
	 * Directory for storage, logs and properties. Default: a fresh temporary directory that
	 * `stop()` removes. A directory given here is emptied at start (unless `keepData`) and left
	 * in place by `stop()`, so its logs can be read afterwards.
	 */
	dataDir?: string;
	/** Reuse the storage (cluster id, topics, ports) already in `dataDir` instead of formatting it afresh, and never delete it. */
	keepData?: boolean;
	/** JVM heap per node (-Xmx), e.g. '512m' (default). */
	heap?: string;
	/**
	 * Start the broker JVMs with the C1 compiler only and the serial GC: on 2 busy cores they
	 * come up about 40% sooner (measured median 9.5 s vs 16.5 s), at the cost of peak
	 * throughput. Good for tests; leave off for benchmarks. Default false.
	 */
	quickStart?: boolean;
	/** Extra JVM options for each broker JVM (e.g. `['-Djavax.net.debug=ssl']`). */
	jvmArgs?: string[];
	/** Extra or overriding server.properties for every node (win over the harness defaults). */
	serverProperties?: Record<string, string | number | boolean>;
	/** Extra `kafka.tools.StorageTool format` arguments, e.g. `['--add-scram', 'SCRAM-SHA-256=[name=u,password=p]']`. */
	formatArgs?: string[];
	/** Extra listeners (e.g. SASL_PLAINTEXT, SSL), each on its own port per node. */
	listeners?: KafkaListenerSpec[];
	/** `auto.create.topics.enable`; default false, like most real clusters. */
	autoCreateTopics?: boolean;
	/**
	 * Kafka's production defaults for groups and topics: `group.initial.rebalance.delay.ms`
	 * 3000 and `auto.create.topics.enable` true. Default false (groups form at once).
	 */
	productionDefaults?: boolean;
	/** How long to wait for the cluster to answer metadata requests. Default 120 s. */
	startTimeoutMs?: number;
	/** How long `stop()` waits for a clean shutdown before it kills a node. Default 30 s. */
	stopTimeoutMs?: number;
};

/** What the harness knows about one node, as a snapshot. */
export type KafkaNodeInfo = {
	/** 0-based position in the cluster. */
	index: number;
	/** Kafka `node.id` (index + 1). */
	nodeId: number;
	/** PLAINTEXT client address, `host:port`. */
	address: string;
	port: number;
	controllerPort: number;
	/** Port of each extra listener, by name. */
	listenerPorts: Record<string, number>;
	/** This node's directory (storage in `data/`, logs in `logs/`). */
	dir: string;
	/** The broker's own log file. */
	logFile: string;
	propertiesFile: string;
	/** JVM process id while it runs. */
	pid: number | undefined;
	running: boolean;
};

/** A running local Kafka cluster. */
export type KafkaCluster = {
	/** Kafka version of the jars, e.g. '4.4.0'. */
	readonly version: string;
	readonly clusterId: string;
	/** PLAINTEXT bootstrap string for clients: '127.0.0.1:port[,127.0.0.1:port...]'. */
	readonly bootstrap: string;
	/** PLAINTEXT address of every node, in node order. */
	readonly brokers: string[];
	/** Root directory of storage and logs. */
	readonly dataDir: string;
	/** A fresh snapshot of every node. */
	readonly nodes: KafkaNodeInfo[];
	/** Bootstrap string of an extra listener (see {@link StartKafkaOptions.listeners}). */
	listenerBootstrap(name: string): string;
	/** Kills one node at once (SIGKILL, like a crash) and waits for the process to be gone. */
	kill(nodeIndex: number): Promise<void>;
	/** Stops one node cleanly (SIGTERM, then SIGKILL after `stopTimeoutMs`). */
	stopNode(nodeIndex: number): Promise<void>;
	/**
	 * Starts one node again on the same ports with the same data (stopping it first if it runs)
	 * and waits until it answers metadata requests and the cluster lists it again.
	 */
	restart(nodeIndex: number): Promise<void>;
	/** Stops every node (clean shutdown, bounded) and removes a temporary data dir. Idempotent. */
	stop(): Promise<void>;
};

/** Saved in the data dir so a kept cluster comes back with the same id and ports. */
type ClusterLayout = {clusterId: string; version: string; nodes: KafkaNodePorts[]};

/** Every JVM this process started and that still runs: killed if Node exits without stopping them. */
const liveJvms = new Set<ChildProcess>();
let exitHookInstalled = false;

function trackJvm(child: ChildProcess): void {
	liveJvms.add(child);
	child.once('exit', () => liveJvms.delete(child));
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.on('exit', () => {
		for (const jvm of liveJvms) jvm.kill('SIGKILL');
	});
}

/**
 * `setpriv --pdeathsig SIGKILL` makes the kernel kill the JVM when this process dies, even by
 * SIGKILL, when no exit handler can run. Used when util-linux's setpriv is present.
 */
const setpriv = (() => {
	if (process.platform !== 'linux') return undefined;
	const probe = spawnSync('setpriv', ['--help'], {encoding: 'utf8'});
	return !probe.error && probe.stdout.includes('--pdeathsig') ? 'setpriv' : undefined;
})();

/**
 * A Kafka cluster id: 16 random bytes, base64url without padding (22 characters), never
 * starting with `-` (1 in 64 would: \`kafka-storage format -t -abc…\` then reads it as an
 * option and fails, which Kafka's own Uuid.randomUuid avoids the same way).
 */
export function newClusterId(random: () => Buffer = () => randomBytes(16)): string {
	for (;;) {
		const id = random().toString('base64url');
		if (!id.startsWith('-')) return id;
	}
}

/**
 * True when a Kafka broker at `bootstrap` ('host:port[,host:port]') answers a metadata request
 * within `timeoutMs`. Never throws.
 */
export async function isKafkaReachable(bootstrap: string, timeoutMs = 3000): Promise<boolean> {
	try {
		const brokers = await describeBrokers(bootstrap.split(','), timeoutMs);
		return brokers.length > 0;
	} catch {
		return false;
	}
}

/** Node ids the cluster reports, asking only `brokers`; rejects when they do not answer in time. */
async function describeBrokers(brokers: string[], timeoutMs: number): Promise<number[]> {
	// `npm run broker` on Node 23+ would print kafkajs' negative-timer warning otherwise.
	silenceKafkajsNegativeTimeoutWarning();
	const kafka = new Kafka({
		clientId: 'klog-tui-probe',
		brokers,
		logLevel: logLevel.NOTHING,
		connectionTimeout: Math.min(timeoutMs, 3000),
		requestTimeout: timeoutMs,
		retry: {retries: 0},
	});
	const admin = kafka.admin();
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<never>((_, reject) => {
		timer = setTimeout(
			() => reject(new Error(`no answer from ${brokers.join(',')} in ${timeoutMs} ms`)),
			timeoutMs,
		);
	});
	try {
		const cluster = await Promise.race([admin.connect().then(() => admin.describeCluster()), deadline]);
		return cluster.brokers.map((broker) => broker.nodeId);
	} finally {
		clearTimeout(timer);
		await admin.disconnect().catch(() => undefined);
	}
}

/** The last `lines` lines of a file, or '' when it cannot be read. */
function tail(file: string, lines = 30): string {
	try {
		return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for a child to exit, at most `timeoutMs`; resolves true when it exited. */
function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(false), timeoutMs);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve(true);
		});
	});
}

/** The layout (cluster id and ports) to run: the kept one, or a new one. */
async function planLayout(
	options: StartKafkaOptions,
	layoutFile: string,
	version: string,
	nodeCount: number,
	listeners: KafkaListenerSpec[],
): Promise<{layout: ClusterLayout; reused: boolean}> {
	if (options.keepData && fs.existsSync(layoutFile)) {
		const kept = JSON.parse(fs.readFileSync(layoutFile, 'utf8')) as ClusterLayout;
		if (kept.nodes.length !== nodeCount) {
			throw new KafkaSetupError(
				`The kept data in ${path.dirname(layoutFile)} is a ${kept.nodes.length}-node cluster, not ${nodeCount}; ` +
					'start it with the same --nodes, or drop --keep-data to start fresh.',
			);
		}
		return {layout: kept, reused: true};
	}
	const wanted = nodeCount * (2 + listeners.length);
	const spare = await freePorts(wanted);
	const take = () => spare.shift()!;
	const nodes: KafkaNodePorts[] = [];
	for (let i = 0; i < nodeCount; i++) {
		const port = options.port === undefined ? take() : options.port + i;
		const controllerPort = take();
		const listenerPorts: Record<string, number> = {};
		for (const listener of listeners) listenerPorts[listener.name] = listener.ports?.[i] ?? take();
		nodes.push({port, controllerPort, listenerPorts});
	}
	return {layout: {clusterId: newClusterId(), version, nodes}, reused: false};
}

/**
 * Starts a local Kafka cluster and resolves once every node answers metadata requests and the
 * cluster lists all of them. On any failure every JVM it started is killed before it rejects.
 * @throws KafkaSetupError (one-line message) when Java, Maven or the jars are missing, a port is
 *   taken, formatting fails, a node exits early or the cluster does not come up in time.
 */
export async function startKafka(options: StartKafkaOptions = {}): Promise<KafkaCluster> {
	const nodeCount = options.nodes ?? 1;
	if (nodeCount !== 1 && nodeCount !== 3) throw new KafkaSetupError(`nodes must be 1 or 3, not ${nodeCount}`);
	const host = options.host ?? '127.0.0.1';
	const listeners = options.listeners ?? [];
	for (const listener of listeners) checkListenerName(listener.name);
	const heap = options.heap ?? '512m';
	const startTimeoutMs = options.startTimeoutMs ?? 120_000;
	const stopTimeoutMs = options.stopTimeoutMs ?? 30_000;

	const java = findJava();
	const libDir = await ensureJars();
	const version = kafkaVersion();

	const ownsDataDir = options.dataDir === undefined;
	const dataDir = path.resolve(options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'klog-kafka-')));
	const layoutFile = path.join(dataDir, 'cluster.json');
	const {layout, reused} = await planLayout(options, layoutFile, version, nodeCount, listeners);

	for (const [i, node] of layout.nodes.entries()) {
		for (const port of [node.port, node.controllerPort, ...Object.values(node.listenerPorts)]) {
			if (!(await isPortFree(port, host))) {
				if (ownsDataDir) fs.rmSync(dataDir, {recursive: true, force: true});
				throw new KafkaSetupError(
					`Port ${port} on ${host} (node ${i}) is already in use: is another broker running? Stop it or choose another --port.`,
				);
			}
		}
	}

	if (!reused) {
		// Fresh storage every run: leftovers from another cluster id would stop the start.
		fs.rmSync(dataDir, {recursive: true, force: true});
		fs.mkdirSync(dataDir, {recursive: true});
		fs.writeFileSync(layoutFile, `${JSON.stringify(layout, null, 2)}\n`);
	}

	const overrides = Object.fromEntries(
		Object.entries(options.serverProperties ?? {}).map(([key, value]) => [key, String(value)]),
	);
	const nodeDirs = layout.nodes.map((_, i) => path.join(dataDir, `node-${i}`));
	const propertiesFiles = nodeDirs.map((dir) => path.join(dir, 'server.properties'));
	for (const [i, dir] of nodeDirs.entries()) {
		fs.mkdirSync(path.join(dir, 'logs'), {recursive: true});
		const properties = nodeProperties({
			index: i,
			host,
			allNodes: layout.nodes,
			listeners,
			logDir: path.join(dir, 'data'),
			autoCreateTopics: options.autoCreateTopics ?? false,
			productionDefaults: options.productionDefaults ?? false,
			overrides,
		});
		fs.writeFileSync(propertiesFiles[i]!, formatProperties(properties));
	}

	const classpath = `${libDir}/*`;
	const quickStartFlags = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
	const jvmArgs = (dir: string, extra: string[]) => [
		`-Xmx${heap}`,
		...extra,
		'-Djava.awt.headless=true',
		// Kafka logs its own shutdown from a shutdown hook; log4j's hook must not close the file first.
		'-Dlog4j2.shutdownHookEnabled=false',
		`-Dlog4j2.configurationFile=${kafkaLog4jConfig}`,
		`-Dklog.log.dir=${path.join(dir, 'logs')}`,
		`-Dkafka.logs.dir=${path.join(dir, 'logs')}`,
		'-cp',
		classpath,
	];

	if (!reused) {
		await Promise.all(
			nodeDirs.map(async (dir, i) => {
				const args = [
					// A short-lived tool: the C1 compiler alone and the serial GC start it sooner.
					...jvmArgs(dir, quickStartFlags),
					'kafka.tools.StorageTool',
					'format',
					'-t',
					layout.clusterId,
					'-c',
					propertiesFiles[i]!,
					...(options.formatArgs ?? []),
				];
				const output = path.join(dir, 'logs', 'format.log');
				const code = await runJava(java, args, output);
				if (code !== 0) {
					throw new KafkaSetupError(
						`Formatting Kafka storage for node ${i} failed (exit ${code}); see ${output}.`,
						tail(output),
					);
				}
			}),
		);
	}

	const processes: Array<ChildProcess | undefined> = layout.nodes.map(() => undefined);
	let stopped = false;

	const spawnNode = (i: number): ChildProcess => {
		const dir = nodeDirs[i]!;
		const stdoutFile = path.join(dir, 'logs', 'stdout.log');
		const fd = fs.openSync(stdoutFile, 'a');
		const flags = [...(options.quickStart ? quickStartFlags : []), ...(options.jvmArgs ?? [])];
		const javaArgs = [...jvmArgs(dir, flags), 'kafka.Kafka', propertiesFiles[i]!];
		const [command, args] = setpriv
			? [setpriv, ['--pdeathsig', 'SIGKILL', '--', java, ...javaArgs]]
			: [java, javaArgs];
		const child = spawn(command, args, {stdio: ['ignore', fd, fd]});
		fs.closeSync(fd);
		trackJvm(child);
		processes[i] = child;
		return child;
	};

	const nodeInfo = (i: number): KafkaNodeInfo => {
		const ports = layout.nodes[i]!;
		const child = processes[i];
		const running = child !== undefined && child.exitCode === null && child.signalCode === null;
		return {
			index: i,
			nodeId: i + 1,
			address: `${host}:${ports.port}`,
			port: ports.port,
			controllerPort: ports.controllerPort,
			listenerPorts: {...ports.listenerPorts},
			dir: nodeDirs[i]!,
			logFile: path.join(nodeDirs[i]!, 'logs', 'server.log'),
			propertiesFile: propertiesFiles[i]!,
			pid: running ? child.pid : undefined,
			running,
		};
	};

	const checkIndex = (i: number) => {
		if (!Number.isInteger(i) || i < 0 || i >= nodeCount) {
			throw new RangeError(`node index ${i} is out of range (0..${nodeCount - 1})`);
		}
	};

	/** Waits until `indexes` answer metadata requests and the cluster lists `expectedIds`. */
	const waitReady = async (indexes: number[], expectedIds: number[], timeoutMs: number): Promise<void> => {
		const deadline = Date.now() + timeoutMs;
		let lastError = '';
		for (const i of indexes) {
			for (;;) {
				const child = processes[i];
				if (!child || child.exitCode !== null || child.signalCode !== null) {
					const info = nodeInfo(i);
					throw new KafkaSetupError(
						`Kafka node ${i} exited while starting (code ${child?.exitCode ?? child?.signalCode}); see ${info.logFile}.`,
						`${tail(info.logFile)}\n${tail(path.join(info.dir, 'logs', 'stdout.log'))}`,
					);
				}
				try {
					const ids = await describeBrokers([nodeInfo(i).address], 2000);
					if (expectedIds.every((id) => ids.includes(id))) break;
					lastError = `cluster lists nodes ${ids.join(',')}, waiting for ${expectedIds.join(',')}`;
				} catch (error) {
					lastError = error instanceof Error ? error.message : String(error);
				}
				if (Date.now() > deadline) {
					throw new KafkaSetupError(
						`Kafka node ${i} did not answer a metadata request within ${Math.round(timeoutMs / 1000)} s (${lastError}); see ${nodeInfo(i).logFile}.`,
						tail(nodeInfo(i).logFile),
					);
				}
				await sleep(250);
			}
		}
	};

	const stopProcess = async (i: number, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> => {
		const child = processes[i];
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		child.kill(signal);
		if (signal === 'SIGTERM' && (await waitForExit(child, stopTimeoutMs))) return;
		child.kill('SIGKILL');
		await waitForExit(child, 10_000);
	};

	const killAll = async () => {
		await Promise.all(layout.nodes.map((_, i) => stopProcess(i, 'SIGKILL')));
	};

	const allIds = layout.nodes.map((_, i) => i + 1);
	try {
		// Start every node together: a 3-node quorum needs a majority up to elect a leader.
		for (let i = 0; i < nodeCount; i++) spawnNode(i);
		await waitReady(
			layout.nodes.map((_, i) => i),
			allIds,
			startTimeoutMs,
		);
	} catch (error) {
		await killAll();
		throw error;
	}

	const brokers = layout.nodes.map((node) => `${host}:${node.port}`);
	return {
		version,
		clusterId: layout.clusterId,
		bootstrap: brokers.join(','),
		brokers,
		dataDir,
		get nodes() {
			return layout.nodes.map((_, i) => nodeInfo(i));
		},
		listenerBootstrap(name: string) {
			if (!listeners.some((listener) => listener.name === name)) {
				throw new Error(
					`no listener named ${name} (have: PLAINTEXT${listeners.map((l) => `, ${l.name}`).join('')})`,
				);
			}
			return layout.nodes.map((node) => `${host}:${node.listenerPorts[name]}`).join(',');
		},
		async kill(nodeIndex: number) {
			checkIndex(nodeIndex);
			await stopProcess(nodeIndex, 'SIGKILL');
		},
		async stopNode(nodeIndex: number) {
			checkIndex(nodeIndex);
			await stopProcess(nodeIndex, 'SIGTERM');
		},
		async restart(nodeIndex: number) {
			checkIndex(nodeIndex);
			if (stopped) throw new Error('this cluster was stopped');
			await stopProcess(nodeIndex, 'SIGTERM');
			spawnNode(nodeIndex);
			try {
				await waitReady([nodeIndex], [nodeIndex + 1], startTimeoutMs);
			} catch (error) {
				await stopProcess(nodeIndex, 'SIGKILL');
				throw error;
			}
		},
		async stop() {
			if (stopped) return;
			stopped = true;
			await Promise.all(layout.nodes.map((_, i) => stopProcess(i, 'SIGTERM')));
			if (ownsDataDir && !options.keepData) fs.rmSync(dataDir, {recursive: true, force: true});
		},
	};
}

/** Runs a short-lived Java tool with its output in `logFile`; resolves to its exit code. */
function runJava(java: string, args: string[], logFile: string): Promise<number> {
	const fd = fs.openSync(logFile, 'a');
	return new Promise<number>((resolve) => {
		const child = spawn(java, args, {stdio: ['ignore', fd, fd]});
		trackJvm(child);
		child.once('error', () => resolve(-1));
		child.once('exit', (code) => resolve(code ?? -1));
	}).finally(() => fs.closeSync(fd));
}
