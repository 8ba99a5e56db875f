import type {RawRecord} from '../source/record/log-record.js';

export const SERVICES = ['api', 'auth', 'payments', 'worker', 'search', 'billing'];
export const LEVELS = ['info', 'info', 'info', 'debug', 'warn', 'error'];

/** `count` JSON records of ~200 bytes in the demo producer's shape, the same on every run. */
export function makeRecords(count: number): RawRecord[] {
	const records: RawRecord[] = [];
	const start = Date.parse('2024-05-01T12:00:00.000Z');
	for (let index = 0; index < count; index++) {
		const service = SERVICES[index % SERVICES.length]!;
		const body = {
			message: `request ${index} GET /api/v1/orders/${(index * 7919) % 100_000} completed in ${index % 250} ms for user ${index % 977}`,
			timestamp: new Date(start + index * 13).toISOString(),
			service,
			level: LEVELS[index % LEVELS.length],
		};
		let json = JSON.stringify(body);
		// Pad to ~200 bytes with a request id, as real services add.
		json = `${json.slice(0, -1)},"requestId":"${'r'.repeat(Math.max(1, 199 - json.length - 16))}"}`;
		records.push({
			topic: 'logs',
			partition: index % 3,
			offset: index,
			timestamp: start + index * 13,
			key: Buffer.from(service),
			value: Buffer.from(json),
			headers: undefined,
		});
	}

	return records;
}
