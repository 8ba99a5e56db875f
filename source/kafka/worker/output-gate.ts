/**
 * The receiver's output is full (stdout behind a slow pipe reader): the fetching waits for it
 * without pausing the consumer. A paused kafkajs group consumer sleeps `maxWaitTime` before it
 * looks again, and resuming does not wake it, so pausing on every full pipe read one fetch per
 * 250 ms (about 4.7k records) however fast the reader was. Held back instead: the worker's
 * acknowledgements (its fetching waits while 2 MB are unacknowledged, with heartbeats), or in
 * this thread the batch's own promise; either ends the moment the output drains.
 */
export type OutputGate = {
	/** The output is full (true) or drained (false). */
	setFull(full: boolean): void;
	readonly full: boolean;
	/** Acknowledge a taken batch of `bytes` now, or once the output drains. */
	ack(bytes: number): void;
	/** While full, a promise that resolves when the output drains; otherwise undefined. */
	whenDrained(): Promise<void> | undefined;
};

export function createOutputGate(sendAck: (bytes: number) => void): OutputGate {
	let full = false;
	let heldBytes = 0;
	let drained: Promise<void> | undefined;
	let openGate: (() => void) | undefined;

	return {
		setFull(next) {
			if (next === full) return;
			full = next;
			if (full) return;
			const resolve = openGate;
			openGate = undefined;
			drained = undefined;
			resolve?.();
			if (heldBytes > 0) {
				const bytes = heldBytes;
				heldBytes = 0;
				sendAck(bytes);
			}
		},
		get full() {
			return full;
		},
		ack(bytes) {
			if (full) heldBytes += bytes;
			else sendAck(bytes);
		},
		whenDrained() {
			if (!full) return undefined;
			drained ??= new Promise<void>((resolve) => {
				openGate = resolve;
			});
			return drained;
		},
	};
}
