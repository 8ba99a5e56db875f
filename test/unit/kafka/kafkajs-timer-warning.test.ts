import vm from 'node:vm';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {
	isKafkajsNegativeTimeoutWarning,
	silenceKafkajsNegativeTimeoutWarning,
} from '../../../source/kafka/kafkajs-timer-warning.js';

// The stack Node 24 prints for kafkajs 2.2.4's warning (tulios/kafkajs#1751).
const kafkajsStack = `TimeoutNegativeWarning: -1747359280440 is a negative number.
Timeout duration was set to 1.
    at new Timeout (node:internal/timers:195:17)
    at setTimeout (node:timers:120:19)
    at RequestQueue.scheduleCheckPendingRequests (/app/node_modules/kafkajs/src/network/requestQueue/index.js:317:37)
    at RequestQueue.checkPendingRequests (/app/node_modules/kafkajs/src/network/requestQueue/index.js:297:10)`;

describe('isKafkajsNegativeTimeoutWarning', () => {
	it('is true only for a TimeoutNegativeWarning raised through kafkajs', () => {
		expect(isKafkajsNegativeTimeoutWarning('TimeoutNegativeWarning', kafkajsStack)).toBe(true);
		expect(
			isKafkajsNegativeTimeoutWarning('TimeoutNegativeWarning', kafkajsStack.replaceAll('/', '\\')),
		).toBe(true);
		expect(isKafkajsNegativeTimeoutWarning('DeprecationWarning', kafkajsStack)).toBe(false);
		const ours = kafkajsStack.replaceAll(
			'/app/node_modules/kafkajs/src/network/requestQueue',
			'/app/source/kafka',
		);
		expect(isKafkajsNegativeTimeoutWarning('TimeoutNegativeWarning', ours)).toBe(false);
		expect(isKafkajsNegativeTimeoutWarning(undefined, kafkajsStack)).toBe(false);
	});
});

describe('silenceKafkajsNegativeTimeoutWarning', () => {
	const seen: Error[] = [];
	// Node prints warnings from a 'warning' listener of its own: set it aside while we look, so the
	// test's own warnings do not reach the test output.
	let printers: Array<(warning: Error) => void> = [];
	beforeEach(() => {
		printers = process.listeners('warning');
		process.removeAllListeners('warning');
		process.on('warning', (warning) => seen.push(warning));
	});
	afterEach(() => {
		process.removeAllListeners('warning');
		for (const printer of printers) process.on('warning', printer);
		seen.length = 0;
	});

	/** `process.emitWarning` called from code whose file is kafkajs' request queue. */
	const emitFromKafkajs = vm.runInThisContext(
		'(function scheduleCheckPendingRequests(type) { process.emitWarning("-1747359280440 is a negative number.", type); })',
		{filename: '/app/node_modules/kafkajs/src/network/requestQueue/index.js'},
	) as (type: unknown) => void;

	it("drops kafkajs' negative-timer warning and lets every other warning through", async () => {
		silenceKafkajsNegativeTimeoutWarning();
		silenceKafkajsNegativeTimeoutWarning();

		emitFromKafkajs('TimeoutNegativeWarning');
		emitFromKafkajs({type: 'TimeoutNegativeWarning'});
		// The same type from our own code, and another type from kafkajs, still print.
		process.emitWarning('-5 is a negative number.', 'TimeoutNegativeWarning');
		emitFromKafkajs('DeprecationWarning');
		// Warnings are delivered on the next tick.
		await new Promise((resolve) => setImmediate(resolve));
		expect(seen.map((warning) => [warning.name, warning.message])).toEqual([
			['TimeoutNegativeWarning', '-5 is a negative number.'],
			['DeprecationWarning', '-1747359280440 is a negative number.'],
		]);
	});
});
