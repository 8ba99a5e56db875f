import type {Worker} from 'node:worker_threads';
import type {GroupLag} from '../../stream/consumer-lag.js';
import type {FromLagWorker, LagWorkerData, ToLagWorker} from './lag-worker-protocol.js';
import {drainWorkerOutput, startWorker} from './start-worker.js';

/** How long `close()` waits for the worker to disconnect before it is terminated anyway. */
const CLOSE_TIMEOUT_MS = 2000;

export type WorkerLagReaderOptions = LagWorkerData & {
	onReading(reading: {groups: GroupLag[]; unreadable: number; time: number}): void;
	/** One line per failed reading, or when the worker itself fails; never thrown. */
	onError(message: string): void;
};

export type LagReader = {
	/** Read now and every `intervalMs` while active; the worker starts on the first activation. */
	setActive(active: boolean): void;
	/** Disconnect and end the worker (a no-op when it never started). */
	close(): Promise<void>;
};

/**
 * The consumer groups of the topics, read in a worker thread (`lag-worker.ts`): the admin
 * requests, their decoding and the offset arithmetic for hundreds of groups stay off the
 * thread that draws. What the worker prints is drained, never shown.
 */
export function createWorkerLagReader(options: WorkerLagReaderOptions): LagReader {
	const {onReading, onError, ...data} = options;
	let worker: Worker | undefined;
	let ended = false;
	let closedSignal: (() => void) | undefined;

	const launch = (): Worker => {
		const next = startWorker('lag-worker', data satisfies LagWorkerData);
		next.on('message', (message: FromLagWorker) => {
			if (message.type === 'reading') onReading(message);
			else if (message.type === 'error') onError(message.message);
			else closedSignal?.();
		});
		next.on('error', (error) => onError(`the lag reader failed: ${error.message}`));
		const lastWorkerError = drainWorkerOutput(next);
		next.on('exit', () => {
			const reason = lastWorkerError();
			if (!ended) onError(`the lag reader stopped${reason ? `: ${reason}` : ''}`);
			worker = undefined;
			closedSignal?.();
		});
		return next;
	};

	return {
		setActive(active) {
			if (ended || (!active && !worker)) return;
			worker ??= launch();
			worker.postMessage({type: 'active', active} satisfies ToLagWorker);
		},
		async close() {
			if (ended) return;
			ended = true;
			const running = worker;
			if (!running) return;
			const closed = new Promise<void>((resolve) => {
				closedSignal = resolve;
				setTimeout(resolve, CLOSE_TIMEOUT_MS).unref();
			});
			running.postMessage({type: 'close'} satisfies ToLagWorker);
			await closed;
			await running.terminate();
		},
	};
}
