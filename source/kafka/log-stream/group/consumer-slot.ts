import type {Consumer} from 'kafkajs';

/**
 * The stream's current consumer. Every consumer made, and every drop, starts a new generation:
 * events and batches of an older generation's consumer are ignored.
 */
export type ConsumerSlot<C = Consumer> = {
	readonly consumer: C | undefined;
	readonly generation: number;
	/** Make the next consumer (it may need its generation) and make it the current one. */
	take(make: (generation: number) => C): {consumer: C; generation: number};
	/** No consumer is current any more; returns the one that was, for the caller to disconnect. */
	drop(): C | undefined;
	/** True while `generation` is the current one. */
	isCurrent(generation: number): boolean;
};

export function createConsumerSlot<C = Consumer>(): ConsumerSlot<C> {
	let consumer: C | undefined;
	let generation = 0;
	return {
		get consumer() {
			return consumer;
		},
		get generation() {
			return generation;
		},
		take(make) {
			generation += 1;
			consumer = make(generation);
			return {consumer, generation};
		},
		drop() {
			const old = consumer;
			consumer = undefined;
			generation += 1;
			return old;
		},
		isCurrent: (mine) => mine === generation,
	};
}
