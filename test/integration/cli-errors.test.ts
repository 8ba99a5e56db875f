/**
 * What the built CLI does with bad input: wrong flags, an unreachable broker, a missing
 * topic. Exit code 2, no stack trace, within a bounded time; one line on stderr, and for a
 * bad command line a second one pointing to --help.
 */
import {type AddressInfo, createServer, type Socket} from 'node:net';
import {beforeAll, describe, expect, it} from 'vitest';
import {FLAGS} from '../../source/cli/flag-table.js';
import {USAGE_HINT} from '../../source/cli/help-text.js';
import {freePort} from '../../tools/kafka/free-port.js';
import {type CliRun, ensureBuilt, runCli} from '../support/cli/cli-process.js';
import {testBootstrap, uniqueName} from '../support/kafka/test-kafka.js';

beforeAll(() => {
	ensureBuilt();
});

/** Exactly one line on stderr, starting with the program name, nothing on stdout, no stack trace. */
function expectOneLine(run: CliRun): string {
	const lines = run.stderr.replace(/\n$/, '').split('\n');
	expect(lines, run.stderr).toHaveLength(1);
	expect(lines[0]).toMatch(/^klog-tui( demo)?: /);
	expect(run.stderr).not.toMatch(/\n\s+at /);
	expect(run.stdout.length).toBe(0);
	return lines[0]!;
}

/** The problem on one line, then the pointer to --help; nothing on stdout, no stack trace. */
function expectUsageError(run: CliRun): string {
	const lines = run.stderr.replace(/\n$/, '').split('\n');
	expect(lines, run.stderr).toHaveLength(2);
	expect(lines[0]).toMatch(/^klog-tui: /);
	expect(lines[1]).toBe(USAGE_HINT);
	expect(run.stdout.length).toBe(0);
	return lines[0]!;
}

describe('bad flags', () => {
	it.each([
		[['--form-beginning'], 'klog-tui: unknown flag --form-beginning, did you mean --from-beginning?'],
		[['--from-beginning', '--since', '15m'], '--from-beginning and --since cannot be used together'],
		[['--tail', '-5'], '--tail must be 0 or more'],
		[['--since', 'last tuesday'], "--since 'last tuesday'"],
		[['--output', 'yaml'], '--output must be text or json'],
		[['--level', 'verbose-ish'], '--level takes trace, debug, info, warn, error or fatal'],
		[['demo', '--rate', 'fast'], '--rate must be a number above 0'],
		[
			['--grep', '/(unclosed/', '--plain', '--brokers', '127.0.0.1:1'],
			'--grep: /(unclosed/: Invalid regular expression',
		],
		[['-x'], 'klog-tui: unknown flag -x'],
	])('%j → exit 2, the problem and a pointer to --help', async (args, expected) => {
		const run = await runCli(args);
		expect(run.code).toBe(2);
		expect(expectUsageError(run)).toContain(expected);
	});
});

describe('help and version', () => {
	it('--help lists every flag and examples, exit 0', async () => {
		const run = await runCli(['--help']);
		expect(run.code).toBe(0);
		const text = run.stdout.toString('utf8');
		for (const flag of FLAGS) expect(text).toContain(flag.negatable ? `--no-${flag.name}` : `--${flag.name}`);
		expect(text).toContain('Examples');
		expect(text).toContain('$ klog-tui demo');
	});

	it('--version prints the version, exit 0', async () => {
		const run = await runCli(['--version']);
		expect(run.code).toBe(0);
		expect(run.stdout.toString('utf8').trim()).toMatch(/^\d+\.\d+\.\d+/);
	});
});

describe('cluster problems', () => {
	it('a broker that refuses with --exit: one line and exit 2 at once, not after --timeout', async () => {
		// A free port on loopback: connections are refused at once, like a broker that is down.
		const port = await freePort();
		const run = await runCli(['--brokers', `127.0.0.1:${port}`, '--plain', '--exit', '--timeout', '60']);
		expect(run.code).toBe(2);
		expect(expectOneLine(run)).toBe(
			`klog-tui: every broker refused the connection: 127.0.0.1:${port}: ECONNREFUSED`,
		);
		// Ended by the refusal, not by the 60 s timeout.
		expect(run.ms).toBeLessThan(30_000);
		process.stderr.write(`[cli-errors] refusing broker: exit after ${run.ms} ms\n`);
	});

	it('a broker that accepts but never answers, beside one that refuses: waits --timeout', async () => {
		const refusing = await freePort();
		// Accepts connections and never says a word, like a broker stuck or behind a black hole.
		const sockets = new Set<Socket>();
		const silent = createServer((socket) => sockets.add(socket));
		await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
		const {port} = silent.address() as AddressInfo;
		try {
			const run = await runCli([
				'--brokers',
				`127.0.0.1:${refusing},127.0.0.1:${port}`,
				'--plain',
				'--exit',
				'--timeout',
				'3',
			]);
			expect(run.code).toBe(2);
			expect(expectOneLine(run)).toContain(
				`no answer from Kafka at 127.0.0.1:${refusing},127.0.0.1:${port} within 3s`,
			);
			expect(run.ms).toBeGreaterThanOrEqual(3000);
		} finally {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => silent.close(resolve));
		}
	});

	it('a missing topic with --exit: one clear line and exit 2', async () => {
		const topic = uniqueName('no-such-topic');
		const run = await runCli(['--brokers', testBootstrap(), '--topic', topic, '--exit']);
		expect(run.code).toBe(2);
		expect(expectOneLine(run)).toBe(`klog-tui: topic '${topic}' does not exist on ${testBootstrap()}`);
	});

	it('the demo refuses to write to brokers that are not on this machine without --allow-produce', async () => {
		const run = await runCli(['demo', '--brokers', '10.255.255.1:9092', '--count', '1']);
		expect(run.code).toBe(2);
		expect(expectOneLine(run)).toContain('read-only');
		expect(run.ms).toBeLessThan(5000);
	});
});
