/**
 * The TUI pipeline under measurement: the real log stream (source/kafka.ts), the real store and
 * the real Ink app, wired as `source/tui.ts` wires them, with only the terminal
 * replaced by a virtual 200x50 one (and stdin by a virtual keyboard).
 *
 * Modes (run by bench/run.ts, compiled to bench/out/build first):
 * - `ingest`: read the topic from the beginning until the store has counted `--records`, then
 *   quit like the user would (the controller leaves the group) and exit. Timed from outside.
 * - `live`: read the `--records` already in the topic (filling the buffer), type a text filter,
 *   press the `--keys` (e.g. `T,L`: panels to have open while measuring), then (while bench/run.ts
 *   streams `--rate` records/s into the topic) press keys for `--seconds`; report frame render
 *   times (Ink's `onRender`) and the time from each key to the frame showing it.
 * Results go to `--result-file` as JSON. Nothing is printed to the real stdout.
 */
// First: Ink must load as in a terminal, CI or not.
import '../tools/terminal/virtual-terminal-env.js';
import fs from 'node:fs';
import {PerformanceObserver} from 'node:perf_hooks';
import {parseArgs} from 'node:util';
import {createLagSession} from '../source/session/lag-session.js';
import {createViewerSession} from '../source/session/viewer-session.js';
import {tuneHeapForViewer} from '../source/tui/heap-tuning.js';
import {runTui} from '../source/tui/screen.js';
import type {KeyTrace} from '../tools/load/key-wait.js';
import {percentile} from '../tools/load/measure.js';
import {parseKeyList} from '../tools/terminal/key-list.js';
import {
	createVirtualKeyboard,
	createVirtualTerminal,
	untilScreen,
} from '../tools/terminal/virtual-terminal.js';
import type {LatencyResult} from './results-table.js';

const columns = 200;
const rows = 50;
/** The text filter typed before the live phase; matches about 1 record in 10. */
const filterText = 'timeout';
/** Shown only while the help overlay is open (its title line). */
const helpMarker = 'Esc or ? closes';
/** The lag panel's title (components/lag-panel.tsx). */
const lagMarker = 'Consumer lag';
/** Shown only while a filter is being typed (the input line's hint). */
const inputMarker = 'Enter keep';
/** A key whose effect has not shown after this long counts as missed. */
const keyWaitLimitMs = 2000;

const {values: args} = parseArgs({
	options: {
		mode: {type: 'string'},
		bootstrap: {type: 'string'},
		topic: {type: 'string'},
		records: {type: 'string'},
		group: {type: 'string'},
		'result-file': {type: 'string'},
		/** The rate bench/run.ts streams at once told (only reported here). */
		rate: {type: 'string', default: '20000'},
		seconds: {type: 'string', default: '10'},
		/** Keys pressed once before the measured phase, comma-separated (`liveKeys` in bench-config.ts). */
		keys: {type: 'string', default: ''},
		/** Live mode: write each measured key press and GC pause here (for bench/key-wait.ts). */
		'trace-file': {type: 'string'},
	},
});
const mode = args.mode === 'live' ? 'live' : 'ingest';
const bootstrap = required('bootstrap');
const topic = required('topic');
const records = Number(required('records'));
const groupId = required('group');
const resultFile = required('result-file');

