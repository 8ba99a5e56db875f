import type {ConnectionState} from '../../stream/stream-status.js';

/** The stream's connection state and its problem lines, as the receiver hears them. */
export type StateReporter = {
	readonly state: ConnectionState;
	/** A new state; the receiver hears it only when it differs from the last one. */
	set(next: ConnectionState): void;
	/** Tell the receiver the state it has now (at start). */
	announce(): void;
	/** One problem line, only the first time it is seen. */
	reportOnce(message: string): void;
};

export type StateReporterOptions = {
	onStatus?: (state: ConnectionState) => void;
	onError?: (message: string) => void;
	initial?: ConnectionState;
};

export function createStateReporter({
	onStatus,
	onError,
	initial = {kind: 'connecting'},
}: StateReporterOptions): StateReporter {
	let state = initial;
	const reported = new Set<string>();
	return {
		get state() {
			return state;
		},
		set(next) {
			if (JSON.stringify(next) === JSON.stringify(state)) return;
			state = next;
			onStatus?.(next);
		},
		announce: () => onStatus?.(state),
		reportOnce(message) {
			if (reported.has(message)) return;
			reported.add(message);
			onError?.(message);
		},
	};
}
