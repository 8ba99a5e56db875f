/**
 * OTLP logs in the TUI (issue 11, item 2), in a real terminal (tmux) against the real broker: two
 * `otlp_proto` requests made by the OpenTelemetry JS SDK, seven log records of two services in
 * all, show as seven rows with their service, level and body, and the services panel counts log
 * records, not Kafka records. The detail view of a row shows its attributes and trace id.
 */
import {describe, expect, it} from 'vitest';
import {createTopic, produceRecords} from '../support/kafka/test-kafka.js';
import {otlpProtoRequest, SeverityNumber, TRACE_ID} from '../support/records/otlp-requests.js';
import {
	expectGroupGone,
	expectTerminalRestored,
	headerGroupId,
	klogArgs,
	serviceRowsOf,
	shortName,
	startKlog,
	terminalPerTest,
} from '../support/terminal/tui-session.js';

const session = terminalPerTest('otlp');

describe('klog-tui in a real terminal: OTLP logs', () => {
	it('shows a row per log record with its service and level, and its attributes in the detail view', async () => {
		const topic = shortName('e2e-otlp');
		await createTopic(topic, 1);
		const now = Date.now();
		const first = await otlpProtoRequest([
			{
				service: 'checkout',
				severityNumber: SeverityNumber.ERROR,
				body: 'payment declined',
				attributes: {'order.id': 'o-77'},
				time: now - 5000,
				traced: true,
			},
			{service: 'checkout', severityNumber: SeverityNumber.INFO, body: 'order placed', time: now - 4000},
			{service: 'cart', severityNumber: SeverityNumber.WARN, body: 'stock low', time: now - 3000},
		]);
		const second = await otlpProtoRequest([
			{service: 'cart', severityNumber: SeverityNumber.DEBUG, body: 'cart 1 read', time: now - 2000},
			{service: 'cart', severityNumber: SeverityNumber.DEBUG, body: 'cart 2 read', time: now - 1900},
			{service: 'cart', severityText: 'FATAL', body: 'cart store gone', time: now - 1800},
			{service: 'checkout', severityNumber: SeverityNumber.INFO, body: 'order shipped', time: now - 1000},
		]);
		await produceRecords(topic, [{value: first}, {value: second}]);

		const {term} = await session.start({columns: 140, rows: 40});
		let screen = await startKlog(term, klogArgs(topic, `${shortName('g')}-`));
		screen = await term.waitFor(
			(text) => serviceRowsOf(text).reduce((sum, row) => sum + row.count, 0) === 7,
			30_000,
		);
		const groupId = headerGroupId(screen);
		expect(
			serviceRowsOf(screen)
				.map((row) => `${row.name} ${row.count}`)
				.sort(),
		).toEqual(['cart 4', 'checkout 3']);
		const expected = [
			['checkout', 'ERROR', 'payment declined'],
			['checkout', 'INFO ', 'order placed'],
			['cart', 'WARN ', 'stock low'],
			['cart', 'DEBUG', 'cart 1 read'],
			['cart', 'DEBUG', 'cart 2 read'],
			['cart', 'FATAL', 'cart store gone'],
			['checkout', 'INFO ', 'order shipped'],
		];
		const lines = screen.split('\n');
		for (const [service, level, message] of expected) {
			const rows = lines.filter((line) => line.includes(` ${message!}`));
			expect(rows, message).toHaveLength(1);
			expect(rows[0], message).toMatch(
				new RegExp(`\\d\\d:\\d\\d:\\d\\d\\.\\d{3} +${service} +${level} ${message}`),
			);
		}
		expect(lines.findIndex((line) => line.includes('payment declined'))).toBeLessThan(
			lines.findIndex((line) => line.includes('order shipped')),
		);

		// The newest row is selected; go to the first and open its detail view.
		await term.press('g');
		await term.press('Enter');
		screen = await term.waitFor((text) => text.includes(`trace id   ${TRACE_ID}`), 10_000);
		expect(screen).toContain('log record 0');
		expect(screen).toContain('"order.id": "o-77"');

		await term.press('Escape');
		await term.press('q');
		expect(await expectTerminalRestored(term)).toBe(0);
		await expectGroupGone(groupId);
	});
});
