/**
 * kafkajs can stall silently (kafkajs #659, #1431): no fetch for a while, while we think we are
 * live, means we are not. This keeps the evidence (the last fetch, the last thing kafkajs
 * logged, batches whose receiver holds the next fetch on purpose) and judges it.
 */
export type Watchdog = {
	/** kafkajs logged a warning or an error: the best reason we have for a stall. */
	note(message: string): void;
	/** kafkajs logged something within the last `ms`. */
	recentNote(ms: number): boolean;
	/** A fetch went out (data may flow). */
	fetched(): void;
	/** A receiver holds the next fetch (backpressure) until the returned release is called. */
	hold(): () => void;
	/**
	 * Look, while `live` says the stream believes it is live: the reason to show when it has
	 * been silent for too long (then it counts as stalled), else undefined.
	 */
	check(live: boolean): string | undefined;
	/** Data flows again: true when the stall was the watchdog's to end. */
	endStall(): boolean;
	/** A new start (a group join, a direct round): forget the stall and count from now. */
	reset(): void;
};

export type WatchdogOptions = {
	/** Silence longer than this while live is a stall. */
	stallMs: number;
	/** Named in the reason when kafkajs said nothing. */
	brokersLabel: string;
	now?: () => number;
};

export function createWatchdog({stallMs, brokersLabel, now = Date.now}: WatchdogOptions): Watchdog {
	let lastNote: {message: string; at: number} | undefined;
	let lastFetchAt = now();
	let holding = 0;
	/** Set when the watchdog (not kafkajs) declared the stall, so data flowing again clears it. */
	let stalled = false;
	return {
		note(message) {
			lastNote = {message, at: now()};
		},
		recentNote: (ms) => lastNote !== undefined && now() - lastNote.at < ms,
		fetched() {
			lastFetchAt = now();
		},
		hold() {
			holding += 1;
			return () => {
				holding -= 1;
				// No fetch while we held on purpose is not a stall.
				lastFetchAt = now();
			};
		},
		check(live) {
			if (!live || holding > 0) return undefined;
			const silent = now() - lastFetchAt;
			if (silent <= stallMs) return undefined;
			stalled = true;
			return lastNote?.message ?? `no answer from ${brokersLabel} for ${Math.round(silent / 1000)} s`;
		},
		endStall() {
			if (!stalled) return false;
			stalled = false;
			return true;
		},
		reset() {
			stalled = false;
			lastFetchAt = now();
		},
	};
}
