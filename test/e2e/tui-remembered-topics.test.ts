/**
 * Issue 7's features that come from settings rather than keys, in a real terminal (tmux) against
 * the real broker: two topics from the config file's defaults (a topic column per record), a
 * service colour chosen in the config file (checked on the SGR codes tmux shows), the services'
 * sparklines, and `i` inverting the service filter. It runs with `CI` set: a terminal is a terminal.
 */
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createTopic, produceRecords, testBootstrap} from '../support/kafka/test-kafka.js';
import {SHOP_SERVICES, shopLogs} from '../support/records/shop-logs.js';
import {
	expectGroupGone,
	expectTerminalRestored,
	headerGroupId,
	headerLine,
	logLines,
	serviceNumber,
	serviceRowsOf,
	shortName,
	startKlog,
	terminalPerTest,
} from '../support/terminal/tui-session.js';

const session = terminalPerTest('remembered');

/**
 * `#d75f00`, chosen in the config file for `stock`. tmux's terminal has 256 colours, so chalk
 * sends it as colour 172 of the 256 (`ESC[38;5;172m`); a 24-bit terminal gets it as it is.
 */
const CHOSEN_COLOUR = '#d75f00';
const CHOSEN_SGR = /\u001b\[38;(?:5;172|2;215;95;0)m/;

describe('klog-tui in a real terminal: remembered settings, several topics, i and sparklines', () => {
	it('reads both topics from the config file, shows a topic column, colours a service as configured, inverts with i', async () => {
		// Short names (12 characters), so the topic column shows them whole.
		const orders = shortName('e2e-o');
		const stock = shortName('e2e-s');
		await createTopic(orders, 3);
		await createTopic(stock, 3);
		// Orders: checkout and gateway; stock: only stock (shopLogs keys each record by its service).
		const isStock = (record: {key?: unknown}) => record.key === 'stock';
		// CI set, as in a CI job's shell: a terminal still gets live frames and colours (ci-markers.ts).
		const {term, workDir} = await session.start({
			columns: 140,
			rows: 40,
			env: {CI: 'true', CONTINUOUS_INTEGRATION: 'true'},
		});
		const configFile = path.join(workDir, 'config.json');
		fs.writeFileSync(
			configFile,
			JSON.stringify({
				defaults: {
					brokers: [testBootstrap()],
					topics: [orders, stock],
					tail: 1000,
					colours: {stock: CHOSEN_COLOUR},
				},
			}),
		);
		// No -b and no -t: brokers, topics and the tail come from the config file.
		let screen = await startKlog(term, ['--config', configFile, '--group-prefix', `${shortName('g')}-`]);
		// Written while klog-tui watches: live records, so the sparklines below rise with them
		// (records read back from before the start count, but not in the rates).
		await produceRecords(
			orders,
			shopLogs(30).filter((record) => !isStock(record)),
		);
		await produceRecords(stock, shopLogs(30).filter(isStock));
		screen = await term.waitFor((text) => logLines(text).length === 30, 30_000);
		const groupId = headerGroupId(screen);
		expect(headerLine(screen, 0)).toContain(`topics ${orders},${stock}`);

		// A topic column before the service: each record says which topic it came from.
		for (const line of logLines(screen)) {
			const fromStock = / stock /.test(line);
			expect(line, line).toContain(` ${fromStock ? stock : orders} `);
		}

		// The configured colour on the stock rows (services list and log lines), as the terminal has it.
		const coloured = term.screenWithEscapes();
		const stockRows = coloured.split('\n').filter((row) => CHOSEN_SGR.test(row));
		// The services row and the log lines of stock (each row shows both columns).
		expect(stockRows.some((row) => / ● stock /.test(row.replaceAll(/\u001b\[[0-9;]*m/g, '')))).toBe(true);
		expect(stockRows.length).toBeGreaterThanOrEqual(2);

		// Every service row has a sparkline of its records/s, raised for the second they came in.
		const rows = serviceRowsOf(screen);
		expect(rows.map((row) => row.name).sort()).toEqual([...SHOP_SERVICES].sort());
		const serviceColumn = screen
			.split('\n')
			.filter((line) => SHOP_SERVICES.some((name) => line.includes(` ${name} `)));
		for (const line of serviceColumn.slice(0, 3)) expect(line).toMatch(/[▂▃▄▅▆▇█]/);

		// checkout's number key hides it; i inverts: only checkout shows.
		await term.press(serviceNumber(screen, 'checkout'));
		screen = await term.waitFor((text) => logLines(text).length === 20);
		expect(logLines(screen).some((line) => line.includes('checkout'))).toBe(false);
		await term.press('i');
		screen = await term.waitFor((text) => logLines(text).length === 10);
		expect(logLines(screen).every((line) => line.includes('checkout'))).toBe(true);
		expect(
			serviceRowsOf(screen)
				.filter((row) => row.shown)
				.map((row) => row.name),
		).toEqual(['checkout']);
		// a shows every service again.
		await term.press('a');
		await term.waitFor((text) => logLines(text).length === 30);

		await term.press('q');
		expect(await expectTerminalRestored(term)).toBe(0);
		await expectGroupGone(groupId);
	});
});