function required(name: keyof typeof args): string {
	const value = args[name];
	if (typeof value !== 'string' || value === '') throw new Error(`tui-pipeline needs --${name}`);
	return value;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const terminal = createVirtualTerminal({columns, rows, trackScreen: mode === 'live'});
const keyboard = createVirtualKeyboard();
const renderTimes: number[] = [];

// The heap settings the CLI gives the TUI (source/tui/heap-tuning.ts).
tuneHeapForViewer();
// Wired as the CLI wires it (source/session/viewer-session.ts): the stream runs in a worker thread.
const {store, stream, controller, status} = createViewerSession({
	connection: {brokers: [bootstrap]},
	topics: [topic],
	groupId,
	start: {kind: 'beginning'},
	commit: false,
	allowProduce: false,
});

// The lag panel's source as the CLI makes it (source/tui.ts): its worker starts when `L` opens it.
const lag = createLagSession({brokers: [bootstrap]}, [topic]);

/** Resolves once the store has counted `count` records (checked every few ms: cheap, and precise enough). */
async function untilTotal(count: number): Promise<void> {
	let said = performance.now();
	while (store.total < count) {
		await sleep(5);
		// A run that never fills names its state on stderr, which the bench shows when it times out.
		if (performance.now() - said < 10_000) continue;
		said = performance.now();
		const {connection, partitions} = status.get();
		const read = partitions
			.map((partition) => `${partition.partition}:${partition.offset}/${partition.highWatermark}`)
			.join(' ');
		process.stderr.write(
			`tui-pipeline: ${store.total} of ${count} read, ${connection.kind}${'reason' in connection && connection.reason ? ` (${connection.reason})` : ''}, partitions ${read}\n`,
		);
	}
}

/** Presses `keys` and waits for the frame that shows it; ms or undefined when it never showed. */
async function pressAndWait(keys: string, test: (screen: string) => boolean): Promise<number | undefined> {
	const waiting = untilScreen(terminal, test, keyWaitLimitMs);
	keyboard.press(keys);
	return waiting;
}

async function runIngest(): Promise<void> {
	const from = performance.now();
	await untilTotal(records);
	const seconds = (performance.now() - from) / 1000;
	const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
	const heapBeforeGc = process.memoryUsage().heapUsed;
	// With --expose-gc (a diagnosis run), collect first so heapUsed is what the buffer keeps alive.
	const collect = (globalThis as {gc?: () => void}).gc;
	collect?.();
	const memory = process.memoryUsage();
	writeResult({
		records: store.total,
		buffered: store.size,
		seconds,
		frames: renderTimes.length,
		framesPerSecond: renderTimes.length / seconds,
		renderP50: percentile(renderTimes, 50),
		renderP99: percentile(renderTimes, 99),
		bytesWritten: terminal.bytesWritten,
		memoryMb: {
			heapUsedBeforeGc: mb(heapBeforeGc),
			afterForcedGc: collect !== undefined,
			rss: mb(memory.rss),
			heapUsed: mb(memory.heapUsed),
			heapTotal: mb(memory.heapTotal),
			external: mb(memory.external),
			arrayBuffers: mb(memory.arrayBuffers),
		},
	});
}

/** Where the run is, on stderr: the bench shows its last lines when a run times out. */
const stage = (name: string) =>
	process.stderr.write(`tui-pipeline: ${name} at ${Math.round(performance.now())} ms\n`);

async function runLive(): Promise<void> {
	const rate = Number(args.rate);
	const seconds = Number(args.seconds);
	await untilTotal(records);
	stage(`${store.total} records read`);
	// Type the filter the way a user does, then keep it.
	await pressAndWait('/', (screen) => screen.includes(inputMarker));
	for (const character of filterText) keyboard.press(character);
	await pressAndWait('\r', (screen) => !screen.includes(inputMarker));
	const filterActive = store.filter.terms.includes(filterText);
	const setupKeys = parseKeyList(args.keys ?? '');
	for (const key of setupKeys) {
		// Each key's effect is the bench's own business (a panel opens); one frame after it is enough.
		const before = terminal.bytesWritten;
		keyboard.press(key);
		await untilWritten(before);
	}

	// The live stream comes from bench/run.ts (a paced kcat -P in another process, so producing
	// costs this process nothing): tell it to start, then let the stream reach its rate.
	stage('setup keys pressed; producer asked to start');
	fs.writeFileSync(`${resultFile}.ready`, '');
	await sleep(1500);
	renderTimes.length = 0;
	const keyTimes: number[] = [];
	/** Keys whose effect never showed (which ones: a bug in one path shows up here). */
	const missed: string[] = [];
	const totalBefore = store.total;
	const trace = args['trace-file'] ? startTrace() : undefined;
	const phaseStart = performance.now();
	const helpOpen = (screen: string) => screen.includes(helpMarker);
	const lagOpen = (screen: string) => screen.includes(lagMarker);
	// The lag panel is an overlay that takes the keys (`?` and `/` do nothing there): toggle it.
	const steps: Array<[string, string, (screen: string) => boolean]> = setupKeys.includes('L')
		? [
				['L', 'L (lag panel closes)', (screen) => !lagOpen(screen)],
				['L', 'L (lag panel opens)', lagOpen],
			]
		: [
				['?', '? (help opens)', helpOpen],
				['?', '? (help closes)', (screen) => !helpOpen(screen)],
				['/', '/ (filter input opens)', (screen) => screen.includes(inputMarker)],
				['\r', 'Enter (filter input closes)', (screen) => !screen.includes(inputMarker)],
			];
	for (let step = 0; performance.now() - phaseStart < seconds * 1000; step++) {
		const [keys, label, test] = steps[step % steps.length]!;
		const at = performance.now();
		const ms = await pressAndWait(keys, test);
		trace?.keys.push({at, ms: ms ?? keyWaitLimitMs});
		if (ms === undefined) missed.push(label);
		else keyTimes.push(ms);
		// A human pace, jittered so key presses do not lock onto the frame clock.
		await sleep(80 + Math.random() * 120);
	}
	const phaseSeconds = (performance.now() - phaseStart) / 1000;
	stage('measured phase ended');
	if (trace) fs.writeFileSync(args['trace-file']!, JSON.stringify(trace.stop()));
	const consumed = store.total - totalBefore;
	const frameTimes = [...renderTimes];
	const result: Omit<LatencyResult, 'peakRssMb' | 'producedRate'> & {
		filterActive: boolean;
		buffered: number;
	} = {
		columns,
		rows,
		bufferedRecords: store.size,
		buffered: store.size,
		filter: filterText,
		filterActive,
		setupKeys,
		targetRate: rate,
		consumedRate: consumed / phaseSeconds,
		seconds: phaseSeconds,
		frames: frameTimes.length,
		renderP50: percentile(frameTimes, 50),
		renderP99: percentile(frameTimes, 99),
		keys: keyTimes.length,
		keysMissed: missed.length,
		missedKeys: missed,
		keyP50: percentile(keyTimes, 50),
		keyP99: percentile(keyTimes, 99),
		...(filterActive ? {} : {error: `the text filter "${filterText}" did not become active`}),
	};
	writeResult(result);
}

/** Records GC pauses from now on; the caller adds the keys (bench/key-wait.ts reads the result). */
function startTrace() {
	const trace: KeyTrace = {
		// The CPU profile's clock (monotonic µs, as process.hrtime) against performance.now()'s.
		clockOffsetMicros: Number(process.hrtime.bigint() / 1000n) - performance.now() * 1000,
		keys: [],
		gcs: [],
	};
	const observer = new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			const kind = (entry as {detail?: {kind?: number}}).detail?.kind ?? 0;
			trace.gcs.push({at: entry.startTime, ms: entry.duration, kind});
		}
	});
	observer.observe({entryTypes: ['gc']});
	return {
		keys: trace.keys,
		stop: () => {
			observer.disconnect();
			return trace;
		},
	};
}

