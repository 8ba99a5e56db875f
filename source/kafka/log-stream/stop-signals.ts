/** The stream's way out: stopping begins once, and ends once everything is let go. */
export type StopSignals = {
	readonly stopping: boolean;
	/** Resolves when stopping begins (a receiver's hold ends then). */
	readonly whenStopping: Promise<void>;
	/** Resolves when the stream has stopped. */
	readonly whenStopped: Promise<void>;
	/** Stopping begins; false when it had already begun. */
	begin(): boolean;
	/** Everything is let go. */
	stopped(): void;
};

export function createStopSignals(): StopSignals {
	let stopping = false;
	let resolveStopping!: () => void;
	const whenStopping = new Promise<void>((resolve) => {
		resolveStopping = resolve;
	});
	let resolveStopped!: () => void;
	const whenStopped = new Promise<void>((resolve) => {
		resolveStopped = resolve;
	});
	return {
		get stopping() {
			return stopping;
		},
		whenStopping,
		whenStopped,
		begin() {
			if (stopping) return false;
			stopping = true;
			resolveStopping();
			return true;
		},
		stopped: () => resolveStopped(),
	};
}
