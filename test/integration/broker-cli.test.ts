/**
 * `npm run broker` itself (scripts/broker.ts), run as users run it, in its own process group:
 * it starts a broker or a 3-node cluster that kcat lists, prints the bootstrap address, stops
 * cleanly on SIGINT (Ctrl+C) and SIGTERM (kill), and with bad input (no Java, no Maven, a taken
 * port, jars that cannot be fetched) says what is wrong in one line and exits non-zero, in
 * bounded time, never leaving a JVM behind. The suite's shared broker is not used here.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {freePort, isPortFree} from '../../tools/kafka/free-port.js';
import {jarCacheEnv, kafkaVersion} from '../../tools/kafka/kafka-jars.js';
import {
	type BrokerLauncher,
	type BrokerProcess,
	commandPath,
	jvmsWith,
	kcatBrokers,
	killProcessesWith,
	pathWithOnly,
	startBrokerCommand,
	waitForNoProcessWith,
} from '../support/kafka/broker-process.js';

/** Generous bounds for 2 shared cores: a start, a clean stop, a failing run (Maven's JVM included). */
const startTimeoutMs = 240_000;
const stopTimeoutMs = 90_000;
const failTimeoutMs = 120_000;

/** Every test works in its own temporary directory; its path marks the processes it started. */
let workDir = '';
const running: BrokerProcess[] = [];

function newWorkDir(): string {
	workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'klog-broker-cli-'));
	return workDir;
}

afterEach(() => {
	// After a failure: nothing of this test may keep running.
	for (const broker of running.splice(0)) broker.killGroup();
	if (workDir) {
		killProcessesWith(workDir);
		fs.rmSync(workDir, {recursive: true, force: true});
		workDir = '';
	}
});

function start(launcher: BrokerLauncher, args: string[], env: Record<string, string | undefined> = {}) {
	const broker = startBrokerCommand(launcher, args, env);
	running.push(broker);
	return broker;
}

/** A port P with P, P+1 and P+2 free (node i of `--port P` uses P+i). */
async function freePortRun(count: number): Promise<number> {
	for (;;) {
		const port = await freePort();
		if (port + count > 65_535) continue;
		let free = true;
		for (let i = 1; i < count; i++) free &&= await isPortFree(port + i);
		if (free) return port;
	}
}

