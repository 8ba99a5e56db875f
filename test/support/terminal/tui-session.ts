/**
 * Shared steps of the end-to-end terminal tests: start the built `dist/cli.js` in a tmux
 * shell, read the TUI's screen regions (header, services, log pane, footer), and ask the
 * broker about consumer groups. The layout numbers mirror source/view/layout.ts's computeLayout
 * for a 120-column terminal.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import stringWidth from 'string-width';
import {afterEach, beforeAll, expect} from 'vitest';
import {shellQuote, startTmux, type TmuxOptions, type TmuxTerminal} from '../../../tools/terminal/tmux.js';
import {cliPath, ensureBuilt} from '../cli/cli-process.js';
import {testBootstrap, withAdmin} from '../kafka/test-kafka.js';

/** The line the shell prints before klog-tui starts; it must be back on screen after exit. */
export const SHELL_MARKER = 'E2E-SHELL-MARKER-BEFORE-KLOG';

/** What the shell prints after klog-tui exits, followed by the exit code. */
export const EXIT_LINE = 'klog-tui exited with ';

/**
 * The column where the log pane starts: where its ` Logs` title is on row 3 (the services
 * column's width is the app's to choose). -1 when the log pane is not drawn.
 */
export function logColumn(screen: string): number {
	const title = headerLine(screen, 2).indexOf(' Logs ');
	return title < 0 ? -1 : title;
}

/** A test's terminal and the fresh directory it starts in (removed after the test). */
export type TerminalSession = {term: TmuxTerminal; workDir: string};

/**
 * Call at the top of an end-to-end test file: builds the CLI before its tests, and gives each
 * test a tmux terminal (120x40 unless told) whose shell starts in a fresh temporary directory
 * (or `options.cwd`); both are gone after the test, also when it fails.
 */
export function terminalPerTest(name: string): {start(options?: TmuxOptions): Promise<TerminalSession>} {
	let terminal: TmuxTerminal | undefined;
	let workDir: string | undefined;
	beforeAll(() => {
		ensureBuilt();
	}, 120_000);
	afterEach(() => {
		terminal?.kill();
		terminal = undefined;
		if (workDir) fs.rmSync(workDir, {recursive: true, force: true});
		workDir = undefined;
	});
	return {
		async start(options = {}) {
			workDir = fs.mkdtempSync(path.join(os.tmpdir(), `klog-e2e-${name}-`));
			terminal = await startTmux({columns: 120, rows: 40, cwd: workDir, midDraw: tuiMidDraw, ...options});
			return {term: terminal, workDir};
		},
	};
}

/**
 * A klog-tui frame caught half drawn: Ink clears the screen and writes the whole frame, header
 * first; every frame ends with the footer on the last row, so a header over a blank last row
 * is a frame whose rest has not arrived yet.
 */
export function tuiMidDraw(screen: string): boolean {
	const lines = screen.replace(/\n$/, '').split('\n');
	return lines[0]!.startsWith(' klog-tui │') && lines.at(-1)!.trim() === '';
}

/** Type `echo MARKER; node dist/cli.js <args>` and wait for the header to say live. */
export async function startKlog(terminal: TmuxTerminal, args: readonly string[]): Promise<string> {
	terminal.run(
		`echo ${SHELL_MARKER}; node ${[cliPath, ...args].map(shellQuote).join(' ')}; echo "${EXIT_LINE}$?"`,
	);
	return terminal.waitFor((screen) => headerLine(screen, 1).includes('● live'), 45_000);
}

/**
 * A short unique name (`prefix-x7k2q9`): the header truncates its first row to the width, so
 * long topic and group names would lose the group id's end.
 */
