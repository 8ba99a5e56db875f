import type {TestRecord} from '../kafka/test-kafka.js';

/** Services of {@link shopLogs}, sorted as the services list sorts them (so `1` is `checkout`); names of at most 8 characters, which the services column shows whole beside its sparklines. */
export const SHOP_SERVICES = ['checkout', 'gateway', 'stock'] as const;

/**
 * `count` JSON log records from three services none of which the demo burst uses, so records
 * that `d` sends are told apart by their service. Every 4th record is an error; every message
 * names its number (`#<n>`); record n goes to partition n % 3 and a verb that the filter tests pick on (`shipped` on even ones).
 */
export function shopLogs(count: number, firstId = 0): TestRecord[] {
	return Array.from({length: count}, (_, index) => {
		const id = firstId + index;
		const service = SHOP_SERVICES[id % SHOP_SERVICES.length]!;
		const level = id % 4 === 3 ? 'error' : 'info';
		const message = id % 2 === 0 ? `order #${id} shipped` : `order #${id} waiting for stock`;
		return {
			key: service,
			// Spread evenly, so each of 3 partitions holds a third (keys alone may share one).
			partition: id % 3,
			value: JSON.stringify({
				message,
				timestamp: new Date().toISOString(),
				service,
				level,
				orderId: `o-${id}`,
			}),
		};
	});
}
