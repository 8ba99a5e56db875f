/**
 * `npm run demo`, the README's first command: live demo logs in the TUI in one go.
 *
 * 1. Finds a broker at KAFKA_BROKERS (default localhost:9092); if none answers and that is
 *    one address on this machine, starts one there (on that port) with the harness, its data
 *    in <demo dir>/demo.
 * 2. Creates the topic `logs` (3 partitions) so the TUI has something to open.
 * 3. Starts the demo producer (`node dist/cli.js demo`), its output in <demo dir>/demo-producer.log.
 * 4. Runs the TUI in the foreground (inherited stdio; extra arguments are passed on).
 * On exit (q, Ctrl-C, SIGTERM) it stops the producer, and the broker if it started it
 * (never one it found running).
 *
 * The demo dir is KLOG_DEMO_DIR, default .kafka in the repository: with KAFKA_BROKERS on another
 * port, a second demo (the end-to-end test's) runs beside a developer's without touching it.
 */
import {type ChildProcess, spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {createTopicIfMissing} from '../source/kafka.js';
import {isLoopbackOnly, parseBrokerAddress} from '../source/settings/broker-address.js';
import {
	ensureJars,
	isKafkaReachable,
	type KafkaCluster,
	KafkaSetupError,
	startKafka,
} from '../tools/kafka/kafka-broker.js';
import {repoRoot} from '../tools/kafka/kafka-jars.js';

const DEMO_PORT = 9092;
const cli = path.join(repoRoot, 'dist', 'cli.js');
/** Where the demo's broker keeps its data (`demo/`) and the producer its log. */
const demoDir = path.resolve(process.env.KLOG_DEMO_DIR?.trim() || path.join(repoRoot, '.kafka'));
/** A path as the user can read it: relative to the repository when inside it. */
const shown = (file: string) => (file.startsWith(repoRoot + path.sep) ? path.relative(repoRoot, file) : file);
const say = (line: string) => process.stderr.write(`demo: ${line}\n`);

/** Stop a child: SIGTERM, then SIGKILL if it is still there after `ms`. */
async function stopChild(child: ChildProcess | undefined, ms = 5000): Promise<void> {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), ms);
	await exited;
	clearTimeout(timer);
}

async function main(): Promise<number> {
	if (!fs.existsSync(cli)) {
		say('dist/cli.js is missing: run `npm run build` first (npm run demo does).');
		return 1;
	}
	let bootstrap = process.env.KAFKA_BROKERS?.trim() || `localhost:${DEMO_PORT}`;
	let cluster: KafkaCluster | undefined;
	let producer: ChildProcess | undefined;
	let tui: ChildProcess | undefined;
	let shuttingDown = false;

	const cleanUp = async () => {
		await stopChild(producer);
		if (cluster) {
			say('stopping the local Kafka broker...');
			await cluster.stop();
		}
	};
	// Before the TUI runs, a signal ends the demo; while it runs, the TUI gets it and quits.
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(signal, () => {
			if (tui && tui.exitCode === null) {
				tui.kill(signal);
				return;
			}
			if (shuttingDown) process.exit(130);
			shuttingDown = true;
			void cleanUp().then(() => process.exit(130));
		});
	}

	try {
		if (await isKafkaReachable(bootstrap, 3000)) {
			say(`using the Kafka broker at ${bootstrap}`);
		} else {
			const addresses = bootstrap.split(',');
			if (addresses.length !== 1 || !isLoopbackOnly(bootstrap)) {
				say(`no Kafka broker answers at ${bootstrap}; start it, or unset KAFKA_BROKERS for a local one`);
				return 2;
			}
			// One address on this machine: start the broker there (port 9092 unless KAFKA_BROKERS says).
			const port = parseBrokerAddress(addresses[0]!).port;
			const dataDir = path.join(demoDir, 'demo');
			say(
				`no Kafka broker answers: starting a local one on 127.0.0.1:${port} (data in ${shown(dataDir)})...`,
			);
			await ensureJars({onDownload: say});
			const started = Date.now();
			cluster = await startKafka({port, dataDir});
			bootstrap = cluster.bootstrap;
			say(
				`Kafka ${cluster.version} is ready at ${bootstrap} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
			);
		}
		if (shuttingDown) return 130;

		await createTopicIfMissing({brokers: bootstrap.split(',')}, 'logs', {partitions: 3});
		const producerLog = path.join(demoDir, 'demo-producer.log');
		fs.mkdirSync(path.dirname(producerLog), {recursive: true});
		const logFd = fs.openSync(producerLog, 'a');
		// Detached: its own process group, so a Ctrl-C meant for the TUI does not reach it.
		producer = spawn(process.execPath, [cli, 'demo', '--brokers', bootstrap, '--topic', 'logs'], {
			stdio: ['ignore', logFd, logFd],
			detached: true,
		});
		fs.closeSync(logFd);
		say(`demo producer running (log: ${shown(producerLog)}); starting the TUI...`);

		tui = spawn(
			process.execPath,
			[cli, '--brokers', bootstrap, '--topic', 'logs', ...process.argv.slice(2)],
			{
				stdio: 'inherit',
			},
		);
		const code = await new Promise<number>((resolve) => {
			// Killed by a signal: the shell's convention, 128 + the signal number.
			tui!.once('exit', (exitCode, signal) =>
				resolve(exitCode ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1)),
			);
		});
		return code;
	} catch (error) {
		const message =
			error instanceof KafkaSetupError || error instanceof Error ? error.message : String(error);
		say(message.split('\n')[0]!);
		return 1;
	} finally {
		await cleanUp();
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		say(error instanceof Error ? error.message : String(error));
		process.exit(1);
	},
);
