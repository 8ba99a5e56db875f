/**
 * Soak test (issue 6, "Long run"): `npm run soak -- --minutes 30 --rate 2000`.
 *
 * Starts its own Kafka broker (tools/kafka/kafka-broker.ts), streams JSON log lines into a topic at
 * `--rate` records/s (kcat in another process, so producing costs this process nothing), and runs
 * the real TUI pipeline in THIS process: the log stream, the store, the status store and the
 * Ink app through `runTui`, rendering to a virtual 200x50 terminal with a virtual keyboard.
 * Every `--sample-seconds` it samples RSS, heap, consumed records/s and key-to-frame latency
 * (press `?`, time until a frame shows the help overlay; press `?` again, time until it is gone).
 * It stops by itself after `--minutes`, stops everything it started, prints a table and a
 * verdict, and exits 0 when the verdict is a pass, 1 when not.
 */
// First: Ink must load as in a terminal, CI or not.
import '../tools/terminal/virtual-terminal-env.js';
import fs from 'node:fs';
import {parseArgs} from 'node:util';
import {Kafka, logLevel} from 'kafkajs';
import {createViewerSession} from '../source/session/viewer-session.js';
import {tuneHeapForViewer} from '../source/tui/heap-tuning.js';
import {runTui} from '../source/tui/screen.js';
import {startKafka} from '../tools/kafka/kafka-broker.js';
import {startLiveProducer} from '../tools/load/live-producer.js';
import {percentile} from '../tools/load/measure.js';
import {
	createVirtualKeyboard,
	createVirtualTerminal,
	untilScreen,
} from '../tools/terminal/virtual-terminal.js';
import {type SoakSample, soakVerdict} from './soak-verdict.js';

const {values: args} = parseArgs({
	options: {
		minutes: {type: 'string', default: '30'},
		rate: {type: 'string', default: '2000'},
		'sample-seconds': {type: 'string', default: '30'},
		partitions: {type: 'string', default: '6'},
		'record-bytes': {type: 'string', default: '200'},
		/** Also write the samples and verdict as JSON here. */
		out: {type: 'string'},
	},
});

const minutes = Number(args.minutes);
const rate = Number(args.rate);
const sampleSeconds = Number(args['sample-seconds']);
const partitions = Number(args.partitions);
const recordBytes = Number(args['record-bytes']);
for (const [name, value] of Object.entries({minutes, rate, sampleSeconds, partitions, recordBytes})) {
	if (!Number.isFinite(value) || value <= 0) {
		process.stderr.write(`soak: --${name} must be a positive number\n`);
		process.exit(2);
	}
}

const columns = 200;
const rows = 50;
/** The help overlay's title line: on screen only while help is open. */
const helpMarker = 'Esc or ? closes';
/** A key whose effect has not shown after this long counts as missed. */
const keyWaitLimitMs = 5000;
/** Pause between key probes: a human pace, so the probes themselves do not load the app. */
const keyEveryMs = 2000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const write = (text: string) => process.stdout.write(text);

async function createTopic(bootstrap: string, topic: string): Promise<void> {
	const admin = new Kafka({clientId: 'soak-admin', brokers: [bootstrap], logLevel: logLevel.NOTHING}).admin();
	await admin.connect();
	try {
		await admin.createTopics({
			topics: [{topic, numPartitions: partitions, replicationFactor: 1}],
			waitForLeaders: true,
		});
	} finally {
		await admin.disconnect();
	}
}

