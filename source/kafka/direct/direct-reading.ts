import type {FetchedPartition, FetchFailure, FetchPosition, PartitionReader} from './partition-reader.js';

/** What the fetch loop asks of the stream that owns it. */
export type DirectReadingOptions = {
	reader: PartitionReader;
	/** The partitions to read now and where: the stream's own positions. */
	positions(): FetchPosition[];
	/**
	 * Hand one partition's fetch over (synchronously: the stream moves its position here). A
	 * returned promise holds the next fetch until it settles (backpressure).
	 */
	deliver(fetched: FetchedPartition): void | Promise<void>;
	/** Every partition of a fetch round that went through is delivered; `failures` are the rest. */
	onRound(failures: FetchFailure[]): void | Promise<void>;
	paused(): boolean;
	maxWaitTimeInMs: number;
	maxBytesPerPartition: number;
};

/** A fetch loop over the partition leaders, started at once. */
export type DirectReading = {
	/**
	 * Stop now: a fetch in flight is thrown away when it returns, so after this returns no
	 * position moves any more (the hand-over to the group seeks from our positions).
	 */
	stop(): void;
	/** Positions were moved (a seek): throw away a fetch in flight, read from the new ones. */
	restart(): void;
	/** Wake a paused loop. */
	wake(): void;
	/** Resolves after the first round (delivered or failed), or when stopped. */
	readonly firstRound: Promise<void>;
	readonly stopped: boolean;
};

/** Start reading; see DirectReadingOptions for what it calls. */
export function startDirectReading(options: DirectReadingOptions): DirectReading {
	let stopped = false;
	/** Bumped by stop/restart: a fetch that began under an older epoch is not delivered. */
	let epoch = 0;
	let wakeUp: (() => void) | undefined;
	let firstRoundDone!: () => void;
	const firstRound = new Promise<void>((resolve) => {
		firstRoundDone = resolve;
	});

	/** Sleep `ms`, or less when woken (resume, seek, stop). */
	const nap = (ms: number) =>
		new Promise<void>((resolve) => {
			const timer = setTimeout(done, ms);
			function done() {
				clearTimeout(timer);
				wakeUp = undefined;
				resolve();
			}
			wakeUp = done;
		});

	const round = async () => {
		if (options.paused()) {
			await nap(options.maxWaitTimeInMs);
			return;
		}
		const positions = options.positions();
		if (positions.length === 0) {
			await nap(options.maxWaitTimeInMs);
			return;
		}
		const mine = epoch;
		const {fetched, failures} = await options.reader.fetch(positions, options);
		// Stopped, re-seeked or paused meanwhile: the positions did not move, so nothing is lost.
		if (stopped || mine !== epoch || options.paused()) return;
		const held: Promise<void>[] = [];
		// All of a round in one go, with no await between: a group join cannot come in between.
		for (const partition of fetched) {
			const hold = options.deliver(partition);
			if (hold) held.push(hold);
		}
		firstRoundDone();
		const afterRound = options.onRound(failures);
		if (held.length > 0) await Promise.all(held);
		if (afterRound) await afterRound;
	};

	const loop = async () => {
		while (!stopped) {
			try {
				await round();
			} catch (error) {
				// Only our own callbacks can throw here; the reader returns its failures.
				if (!stopped) await options.onRound([{error}]);
			}
		}
		firstRoundDone();
	};
	void loop();

	return {
		stop() {
			stopped = true;
			epoch += 1;
			wakeUp?.();
		},
		restart() {
			epoch += 1;
			wakeUp?.();
		},
		wake() {
			wakeUp?.();
		},
		firstRound,
		get stopped() {
			return stopped;
		},
	};
}
