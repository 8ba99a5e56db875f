/**
 * The first two lines of the built CLI (dist/cli.js), which start node with flags that must be
 * on its command line (`LAUNCH_V8_FLAGS`) when stdout is a terminal: the TUI needs one, and
 * output to a pipe or a file is plain output, which keeps V8's default young generation (with a
 * 4 MB semi-space its CPU per record was about 10% higher). The file is a shell script for its
 * first two lines and an ES module for node: sh runs line 2 (`:` does nothing, then `exec`
 * replaces the shell by node, so no process is left between), while node skips the `#!` line and
 * reads line 2 as a string directive and a comment. Not `#!/usr/bin/env -S node ...`: BusyBox's
 * env (Alpine) and coreutils before 8.30 have no `-S`. `node dist/cli.js` still works, without
 * the flags.
 */
export function binHeader(flags: readonly string[]): string {
	for (const flag of flags)
		if (!/^--[a-z0-9-]+(=[A-Za-z0-9._-]+)?$/.test(flag)) throw new Error(`not a plain node flag: ${flag}`);
	return `#!/bin/sh\n":" //# ; [ -t 1 ] && exec node ${flags.join(' ')} "$0" "$@"; exec node "$0" "$@"\n`;
}

/** `source` (a bundled entry that begins with a `#!` line) with `binHeader(flags)` in place of that line. */
export function withBinHeader(source: string, flags: readonly string[]): string {
	if (!source.startsWith('#!')) throw new Error('the entry has no #! line to replace');
	return binHeader(flags) + source.slice(source.indexOf('\n') + 1);
}