async function main(): Promise<number> {
	const startedAt = Date.now();
	write(
		`soak: ${minutes} min at ${rate} records/s, sampling every ${sampleSeconds} s; starting a broker...\n`,
	);
	const cluster = await startKafka({nodes: 1});
	const bootstrap = cluster.bootstrap;
	const topic = 'soak-logs';
	const groupId = `klog-tui-soak-${process.pid}`;
	let producer: ReturnType<typeof startLiveProducer> | undefined;
	let app: Promise<void> | undefined;
	const keyboard = createVirtualKeyboard();
	try {
		await createTopic(bootstrap, topic);
		const terminal = createVirtualTerminal({columns, rows, trackScreen: true});
		// The heap settings the CLI gives the TUI (source/tui/heap-tuning.ts).
		tuneHeapForViewer();
		// Wired as the CLI wires it (source/session/viewer-session.ts): the stream runs in a worker thread.
		const {store, status, stream, controller} = createViewerSession({
			connection: {brokers: [bootstrap]},
			topics: [topic],
			groupId,
			start: {kind: 'end'},
			commit: false,
			allowProduce: false,
		});
		let appEnded = false;
		app = runTui({
			// As the CLI does (source/tui.ts): the stream starts once the app is on screen.
			onStarted: () => void stream.start(),
			store,
			status,
			controller,
			info: {topics: [topic], brokers: [bootstrap], groupId},
			stdout: terminal.stdout,
			stdin: keyboard.stdin,
		}).finally(() => {
			appEnded = true;
		});
		for (let waited = 0; stream.state.kind !== 'live'; waited += 100) {
			if (waited > 60_000) throw new Error(`the stream did not go live (${JSON.stringify(stream.state)})`);
			await sleep(100);
		}
		producer = startLiveProducer({bootstrap, topic, recordsPerSecond: rate, recordBytes});
		write(
			`soak: broker ${bootstrap} (Kafka ${cluster.version}) up, stream live, producing; ${Math.round((Date.now() - startedAt) / 1000)} s\n`,
		);

		/** Time from pressing `keys` until a write leaves the screen passing `test`; undefined if it never does. */
		const pressAndWait = (keys: string, test: (screen: string) => boolean): Promise<number | undefined> => {
			const waiting = untilScreen(terminal, test, keyWaitLimitMs);
			keyboard.press(keys);
			return waiting;
		};

		const samples: SoakSample[] = [];
		let windowKeys: number[] = [];
		let windowMissed = 0;
		let running = true;
		const helpOpen = (screen: string) => screen.includes(helpMarker);
		const probing = (async () => {
			while (running && !appEnded) {
				// Expect the opposite of what the screen shows now, so one lost key cannot put
				// every later probe out of step.
				const isOpen = helpOpen(terminal.screen().join('\n'));
				const ms = await pressAndWait('?', (screen) => helpOpen(screen) !== isOpen);
				if (ms === undefined) windowMissed += 1;
				else windowKeys.push(ms);
				await sleep(keyEveryMs / 2);
			}
		})();

		const runStart = performance.now();
		let lastTotal = store.total;
		let lastAt = runStart;
		const endAt = runStart + minutes * 60_000;
		write(
			`${['min', 'rss MB', 'heap MB', 'rec/s', 'buffered', 'keys', 'missed', 'key p50', 'key p99', 'state'].map((h) => h.padStart(9)).join('')}\n`,
		);
		while (performance.now() < endAt && !appEnded) {
			await sleep(Math.min(sampleSeconds * 1000, endAt - performance.now()));
			const now = performance.now();
			// Under `node --expose-gc` (a diagnosis run) collect first, so heap is what stays alive.
			(globalThis as {gc?: () => void}).gc?.();
			const memory = process.memoryUsage();
			const sample: SoakSample = {
				minute: (now - runStart) / 60_000,
				rssMb: memory.rss / 2 ** 20,
				heapMb: memory.heapUsed / 2 ** 20,
				recordsPerSecond: (store.total - lastTotal) / ((now - lastAt) / 1000),
				buffered: store.size,
				keys: windowKeys.length,
				keysMissed: windowMissed,
				keyP50: percentile(windowKeys, 50),
				keyP99: percentile(windowKeys, 99),
				keyTimes: windowKeys,
				state: stream.state.kind,
			};
			samples.push(sample);
			lastTotal = store.total;
			lastAt = now;
			windowKeys = [];
			windowMissed = 0;
			write(
				`${[
					sample.minute.toFixed(1),
					sample.rssMb.toFixed(0),
					sample.heapMb.toFixed(0),
					sample.recordsPerSecond.toFixed(0),
					String(sample.buffered),
					String(sample.keys),
					String(sample.keysMissed),
					sample.keyP50.toFixed(0),
					sample.keyP99.toFixed(0),
					sample.state,
				]
					.map((cell) => cell.padStart(9))
					.join('')}\n`,
			);
		}
		running = false;
		await probing;
		const sent = await producer.stop();
		producer = undefined;
		const verdict = soakVerdict(samples, rate);
		write(
			`\nsoak: produced ${sent} records, the store counted ${store.total} (duplicates dropped: ${store.duplicates})\n`,
		);
		for (const line of verdict.lines) write(`soak: ${line}\n`);
		write(`soak: verdict ${verdict.pass ? 'PASS' : 'FAIL'}\n`);
		if (args.out) {
			fs.writeFileSync(
				args.out,
				`${JSON.stringify({minutes, rate, sent, total: store.total, samples, verdict}, null, 2)}\n`,
			);
		}
		return verdict.pass ? 0 : 1;
	} finally {
		await producer?.stop().catch(() => undefined);
		if (app) {
			// Quit like the user does: the app leaves (and deletes) the group.
			keyboard.press('q');
			await Promise.race([app, sleep(15_000)]);
		}
		await cluster.stop();
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`soak: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	},
);
