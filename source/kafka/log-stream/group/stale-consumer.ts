import type {Consumer} from 'kafkajs';

/**
 * Consumers the stream has dropped must end for good. kafkajs' `disconnect()` does not stop a
 * consumer whose `run()` is still joining its group: the join then either fails on the closed
 * connection, and kafkajs restarts the consumer by itself (a retriable crash), or succeeds,
 * and the consumer fetches on. Either way a member we no longer listen to stays in our group
 * and holds partitions whose batches are ignored: their records never show (a topic deleted
 * while the group forms, then created again, lost half its partitions this way).
 */
export type StaleConsumers = {
	/** kafkajs' `retry.restartOnFailure` for a consumer: restart it only while it is ours. */
	restartOnFailure(isCurrent: () => boolean): (error: Error) => Promise<boolean>;
	/** A dropped consumer showed a sign of life (a join, a fetch): disconnect it, once. */
	retire(consumer: Consumer): void;
};

export function createStaleConsumers(): StaleConsumers {
	const retired = new WeakSet<Consumer>();
	return {
		restartOnFailure: (isCurrent) => async () => isCurrent(),
		retire(consumer) {
			if (retired.has(consumer)) return;
			retired.add(consumer);
			// After the join's promise chain has run: kafkajs marks the runner running only then,
			// and a disconnect before that stops nothing.
			setTimeout(() => void consumer.disconnect().catch(() => undefined), 0);
		},
	};
}
