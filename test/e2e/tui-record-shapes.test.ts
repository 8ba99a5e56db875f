/**
 * Record shapes in the TUI (issue 11), in a real terminal (tmux) against the real broker: records
 * of several shapes and request-id keyed console lines fill the services panel with the shapes'
 * services and one `unknown`, never a row per request id; a Serilog template shows rendered and
 * a coloured line shows without its colour codes.
 */
import {describe, expect, it} from 'vitest';
import {createTopic, produceRecords, type TestRecord} from '../support/kafka/test-kafka.js';
import {COMMITTED_FIXTURES} from '../support/records/shape-fixtures.js';
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

const session = terminalPerTest('shapes');

const SHAPES = [
	'vector-kubernetes',
	'filebeat',
	'gelf',
	'logstash-logback',
	'serilog-clef',
	'aws-powertools',
];
const REQUESTS = 20;

describe('klog-tui in a real terminal: record shapes', () => {
	it("shows each shape's service, one unknown for request-id keys, rendered templates, no colour codes", async () => {
		const topic = shortName('e2e-shapes');
		await createTopic(topic, 1);
		const fixtures = SHAPES.map((shape) => COMMITTED_FIXTURES.find((fixture) => fixture.shape === shape)!);
		const records: TestRecord[] = fixtures.map((fixture) => ({
			value: fixture.value,
			timestamp: String(fixture.kafkaTime),
		}));
		for (let index = 0; index < REQUESTS; index++) {
			records.push({
				key: crypto.randomUUID(),
				value: `\u001b[33mWARN\u001b[0m request ${index} slow`,
			});
		}
		await produceRecords(topic, records);

		const {term} = await session.start({columns: 140, rows: 40});
		let screen = await startKlog(term, klogArgs(topic, `${shortName('g')}-`));
		screen = await term.waitFor(
			(text) => serviceRowsOf(text).reduce((sum, row) => sum + row.count, 0) === records.length,
			30_000,
		);
		const groupId = headerGroupId(screen);
		const services = serviceRowsOf(screen);
		expect(services.map((row) => row.name).sort()).toEqual(
			[...fixtures.map((fixture) => fixture.expected.service), 'unknown'].sort(),
		);
		expect(services.find((row) => row.name === 'unknown')?.count).toBe(REQUESTS);

		// The fixtures are from 2024, so every row starts with a date (which logLines does not take).
		expect(screen).toMatch(/2024-12-06 10:00:00\.123 +orders-api .*Order 42 accepted in 12\.5 ms/);
		const requests = screen.split('\n').filter((line) => / request \d+ slow/.test(line));
		expect(requests.length).toBeGreaterThan(0);
		for (const line of requests) {
			expect(line).toMatch(/\d\d:\d\d:\d\d\.\d{3} +unknown .*WARN request \d+ slow/);
			expect(line).not.toContain('\\e[');
		}

		await term.press('q');
		expect(await expectTerminalRestored(term)).toBe(0);
		await expectGroupGone(groupId);
	});
});
