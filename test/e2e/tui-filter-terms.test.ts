/**
 * Issue 14, item 3, in a real terminal (tmux) against the real broker: comparison terms typed
 * in the filter line (`duration_ms>250 status>=500`), a term that cannot be read (one footer
 * line, the rest of the filter kept), and a saved filter: `B` writes it into the config file
 * under the profile, `b` brings it back after `F` cleared everything.
 */
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createTopic, produceRecords, type TestRecord} from '../support/kafka/test-kafka.js';
import {
	expectGroupGone,
	expectTerminalRestored,
	footerMessage,
	headerGroupId,
	klogArgs,
	logLines,
	shortName,
	startKlog,
	terminalPerTest,
} from '../support/terminal/tui-session.js';

const session = terminalPerTest('filter-terms');

const STATUSES = [200, 404, 500, 503];
const COUNT = 30;

/** Request logs: record n has status STATUSES[n % 4] and took n * 20 ms, as its message says. */
function requestLogs(): TestRecord[] {
	return Array.from({length: COUNT}, (_, id) => {
		const status = STATUSES[id % 4]!;
		const durationMs = id * 20;
		return {
			partition: id % 3,
			value: JSON.stringify({
				timestamp: new Date().toISOString(),
				service: ['api', 'auth', 'billing'][id % 3],
				level: status >= 500 ? 'error' : 'info',
				message: `GET /orders/${id} ${status} in ${durationMs}ms`,
				status,
				duration_ms: durationMs,
			}),
		};
	});
}

/** The ids of the requests on screen, in number order (partitions interleave as they were read). */
function idsOf(screen: string): number[] {
	const ids = logLines(screen).flatMap((line) => {
		const match = /GET \/orders\/(\d+) /.exec(line);
		return match ? [Number(match[1])] : [];
	});
	return ids.sort((left, right) => left - right);
}

/** The ids a filter must keep, computed from the records' own fields. */
const expected = (keep: (status: number, durationMs: number) => boolean) =>
	Array.from({length: COUNT}, (_, id) => id).filter((id) => keep(STATUSES[id % 4]!, id * 20));

describe('klog-tui in a real terminal: comparison filters and saved filters', () => {
	it('filters on numbers, says why a term cannot be read, saves the line under the profile and recalls it', async () => {
		const topic = shortName('e2e-terms');
		await createTopic(topic, 3);
		await produceRecords(topic, requestLogs());
		const {term, workDir} = await session.start();
		const configFile = path.join(workDir, 'config.json');
		const config = {profiles: {e2e: {filters: {errors: 'level>=error'}}}};
		fs.writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`, {mode: 0o600});
		await startKlog(
			term,
			klogArgs(topic, `${shortName('g')}-`, ['--config', configFile, '--profile', 'e2e']),
		);
		let screen = await term.waitFor(`buffered ${COUNT} of ${COUNT}`);
		const groupId = headerGroupId(screen);
		expect(idsOf(screen)).toHaveLength(COUNT);

		// Two comparisons in one line: slower than 250 ms and a 5xx status.
		const slow5xx = expected((status, durationMs) => durationMs > 250 && status >= 500);
		expect(slow5xx).toEqual([14, 15, 18, 19, 22, 23, 26, 27]);
		await term.press('/');
		await term.type('duration_ms>250 status>=500');
		await term.press('Enter');
		screen = await term.waitFor((text) => idsOf(text).length === slow5xx.length);
		expect(idsOf(screen)).toEqual(slow5xx);
		expect(footerMessage(screen)).toContain('filter duration_ms>250 status>=500');

		// B: saved under the profile in the config file, the rest of the file kept.
		await term.press('B');
		await term.waitFor((text) => footerMessage(text).includes('save filter as'));
		await term.type('slow5xx');
		await term.press('Enter');
		screen = await term.waitFor((text) => footerMessage(text).includes('saved filter 2 "slow5xx"'));
		expect(JSON.parse(fs.readFileSync(configFile, 'utf8'))).toEqual({
			profiles: {e2e: {filters: {errors: 'level>=error', slow5xx: 'duration_ms>250 status>=500'}}},
		});
		expect(fs.statSync(configFile).mode & 0o777).toBe(0o600);

		// F clears every filter; b 2 brings the saved line back.
		await term.press('F');
		screen = await term.waitFor((text) => idsOf(text).length === COUNT);
		await term.press('b');
		screen = await term.waitFor((text) => footerMessage(text).includes('1 errors · 2 slow5xx'));
		await term.type('2');
		await term.press('Enter');
		screen = await term.waitFor((text) => footerMessage(text).includes('filter 2 "slow5xx"'));
		screen = await term.waitFor((text) => idsOf(text).length === slow5xx.length);
		expect(idsOf(screen)).toEqual(slow5xx);

		// A term that cannot be read: one line says which and why; the others still filter.
		await term.press('/');
		await term.type(' status>abc');
		await term.press('Enter');
		screen = await term.waitFor((text) => footerMessage(text).includes('filter error'));
		expect(footerMessage(screen)).toContain('filter error: status>abc: "abc" is not a number');
		expect(idsOf(screen)).toEqual(slow5xx);

		// The other saved filter, by name: the errors, whatever their duration.
		await term.press('b');
		await term.waitFor((text) => footerMessage(text).includes('saved filter'));
		await term.type('errors');
		await term.press('Enter');
		const errors = expected((status) => status >= 500);
		screen = await term.waitFor((text) => idsOf(text).length === errors.length);
		expect(idsOf(screen)).toEqual(errors);

		await term.press('q');
		expect(await expectTerminalRestored(term)).toBe(0);
		await expectGroupGone(groupId);
	});
});