export function shortName(prefix: string): string {
	return `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The default arguments: the test broker, one topic, from the beginning, a known group prefix. */
export function klogArgs(topic: string, groupPrefix: string, extra: readonly string[] = []): string[] {
	return ['-b', testBootstrap(), '-t', topic, '--from-beginning', '--group-prefix', groupPrefix, ...extra];
}

/** Row `index` (0-based) of a captured screen. */
export function headerLine(screen: string, index: number): string {
	return screen.split('\n')[index] ?? '';
}

/** The group id shown in the header (`group <id>`). */
export function headerGroupId(screen: string): string {
	const match = /group (\S+)/.exec(headerLine(screen, 0));
	if (!match) throw new Error(`no group in the header:\n${screen}`);
	return match[1]!;
}

/** The log pane's text lines (time-stamped rows only), without the selection marker. */
export function logLines(screen: string): string[] {
	const column = logColumn(screen);
	if (column < 0) return [];
	return screen
		.split('\n')
		.slice(3)
		.map((line) => line.slice(column + 1))
		.filter((line) => /^\d\d:\d\d:\d\d\.\d{3} /.test(line));
}

export type ServiceRow = {number: string; shown: boolean; name: string; count: number};

/** The services column's rows: number key, shown (●) or hidden (○), name and count. */
export function serviceRowsOf(screen: string): ServiceRow[] {
	const rows: ServiceRow[] = [];
	const column = logColumn(screen);
	if (column < 0) return rows;
	for (const line of screen.split('\n').slice(3)) {
		const cell = line.slice(0, column);
		const match = /^.([1-9 ]) ([●○]) (\S+)\s.*?(\d+)\s+[\d.]+k?\/s\s*$/.exec(cell);
		if (match)
			rows.push({number: match[1]!, shown: match[2] === '●', name: match[3]!, count: Number(match[4])});
	}
	return rows;
}

/**
 * The number key of service `name` on screen: services keep the number of the order they
 * first appeared in, which depends on which partition was read first.
 */
export function serviceNumber(screen: string, name: string): string {
	const row = serviceRowsOf(screen).find((candidate) => candidate.name === name);
	if (!row || row.number.trim() === '') throw new Error(`no number key for service ${name} on screen`);
	return row.number;
}

/** The footer's first row (messages, filters, the text being typed). */
export function footerMessage(screen: string, rows = 40): string {
	return headerLine(screen, rows - 2);
}

/** The ids of the consumer groups the broker knows. */
export async function listGroupIds(): Promise<string[]> {
	return withAdmin(testBootstrap(), async (admin) => (await admin.listGroups()).groups.map((g) => g.groupId));
}

/**
 * Wait until the broker no longer lists `groupId` (the viewer left, and its group without
 * committed offsets is removed). Fails after `timeoutMs`.
 */
export async function expectGroupGone(groupId: string, timeoutMs = 15_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let groups = await listGroupIds();
	while (groups.includes(groupId) && Date.now() < deadline) {
		await sleep(250);
		groups = await listGroupIds();
	}
	expect(groups).not.toContain(groupId);
}

/**
 * After klog-tui exits: the shell's screen (with the marker) is back, the alternate screen and
 * mouse reporting are off and the cursor shows. Resolves with klog-tui's exit code.
 */
export async function expectTerminalRestored(terminal: TmuxTerminal): Promise<number> {
	const screen = await terminal.waitFor(new RegExp(`${EXIT_LINE}\\d+`), 20_000);
	expect(terminal.display('#{alternate_on}')).toBe('0');
	expect(terminal.display('#{cursor_flag}')).toBe('1');
	// Mouse reporting off (klog-tui turns on 1000 and 1006 unless --no-mouse).
	expect(terminal.display('#{mouse_any_flag}#{mouse_sgr_flag}')).toBe('00');
	// The marker line printed before klog-tui started is on the restored screen, and no TUI row is.
	expect(screen).toContain(SHELL_MARKER);
	expect(screen).not.toContain('klog-tui │');
	return Number(new RegExp(`${EXIT_LINE}(\\d+)`).exec(screen)![1]);
}

/**
 * The full layout at `columns` x `rows`: the header's two rows on top (` klog-tui │` once,
 * on the first row), the footer's key hints on the last row (`? help` where help opens, `Esc
 * back` in the detail view and the menus; `? help` once at most), no row wider than the
 * terminal. A record that moved the cursor, wrapped a row or scrolled the screen breaks one.
 */
export function expectLayout(screen: string, columns: number, rows: number): void {
	const lines = screen.replace(/\n$/, '').split('\n');
	expect(lines.length, `at most ${rows} rows:\n${screen}`).toBeLessThanOrEqual(rows);
	while (lines.length < rows) lines.push('');
	expect(lines[0], `header on the first row:\n${screen}`).toMatch(/^ klog-tui │ topics? /);
	expect(lines[1], `the stream's state on the second row:\n${screen}`).toMatch(/ rec\/s /);
	expect(
		lines.filter((line) => line.includes('klog-tui │')),
		`one header:\n${screen}`,
	).toHaveLength(1);
	expect(lines[rows - 1], `key hints on the last row:\n${screen}`).toMatch(/ (\? help|Esc back)\b/);
	expect(
		lines.filter((line) => / \? help\b/.test(line)).length,
		`one footer:\n${screen}`,
	).toBeLessThanOrEqual(1);
	for (const line of lines)
		expect(stringWidth(line), `row wider than ${columns}: ${line}`).toBeLessThanOrEqual(columns);
}

/**
 * After klog-tui exits, the shell's terminal is out of raw mode: `stty -a`, run in the shell,
 * lists `isig`, `icanon` and `echo` (Ctrl-C interrupts, lines are edited, typing shows), not
 * their `-` forms.
 */
export async function expectTtySane(terminal: TmuxTerminal): Promise<void> {
	terminal.run(
		`echo "tty: $(stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(isig|icanon|echo)' | sort | tr '\\n' ' ')"`,
	);
	const screen = await terminal.waitFor(/^tty: .+$/m);
	expect(/^tty: (.+)$/m.exec(screen)![1]!.trim()).toBe('echo icanon isig');
}

/** True while a process with this pid exists (signal 0 tests for it and sends nothing). */
export function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}
