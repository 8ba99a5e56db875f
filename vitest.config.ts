import {defineConfig} from 'vitest/config';

// Two projects: `unit` needs no broker and runs in parallel; `integration` (and the
// end-to-end terminal tests) share one real Kafka broker that test/global-setup.ts
// starts on a free port and always stops.
export default defineConfig({
	test: {
		projects: [
			{
				test: {
					name: 'unit',
					include: ['test/unit/**/*.test.{ts,tsx}'],
					environment: 'node',
					// Its Ink tests stand in for a terminal: load Ink as in one (tools/terminal/virtual-terminal-env.ts).
					setupFiles: ['tools/terminal/virtual-terminal-env.ts'],
				},
			},
			{
				test: {
					name: 'integration',
					include: ['test/integration/**/*.test.{ts,tsx}', 'test/e2e/**/*.test.{ts,tsx}'],
					environment: 'node',
					globalSetup: ['test/global-setup.ts'],
					testTimeout: 120_000,
					hookTimeout: 180_000,
					// Two files at a time, after the unit project (groupOrder 1): most of a file's
					// time is spent waiting on the broker (group joins, rebalance delays, session
					// timeouts), so a second file roughly halves the wall time on 2 cores. Files
					// never share a topic, group or port: names come from uniqueName().
					maxWorkers: 2,
					sequence: {groupOrder: 1},
				},
			},
		],
	},
});
