import {startKcatProducer, waitForExit} from './fill-topic.js';
import {createLogLineGenerator} from './log-lines.js';

export type LiveProducerOptions = {
	bootstrap: string;
	topic: string;
	recordsPerSecond: number;
	recordBytes: number;
};

export type LiveProducer = {
	/** Stops producing, flushes, and resolves with the number of records sent. */
	stop(): Promise<number>;
};

/** Small batches, short linger: a steady live stream rather than bursts. */
const liveProducerSettings = ['-X', 'acks=1', '-X', 'linger.ms=5', '-X', 'compression.codec=none'];

/** How often the pacer tops the stream up to the target rate. */
const tickMs = 20;

/**
 * Streams JSON log lines into `topic` at a steady `recordsPerSecond` (through `kcat -P`, which
 * costs far less CPU than a Node producer, leaving the machine to the process under test).
 * The pacer catches up on late ticks, so the average rate holds even when the timer drifts.
 */
export function startLiveProducer(options: LiveProducerOptions): LiveProducer {
	const kcat = startKcatProducer(options.bootstrap, options.topic, liveProducerSettings);
	const exited = waitForExit(kcat, 'kcat -P (live)');
	const nextLine = createLogLineGenerator(options.recordBytes, 7);
	const started = performance.now();
	let sent = 0;
	const timer = setInterval(() => {
		const due = Math.floor(((performance.now() - started) / 1000) * options.recordsPerSecond);
		if (due <= sent) return;
		const lines: string[] = [];
		for (let i = sent; i < due; i++) lines.push(nextLine());
		sent = due;
		kcat.stdin!.write(`${lines.join('\n')}\n`);
	}, tickMs);
	return {
		async stop() {
			clearInterval(timer);
			kcat.stdin!.end();
			await exited;
			return sent;
		},
	};
}