/** Resolves once the terminal got more than `bytes` in all (a frame), or after the key wait limit. */
async function untilWritten(bytes: number): Promise<void> {
	const until = performance.now() + keyWaitLimitMs;
	while (terminal.bytesWritten <= bytes && performance.now() < until) await sleep(5);
}

function writeResult(result: object): void {
	fs.writeFileSync(resultFile, JSON.stringify(result));
}

/** Quits like the user does (`q`: the app leaves the group, runTui resolves), never waiting forever. */
async function quit(app: Promise<void>): Promise<void> {
	// What the last key left open (the filter input, the lag panel) takes q as its own: Esc
	// closes it first, apart from q (Esc and q within a few ms reach Ink as Alt+q).
	keyboard.press('\u001b');
	await sleep(150);
	keyboard.press('q');
	const left = await Promise.race([app.then(() => true), sleep(12_000).then(() => false)]);
	// Not left in time: its member stays in the group until the session times out. Say so, fail the run.
	if (!left) throw new Error('q did not end the app within 12 s');
}

async function main(): Promise<void> {
	const app = runTui({
		// As the CLI does (source/tui.ts): the stream starts once the app is on screen.
		onStarted: () => void stream.start(),
		store,
		status,
		controller,
		info: {topics: [topic], brokers: [bootstrap], groupId},
		lag,
		stdout: terminal.stdout,
		stdin: keyboard.stdin,
		onRender: ({renderTime}) => renderTimes.push(renderTime),
	});
	if (mode === 'live') await runLive();
	else await runIngest();
	stage('quitting');
	await quit(app);
	stage('quit; closing the lag session');
	await lag.close();
	stage('done');
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(
			`tui-pipeline: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
		);
		process.exit(1);
	},
);
