/**
 * `--commit`: commits, per partition, the offset after the last batch that reached the output
 * (shown-offsets.ts), once a second and on the way out. kafkajs' own autoCommit is never
 * used: it commits what was fetched, not what was shown, and with it every `seek` commits the
 * new position at once (kafkajs' OffsetManager.seek), before a single record was shown.
 */
import type {Consumer} from 'kafkajs';
import {createShownOffsets} from './shown-offsets.js';

/** How often shown offsets are committed while the stream runs. */
const COMMIT_EVERY_MS = 1000;

export type OffsetCommitter = {
	/** A batch went to `onRecords`; its next offset is `next`. */
	handed(topic: string, partition: number, next: number): void;
	/** The oldest handed batch reached the output (stream worker: the main thread handled it). */
	acknowledge(): void;
	/** Start committing every second through `current()`, the consumer of the moment. */
	start(current: () => Consumer | undefined): void;
	/** Stop the timer and commit what is left through `consumer` (before it leaves the group). */
	flush(consumer: Consumer | undefined): Promise<void>;
};

/** `acknowledged`: batches count as shown only on `acknowledge()` (see createShownOffsets). */
export function createOffsetCommitter(options: {acknowledged: boolean}): OffsetCommitter {
	const shown = createShownOffsets(options);
	let timer: NodeJS.Timeout | undefined;
	let committing: Promise<void> | undefined;

	const commit = (consumer: Consumer | undefined): Promise<void> => {
		if (committing) return committing;
		const entries = shown.take();
		if (!consumer || entries.length === 0) {
			shown.putBack(entries);
			return Promise.resolve();
		}
		// A commit during a rebalance or a reconnect fails; the entries wait for the next one.
		committing = consumer
			.commitOffsets(entries)
			.catch(() => shown.putBack(entries))
			.finally(() => {
				committing = undefined;
			});
		return committing;
	};

	return {
		handed: (topic, partition, next) => shown.handed(topic, partition, next),
		acknowledge: () => shown.acknowledge(),
		start(current) {
			timer ??= setInterval(() => void commit(current()), COMMIT_EVERY_MS);
		},
		async flush(consumer) {
			clearInterval(timer);
			await committing;
			await commit(consumer);
		},
	};
}
