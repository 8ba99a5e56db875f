/**
 * `--commit` counts a batch as shown once the main thread says so, one `shown` per batch it
 * was sent, in order. A batch the worker's filter left empty is never sent: it counts as shown
 * right after the last batch sent before it (at once when none is waiting), so the commits keep
 * their order and never pass a batch not yet shown.
 */
export function createAcknowledgements(acknowledge: () => void): {
	/** A batch was sent to the main thread. */
	posted(): void;
	/** A batch was left empty and not sent. */
	skipped(): void;
	/** The main thread showed the oldest batch sent. */
	shown(): void;
} {
	/** Per batch sent and not yet shown, oldest first: the empty batches that followed it. */
	const waiting: number[] = [];
	return {
		posted: () => waiting.push(0),
		skipped() {
			if (waiting.length === 0) acknowledge();
			else waiting[waiting.length - 1]!++;
		},
		shown() {
			const after = waiting.shift() ?? 0;
			for (let index = 0; index <= after; index++) acknowledge();
		},
	};
}