/** The `node N: host:port  pid P  log: F` lines the command prints once the cluster is up. */
function printedNodes(
	stdout: string,
): Array<{nodeId: number; address: string; pid: number; logFile: string}> {
	return [...stdout.matchAll(/^ {2}node (\d+): (\S+) {2}pid (\d+) {2}log: (.+)$/gm)].map((match) => ({
		nodeId: Number(match[1]),
		address: match[2]!,
		pid: Number(match[3]),
		logFile: match[4]!,
	}));
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/**
 * Starts the broker command, checks what it printed against kcat and the JVMs that run, stops
 * it with `signal` sent `to` the launcher or its group, and checks the stop was clean.
 */
async function startCheckStop(options: {
	launcher: BrokerLauncher;
	nodes: 1 | 3;
	signal: NodeJS.Signals;
	to: 'process' | 'group';
}): Promise<void> {
	const dir = newWorkDir();
	const port = await freePortRun(options.nodes);
	const launched = Date.now();
	const broker = start(options.launcher, [
		'--port',
		String(port),
		'--nodes',
		String(options.nodes),
		'--data-dir',
		dir,
	]);
	const bootstrap = (await broker.waitForOutput(/^Bootstrap: (\S+)$/m, startTimeoutMs))[1]!;
	process.stderr.write(
		`[broker-cli] ${options.launcher} ${options.nodes} node(s): bootstrap printed ${Date.now() - launched} ms after launch\n`,
	);

	const addresses = Array.from({length: options.nodes}, (_, i) => `127.0.0.1:${port + i}`);
	expect(bootstrap).toBe(addresses.join(','));
	const nodes = printedNodes(broker.stdout());
	expect(nodes.map((node) => [node.nodeId, node.address])).toEqual(
		addresses.map((address, i) => [i + 1, address]),
	);

	// kcat, an independent client, sees every node under the advertised address.
	const listed = kcatBrokers(addresses[0]!);
	expect([...listed.entries()].sort()).toEqual(addresses.map((address, i) => [i + 1, address]));

	// The printed pids are exactly the JVMs running on this test's data dir.
	const jvms = jvmsWith(dir).map((jvm) => jvm.pid);
	expect(jvms.sort()).toEqual(nodes.map((node) => node.pid).sort());

	broker.signal(options.signal, options.to);
	const exit = await broker.waitForExit(stopTimeoutMs);
	expect(exit, broker.stderr()).toEqual({code: 0, signal: null});
	expect(broker.stdout()).toMatch(/^Stopping Kafka\.\.\.\nKafka stopped\.\n$/m);
	expect(broker.stderr()).toBe('');

	// Nothing of it is left: not the JVMs, not tsx or node, and each broker shut down cleanly
	// (Kafka's last line of an orderly shutdown; a SIGKILL would cut the log before it).
	expect(await waitForNoProcessWith(dir, 10_000)).toEqual([]);
	for (const node of nodes) {
		expect(isAlive(node.pid), `JVM ${node.pid}`).toBe(false);
		expect(fs.readFileSync(node.logFile, 'utf8')).toMatch(
			new RegExp(`App info kafka\\.server for ${node.nodeId} unregistered`),
		);
	}
}

// Stops go through `npm run broker`, the README's command: `npx tsx` puts tsx's signal relay in
// between, which SIGKILLs the script when it does not acknowledge a signal within 30 ms (easily
// missed on 2 busy cores), and the JVMs die with it.
describe('npm run broker: start, list with kcat, stop', () => {
	it(
		'--port P: one broker at 127.0.0.1:P; Ctrl+C (SIGINT to the group) stops it',
		() => startCheckStop({launcher: 'npm', nodes: 1, signal: 'SIGINT', to: 'group'}),
		startTimeoutMs + stopTimeoutMs,
	);

	it(
		'--port P: `kill` (SIGTERM to npm alone) stops the broker, not just npm',
		() => startCheckStop({launcher: 'npm', nodes: 1, signal: 'SIGTERM', to: 'process'}),
		startTimeoutMs + stopTimeoutMs,
	);

	it(
		'--nodes 3: kcat lists 3 brokers; SIGTERM to the group (and npm forwards it again) stops all three',
		() => startCheckStop({launcher: 'npm', nodes: 3, signal: 'SIGTERM', to: 'group'}),
		startTimeoutMs + stopTimeoutMs,
	);
});

describe('npm run broker: bad input gives one line, a non-zero exit and no JVM', () => {
	/**
	 * Runs `npx tsx scripts/broker.ts --port <port or a free one> --data-dir <work dir>/data` to its end (failing the test if it is still running after
	 * `failTimeoutMs`), then checks: non-zero exit, exactly one line on stderr (`broker: ...`),
	 * no broker address printed, no process of this test left. Returns the line.
	 */
	async function runToFailure(env: Record<string, string | undefined>, port?: number): Promise<string> {
		const args = ['--port', String(port ?? (await freePort())), '--data-dir', path.join(workDir, 'data')];
		const broker = start('npx', args, env);
		const exit = await broker.waitForExit(failTimeoutMs);
		expect(exit.code, broker.stderr()).not.toBe(0);
		expect(exit.code).not.toBeNull();
		const lines = broker.stderr().replace(/\n$/, '').split('\n');
		expect(lines, broker.stderr()).toHaveLength(1);
		expect(lines[0]).toMatch(/^broker: /);
		expect(broker.stdout()).not.toContain('Bootstrap:');
		expect(await waitForNoProcessWith(workDir, 10_000)).toEqual([]);
		return lines[0]!;
	}

	/** Maven settings in a home of its own (MAVEN_OPTS=-Duser.home=...), with an empty repository. */
	function mavenHome(dir: string, settings: string): Record<string, string> {
		const home = path.join(dir, 'home');
		fs.mkdirSync(path.join(home, '.m2'), {recursive: true});
		fs.writeFileSync(
			path.join(home, '.m2', 'settings.xml'),
			`<settings><localRepository>${path.join(dir, 'm2')}</localRepository>${settings}</settings>\n`,
		);
		return {MAVEN_OPTS: `-Duser.home=${home}`};
	}

	/** The jar cache must not look complete (nor half-written) after a failed download. */
	function expectNoJars(dir: string): void {
		const lib = path.join(dir, 'lib');
		const entries = fs.existsSync(lib) ? fs.readdirSync(lib) : [];
		expect(entries.filter((name) => name !== 'maven.log')).toEqual([]);
	}

	it(
		'Java missing (no java on PATH, no JAVA_HOME): names Java 17 and how to install it',
		async () => {
			const dir = newWorkDir();
			const line = await runToFailure({
				PATH: pathWithOnly(path.join(dir, 'bin'), ['node', 'npm', 'npx', 'sh']),
				JAVA_HOME: undefined,
				[jarCacheEnv]: path.join(dir, 'lib'),
			});
			expect(line).toMatch(/Java 17 or newer is needed/);
			expect(line).toContain('apt-get install openjdk-17');
			expect(line).toContain('JAVA_HOME');
		},
		failTimeoutMs + 30_000,
	);

	it(
		'Maven missing while the jars are not cached: names Maven and how to install it',
		async () => {
			const dir = newWorkDir();
			const java = commandPath('java');
			const line = await runToFailure({
				PATH: pathWithOnly(path.join(dir, 'bin'), ['node', 'npm', 'npx', 'sh']),
				JAVA_HOME: path.dirname(path.dirname(java)),
				[jarCacheEnv]: path.join(dir, 'lib'),
			});
			expect(line).toMatch(/Maven is needed once to download the Apache Kafka jars/);
			expect(line).toContain('apt-get install maven');
			expectNoJars(dir);
		},
		failTimeoutMs + 30_000,
	);

	it(
		'the port is taken: names the port and says to stop the other broker or choose another --port',
		async () => {
			newWorkDir();
			const server = net.createServer();
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			const port = (server.address() as net.AddressInfo).port;
			try {
				const line = await runToFailure({}, port);
				expect(line).toBe(
					`broker: Port ${port} on 127.0.0.1 (node 0) is already in use: is another broker running? Stop it or choose another --port.`,
				);
			} finally {
				await new Promise((resolve) => server.close(resolve));
			}
		},
		failTimeoutMs + 30_000,
	);

	it(
		'Maven offline with an empty repository: says Maven is offline and has never downloaded them',
		async () => {
			const dir = newWorkDir();
			const line = await runToFailure({
				[jarCacheEnv]: path.join(dir, 'lib'),
				...mavenHome(dir, '<offline>true</offline>'),
			});
			expect(line).toContain(`Maven could not download the Apache Kafka ${kafkaVersion()} jars`);
			expect(line).toContain('Maven is offline');
			expect(line).toContain(path.join(dir, 'lib', 'maven.log'));
			expectNoJars(dir);
		},
		failTimeoutMs + 30_000,
	);

	it(
		'an unreachable Maven repository with an empty cache: names the repository',
		async () => {
			const dir = newWorkDir();
			// A free port on loopback refuses connections at once, like a repository that is down.
			const repository = `http://127.0.0.1:${await freePort()}/maven2`;
			const mirror = `<mirrors><mirror><id>down</id><mirrorOf>*</mirrorOf><url>${repository}</url></mirror></mirrors>`;
			const line = await runToFailure({
				[jarCacheEnv]: path.join(dir, 'lib'),
				...mavenHome(dir, mirror),
			});
			expect(line).toContain(`Maven could not download the Apache Kafka ${kafkaVersion()} jars`);
			expect(line).toContain(`the Maven repository ${repository} could not be reached`);
			expectNoJars(dir);
		},
		failTimeoutMs + 30_000,
	);
});

it('a bad flag: one line, exit 2, before anything starts', async () => {
	const dir = newWorkDir();
	const broker = start('npx', ['--port', 'not-a-port', '--data-dir', dir]);
	const exit = await broker.waitForExit(failTimeoutMs);
	expect(exit.code).toBe(2);
	expect(broker.stderr()).toBe('broker: --port must be a port number, not "not-a-port"\n');
	expect(await waitForNoProcessWith(dir, 10_000)).toEqual([]);
});

it("jars already in Maven's repository and an empty cache: copied without announcing a download", async () => {
	const dir = newWorkDir();
	// This machine's ~/.m2 holds the jars (the suite's broker came from there).
	const broker = start('npx', ['--jars-only'], {[jarCacheEnv]: path.join(dir, 'lib')});
	const exit = await broker.waitForExit(failTimeoutMs);
	expect(exit.code, broker.stderr()).toBe(0);
	expect(broker.stdout()).not.toMatch(/Resolving|Downloading/);
	expect(broker.stdout()).toContain(`Kafka jars are in ${path.join(dir, 'lib', kafkaVersion())}`);
	expect(
		fs.readdirSync(path.join(dir, 'lib', kafkaVersion())).some((name) => name.startsWith('kafka_2.13-')),
	).toBe(true);
});
