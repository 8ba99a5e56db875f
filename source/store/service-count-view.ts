import type {ServiceCount} from './log-store-types.js';
import type {ServiceTally} from './service-counts.js';

/**
 * A service's row as `services()` gives it. Rate and history are worked out when read: a
 * frame reads them for the few rows on screen, and a topic can have thousands of services.
 */
export class ServiceCountView implements ServiceCount {
	readonly service: string;
	readonly number: number;
	readonly count: number;
	readonly hidden: boolean;
	readonly #tally: ServiceTally;
	readonly #nowMs: number;
	#history: readonly number[] | undefined;

	constructor(tally: ServiceTally, nowMs: number, hidden: boolean) {
		this.service = tally.service;
		this.number = tally.number;
		this.count = tally.count;
		this.hidden = hidden;
		this.#tally = tally;
		this.#nowMs = nowMs;
	}

	get rate(): number {
		return this.#tally.history.rate(this.#nowMs);
	}

	get history(): readonly number[] {
		this.#history ??= this.#tally.history.history(this.#nowMs);
		return this.#history;
	}
}
