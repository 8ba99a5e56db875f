import {LEVELS, type Level} from '../record/log-record.js';
import {RateHistory} from './rate-history.js';

/** What is known about one service: how many records, and their per-second history. */
export type ServiceTally = {
	readonly service: string;
	/** 1 for the first service seen this run, 2 for the next...: never changes, whatever the order shown. */
	readonly number: number;
	count: number;
	readonly history: RateHistory;
};

/**
 * Counts of everything this run consumed: total, per level, per service, with
 * per-second histories for all records, each service and errors (error + fatal).
 *
 * Independent of the ring buffer: evicting or clearing records never lowers a
 * count. Memory grows with the number of distinct services (one small fixed
 * history each), never with the number of records.
 */
export class ServiceCounts {
	#total = 0;
	readonly #levels = new Map<Level, number>();
	readonly #services = new Map<string, ServiceTally>();
	/** Service names sorted, rebuilt only when a new service appears. */
	#sortedNames: string[] | undefined = [];
	readonly #all = new RateHistory();
	readonly #errors = new RateHistory();

	constructor() {
		for (const level of [...LEVELS, 'unknown' as const]) {
			this.#levels.set(level, 0);
		}
	}

	/**
	 * Count one record of `service` at `level`, consumed at `nowMs`. Only a `live` record (one
	 * that arrived as it was written, not read back from history) goes into the rate histories.
	 */
	add(service: string, level: Level, nowMs: number, live = true): void {
		this.#total++;
		this.#levels.set(level, (this.#levels.get(level) ?? 0) + 1);
		let tally = this.#services.get(service);
		if (tally === undefined) {
			tally = {service, number: this.#services.size + 1, count: 0, history: new RateHistory()};
			this.#services.set(service, tally);
			this.#sortedNames = undefined;
		}

		tally.count++;
		if (!live) return;
		tally.history.add(1, nowMs);
		this.#all.add(1, nowMs);
		if (level === 'error' || level === 'fatal') {
			this.#errors.add(1, nowMs);
		}
	}

	/** Records counted this run. */
	get total(): number {
		return this.#total;
	}

	/** History of all records. */
	get all(): RateHistory {
		return this.#all;
	}

	/** History of error and fatal records. */
	get errors(): RateHistory {
		return this.#errors;
	}

	/** Count per level (every level present, `unknown` included). */
	levelCounts(): Record<string, number> {
		return Object.fromEntries(this.#levels);
	}

	/** Number of distinct services seen. */
	get serviceCount(): number {
		return this.#services.size;
	}

	/** Every service's tally, sorted by name. */
	services(): ServiceTally[] {
		if (this.#sortedNames === undefined) {
			this.#sortedNames = [...this.#services.keys()].sort(compareNames);
		}

		return this.#sortedNames.map((name) => this.#services.get(name)!);
	}
}

/** Plain code-unit order: stable and locale-independent, so tests and screens agree. */
function compareNames(left: string, right: string): number {
	if (left < right) {
		return -1;
	}

	return left > right ? 1 : 0;
}
