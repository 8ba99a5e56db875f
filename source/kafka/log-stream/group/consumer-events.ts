import type {Consumer} from 'kafkajs';

/** What the stream does with the events of one consumer it made (see listenToConsumer). */
export type ConsumerEventHandlers = {
	/** This consumer is still the current one (its generation). */
	isMine(): boolean;
	stopping(): boolean;
	/** This consumer is no longer ours but showed a sign of life (a join, a fetch). */
	retire(): void;
	/** It joined the group while still ours, also when stop() came meanwhile (it waits for the join). */
	joinedGroup(): void;
	/** It joined and was assigned these partitions per topic (current consumer only, as below). */
	join(memberAssignment: Record<string, number[]>): void;
	rebalancing(): void;
	/** A fetch went out. */
	fetched(): void;
	/** A batch that held no record for eachBatch (only markers or aborted records) was stepped over. */
	emptyBatch(topic: string, partition: number, lastOffset: number, highWatermark: number): void;
	requestTimedOut(broker: string): void;
	/** kafkajs crashed; `restart` says whether it restarts this consumer itself. */
	crashed(error: unknown, restart: boolean): void;
};

/**
 * kafkajs' events of `target` turned into handler calls. Only the current consumer's events
 * count while the stream is not stopping; a consumer that is no longer ours is retired.
 */
export function listenToConsumer(target: Consumer, on: ConsumerEventHandlers): void {
	const {events} = target;
	const current = () => on.isMine() && !on.stopping();
	target.on(events.GROUP_JOIN, ({payload}) => {
		if (on.isMine()) on.joinedGroup();
		else on.retire();
		if (current()) on.join(payload.memberAssignment);
	});
	target.on(events.REBALANCING, () => {
		if (current()) on.rebalancing();
	});
	target.on(events.FETCH, () => {
		if (!on.isMine()) on.retire();
		if (current()) on.fetched();
	});
	target.on(events.END_BATCH_PROCESS, ({payload}) => {
		// Batches holding only control records or aborted records never reach eachBatch;
		// kafkajs steps over them itself, and so must our position (caughtUp relies on it).
		// kafkajs resolves these even while paused, so this runs while paused too.
		if (!current() || payload.batchSize !== 0) return;
		on.emptyBatch(
			payload.topic,
			payload.partition,
			Number(payload.lastOffset),
			Number(payload.highWatermark),
		);
	});
	target.on(events.REQUEST_TIMEOUT, ({payload}) => {
		if (current()) on.requestTimedOut(payload.broker);
	});
	target.on(events.CRASH, ({payload}) => {
		if (current()) on.crashed(payload.error, payload.restart);
	});
}
