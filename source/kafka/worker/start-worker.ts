import {MessageChannel, type MessagePort, Worker} from 'node:worker_threads';
import {keepHoldAfterStart} from '../../shared/young-generation-hold.js';

/**
 * The `workerData` of a worker started before its data were known (`prestartWorker`): they
 * come once, on this port (`early-worker-data.ts` reads them in the worker).
 */
export type EarlyWorkerData = {earlyDataPort: MessagePort};

type EarlyWorker = {worker: Worker; port: MessagePort; failed: boolean};
/** Workers started early, by name, until `startWorker` takes them. */
const early = new Map<string, EarlyWorker>();

/**
 * Start the worker `name` now, before the command line and settings are read: its start-up
 * (a second isolate that loads kafkajs, ~0.2 s of CPU) then runs on the other core while
 * this thread loads and reads the command line, instead of after it. `startWorker` hands its
 * data over. Only the built CLI does this (a `.ts` run has no bundle to start early).
 */
export function prestartWorker(name: string): void {
	if (early.has(name) || import.meta.url.endsWith('.ts')) return;
	const {port1, port2} = new MessageChannel();
	const entry: EarlyWorker = {
		worker: spawn(name, {earlyDataPort: port2} satisfies EarlyWorkerData, [port2]),
		port: port1,
		failed: false,
	};
	// Until it is taken, a failure is only noted: `startWorker` then starts one the usual way,
	// whose failure its owner hears.
	const failed = () => {
		entry.failed = true;
	};
	entry.worker.once('error', failed).once('exit', failed);
	// Never the reason the process stays up, should nothing take it (`--help`, a bad flag).
	entry.worker.unref();
	early.set(name, entry);
}

/** A worker started early that will not be used (the stream runs in this thread): end it. */
export function dropEarlyWorker(name: string): void {
	const waiting = early.get(name);
	early.delete(name);
	void waiting?.worker.terminate();
}

/**
 * Start the worker `name` (`stream-worker`, `lag-worker`) that sits beside this file: its
 * `.js` once built (the bundle puts every worker next to the chunk that starts it), or, when
 * this file runs as TypeScript (tests, `tsx` scripts), its `.ts` through tsx's loader. One
 * started early (`prestartWorker`) is taken first.
 * Its stdout and stderr are piped to the parent, never to the terminal.
 */
export function startWorker(name: string, workerData: unknown): Worker {
	const worker = takeOrSpawn(name, workerData);
	// Its isolate's creation undoes the TUI's young-generation hold (shared/young-generation-hold.ts).
	keepHoldAfterStart(worker);
	return worker;
}

function takeOrSpawn(name: string, workerData: unknown): Worker {
	const waiting = early.get(name);
	early.delete(name);
	if (waiting && !waiting.failed) {
		waiting.worker.removeAllListeners('error').removeAllListeners('exit');
		waiting.port.postMessage(workerData);
		waiting.worker.ref();
		return waiting.worker;
	}
	return spawn(name, workerData);
}

function spawn(name: string, workerData: unknown, transferList?: MessagePort[]): Worker {
	const options = {workerData, stdout: true, stderr: true, ...(transferList ? {transferList} : {})};
	if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(`${name}.js`, import.meta.url), options);
	const entry = new URL(`${name}.ts`, import.meta.url).href;
	const bootstrap = `import('tsx/esm/api').then(({register}) => { register(); return import(${JSON.stringify(entry)}); });`;
	return new Worker(bootstrap, {...options, eval: true});
}

/**
 * Nothing a worker prints may reach the terminal: drain its stdout, keep its last stderr line
 * (a crash's reason). Returns that line so far ('' when none).
 */
export function drainWorkerOutput(worker: Worker): () => string {
	let last = '';
	worker.stdout.resume();
	worker.stderr.setEncoding('utf8');
	worker.stderr.on('data', (chunk: string) => {
		const line = chunk.trim().split('\n').at(-1);
		if (line) last = line;
	});
	return () => last;
}
