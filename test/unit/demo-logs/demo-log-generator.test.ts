import {describe, expect, it} from 'vitest';
import {createDemoLogGenerator} from '../../../source/demo-logs/demo-log-generator.js';
import {seededRandom} from '../../../source/shared/seeded-random.js';

const SERVICES = ['api', 'auth', 'payments', 'worker'];

describe('demo log generator', () => {
	it('writes the original format plus level and filterable fields, keyed by service', () => {
		const generator = createDemoLogGenerator({services: SERVICES, random: seededRandom(1)});
		const now = Date.parse('2025-03-01T12:00:00Z');
		for (const service of SERVICES) {
			const record = generator.next(service, now);
			expect(record.key).toBe(service);
			const log = JSON.parse(record.value) as Record<string, unknown>;
			expect(log).toMatchObject({service, timestamp: '2025-03-01T12:00:00.000Z'});
			expect(typeof log.message).toBe('string');
			expect(['debug', 'info', 'warn', 'error']).toContain(log.level);
			expect(log.requestId).toMatch(/^req-/);
		}
	});

	it('varies messages per service and stages error bursts now and then', () => {
		const generator = createDemoLogGenerator({services: SERVICES, random: seededRandom(7)});
		const logs = Array.from({length: 20_000}, (_, index) => {
			const service = SERVICES[index % SERVICES.length]!;
			return JSON.parse(generator.next(service).value) as {service: string; level: string; message: string};
		});
		for (const service of SERVICES) {
			const messages = new Set(logs.filter((log) => log.service === service).map((log) => log.message));
			expect(messages.size).toBeGreaterThan(50);
		}
		const levels = new Set(logs.map((log) => log.level));
		expect([...levels].sort()).toEqual(['debug', 'error', 'info', 'warn']);
		// A burst: at least 5 errors in a row from one service.
		let longestRun = 0;
		for (const service of SERVICES) {
			let run = 0;
			for (const log of logs.filter((entry) => entry.service === service)) {
				run = log.level === 'error' ? run + 1 : 0;
				longestRun = Math.max(longestRun, run);
			}
		}
		expect(longestRun).toBeGreaterThanOrEqual(5);
		// Most lines are still calm.
		expect(logs.filter((log) => log.level === 'info').length).toBeGreaterThan(logs.length / 2);
	});

	it('replays the same logs from the same seed', () => {
		const a = createDemoLogGenerator({services: SERVICES, random: seededRandom(42)});
		const b = createDemoLogGenerator({services: SERVICES, random: seededRandom(42)});
		expect(a.burst(50, 0)).toEqual(b.burst(50, 0));
	});

	it('makes a burst of the asked size over every service, with errors in it', () => {
		const generator = createDemoLogGenerator({services: SERVICES, random: seededRandom(3)});
		const burst = generator.burst(40);
		expect(burst).toHaveLength(40);
		expect(new Set(burst.map((record) => record.key))).toEqual(new Set(SERVICES));
		expect(burst.some((record) => (JSON.parse(record.value) as {level: string}).level === 'error')).toBe(
			true,
		);
	});

	it('gives services it does not know generic but plausible logs', () => {
		const generator = createDemoLogGenerator({services: ['billing'], random: seededRandom(5)});
		const log = JSON.parse(generator.next('billing').value) as {service: string; message: string};
		expect(log.service).toBe('billing');
		expect(log.message.length).toBeGreaterThan(5);
	});
});
