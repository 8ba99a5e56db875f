import {LAUNCH_V8_FLAGS} from '../tui/heap-tuning.js';

/** `process.execve` (Node 22.15+ and 23.11+, not on Windows): replaces this process, same pid. */
type Execve = (file: string, args: readonly string[], env: NodeJS.ProcessEnv) => never;

/** What decides whether node starts again with `LAUNCH_V8_FLAGS`. */
export type RelaunchContext = {
	execPath: string;
	execArgv: readonly string[];
	argv: readonly string[];
	stdoutIsTerminal: boolean;
	canReplaceProcess: boolean;
};

/**
 * The argument list to start node again with, or undefined to go on as is. Only for a terminal
 * (the TUI; plain output to a pipe keeps V8's default young generation, cheaper in CPU), only
 * when node can replace its own process (a second process would cost more memory than the flag
 * saves), and never twice: a run that has the flags already goes on.
 */
export function relaunchArgs(
	context: RelaunchContext,
	flags: readonly string[] = LAUNCH_V8_FLAGS,
): string[] | undefined {
	if (!context.stdoutIsTerminal || !context.canReplaceProcess) return undefined;
	const names = flags.map((flag) => flag.split('=')[0]!);
	if (context.execArgv.some((argument) => names.includes(argument.split('=')[0]!))) return undefined;
	return [context.execPath, ...flags, ...context.execArgv, ...context.argv.slice(1)];
}

/**
 * The flags the CLI starts the TUI with on this node, in a terminal: `LAUNCH_V8_FLAGS` where it
 * can relaunch, none where it cannot (Node 20). For the bench, to run the TUI as users get it.
 */
export function tuiLaunchFlagsHere(): readonly string[] {
	const canReplaceProcess =
		typeof (process as {execve?: Execve}).execve === 'function' && process.platform !== 'win32';
	const context = {
		execPath: process.execPath,
		execArgv: [],
		argv: [],
		stdoutIsTerminal: true,
		canReplaceProcess,
	};
	return relaunchArgs(context) ? LAUNCH_V8_FLAGS : [];
}

/**
 * Start node again with the flags V8 reads only when an isolate is made (see heap-tuning.ts),
 * when `relaunchArgs` says so. Not from a `#!` line: `#!/bin/sh` tricks break npm's Windows
 * shims and `env -S` is missing from BusyBox. On Node 20, which has no `process.execve`, the
 * TUI runs without them, its young generation held instead (shared/young-generation-hold.ts).
 */
export function relaunchWithLaunchFlags(): void {
	const execve = (process as {execve?: Execve}).execve;
	const args = relaunchArgs({
		execPath: process.execPath,
		execArgv: process.execArgv,
		argv: process.argv,
		stdoutIsTerminal: process.stdout.isTTY === true,
		canReplaceProcess: typeof execve === 'function' && process.platform !== 'win32',
	});
	if (!args || !execve) return;
	try {
		execve.call(process, process.execPath, args, process.env);
	} catch {
		// Could not replace the process (a sandbox, say): go on without the flags.
	}
}
