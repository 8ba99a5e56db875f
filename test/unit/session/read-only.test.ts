/**
 * Read-only by default: nothing produces unless every broker is on this machine or
 * `--allow-produce` is given. 192.0.2.1 (TEST-NET-1, never routed) is only ever a
 * string here: no test connects to it, the refusals come before any connection.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {parseCli} from '../../../source/cli/parse-cli.js';
import {runDemo} from '../../../source/demo.js';
import {createLogStream} from '../../../source/kafka.js';
import {createStreamController} from '../../../source/session/create-stream-controller.js';
import {resolveSettings} from '../../../source/session/resolve-settings.js';
import {producePermission} from '../../../source/settings/broker-address.js';
import type {DemoSettings, ViewerSettings} from '../../../source/settings/run-settings.js';
import {createLogStore} from '../../../source/store/log-store.js';
import {createStreamStatusStore} from '../../../source/store/stream-status-store.js';

const REMOTE = '192.0.2.1:9092';
const READ_ONLY = 'read-only: the brokers are not all on this machine (use --allow-produce to send records)';
const dir = mkdtempSync(path.join(tmpdir(), 'klog-read-only-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));
/** An environment whose default config place is empty, so a developer's own config cannot interfere. */
const env = {XDG_CONFIG_HOME: path.join(dir, 'xdg')};

function parse(argv: string[]) {
	const result = parseCli({argv, env: {}, stdoutIsTTY: false, importMeta: import.meta});
	if (result.kind !== 'run') throw new Error(`expected a run, got ${JSON.stringify(result)}`);
	return result.config;
}

describe('read-only by default', () => {
	it('the rule: loopback only, or --allow-produce', () => {
		expect(producePermission([REMOTE], false)).toEqual({allowed: false, reason: READ_ONLY});
		expect(producePermission(['127.0.0.1:9092', REMOTE], false).allowed).toBe(false);
		expect(producePermission([REMOTE], true)).toEqual({allowed: true});
		expect(producePermission(['localhost:9092', '[::1]:9093', '127.0.0.2:9092'], false)).toEqual({
			allowed: true,
		});
	});

	it("the TUI's demo key refuses against a non-loopback broker, and is allowed with --allow-produce", async () => {
		for (const allowProduce of [false, true]) {
			const config = parse([
				'--brokers',
				REMOTE,
				...(allowProduce ? ['--allow-produce'] : []),
			]) as ViewerSettings;
			const {config: resolvedConfig, resolved} = await resolveSettings(config, env, {
				checkCredentials: false,
			});
			const store = createLogStore();
			const status = createStreamStatusStore();
			// Built but never started: no connection is made.
			const stream = createLogStream({
				...resolved.connection,
				topics: ['logs'],
				groupId: 'klog-tui-read-only-test',
				start: {kind: 'end'},
				onRecords: () => undefined,
			});
			const controller = createStreamController({
				stream,
				store,
				status,
				connection: resolved.connection,
				topics: resolvedConfig.command === 'view' ? resolvedConfig.topics : [],
				allowProduce: resolvedConfig.allowProduce,
			});
			if (allowProduce) {
				expect(controller.producePermission).toEqual({allowed: true});
			} else {
				expect(controller.producePermission).toEqual({allowed: false, reason: READ_ONLY});
				await expect(controller.sendDemoBurst(5)).rejects.toThrow(READ_ONLY);
			}
			store.dispose();
			status.dispose();
		}
	});

	it('`klog-tui demo` refuses a non-loopback broker, also when a config profile chose it', async () => {
		const configFile = path.join(dir, 'config.json');
		writeFileSync(configFile, JSON.stringify({profiles: {prod: {brokers: REMOTE}}}));
		for (const argv of [
			['demo', '--brokers', REMOTE],
			['demo', '--config', configFile, '--profile', 'prod'],
		]) {
			const {config, resolved} = await resolveSettings(parse(argv), env, {checkCredentials: false});
			expect(resolved.connection.brokers).toEqual([REMOTE]);
			// The config the demo checks names the brokers it would write to.
			expect(config.brokers).toEqual([REMOTE]);
			const lines: string[] = [];
			expect(
				await runDemo(config as DemoSettings, resolved.connection, {log: (line) => lines.push(line)}),
			).toBe(2);
			expect(lines).toEqual([`klog-tui demo: ${READ_ONLY}`]);
		}
	});

	it('--allow-produce lifts the rule for the demo too (checked, not run)', async () => {
		const {config} = await resolveSettings(parse(['demo', '--brokers', REMOTE, '--allow-produce']), env, {
			checkCredentials: false,
		});
		expect(producePermission(config.brokers, config.allowProduce)).toEqual({allowed: true});
	});
});
