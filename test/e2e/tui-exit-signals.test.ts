/**
 * Every way out of the real TUI but q (issues 4 and 6): Ctrl-C typed in the terminal, and the
 * SIGINT, SIGTERM and SIGHUP signals sent to its process. Each time the terminal is restored
 * (alternate screen left, cursor shown, line discipline back to canonical with echo), the
 * process exits by itself with the app's code (tui/screen.tsx: 128 + the signal's number; Ctrl-C
 * is a key in raw mode, the quit key, so 0), prints no stack trace, and its consumer group is
 * gone from the broker.
 */
import {describe, expect, it} from 'vitest';
import type {TmuxTerminal} from '../../tools/terminal/tmux.js';
import {STACK_FRAME} from '../support/cli/faults-cli-run.js';
import {createTopic, produceRecords} from '../support/kafka/test-kafka.js';
import {shopLogs} from '../support/records/shop-logs.js';
import {
	expectGroupGone,
	expectTerminalRestored,
	expectTtySane,
	headerGroupId,
	isRunning,
	klogArgs,
	listGroupIds,
	shortName,
	startKlog,
	terminalPerTest,
} from '../support/terminal/tui-session.js';

const session = terminalPerTest('exit');

type ExitPath = {name: string; code: number; leave: (term: TmuxTerminal, pid: number) => Promise<void>};

const EXIT_PATHS: ExitPath[] = [
	{name: 'Ctrl-C typed', code: 0, leave: (term) => term.press('C-c')},
	{name: 'SIGINT', code: 130, leave: async (_term, pid) => void process.kill(pid, 'SIGINT')},
	{name: 'SIGTERM', code: 143, leave: async (_term, pid) => void process.kill(pid, 'SIGTERM')},
	{name: 'SIGHUP', code: 129, leave: async (_term, pid) => void process.kill(pid, 'SIGHUP')},
];

describe('klog-tui in a real terminal: leaving by Ctrl-C and by signals', () => {
	it.each(EXIT_PATHS)(
		"$name: terminal restored, the app's exit code, no stack trace, group gone",
		async ({name, code, leave}) => {
			const topic = shortName('e2e-exit');
			await createTopic(topic, 3);
			await produceRecords(topic, shopLogs(12));
			const {term} = await session.start();
			await startKlog(term, klogArgs(topic, `${shortName('g')}-`));
			const screen = await term.waitFor('buffered 12 of 12');
			const groupId = headerGroupId(screen);
			expect(await listGroupIds()).toContain(groupId);
			const pid = term.foregroundPid();
			expect(pid, 'the pid of klog-tui, the shell running it in the foreground').toBeDefined();

			await leave(term, pid!);
			expect(await expectTerminalRestored(term), name).toBe(code);
			expect(isRunning(pid!)).toBe(false);
			expect(term.screen()).not.toMatch(STACK_FRAME);
			await expectTtySane(term);
			await expectGroupGone(groupId);
		},
	);
});
