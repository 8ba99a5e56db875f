import type {FlagSpec} from './flag-spec.js';
import {FLAGS} from './flag-table.js';

/** The flags that make the viewer print plain lines (the flag table's `choosesPlain`). */
const PLAIN_CHOOSERS = FLAGS.filter((flag) => flag.choosesPlain !== undefined);

function choosesPlain(flag: FlagSpec, value: unknown): boolean {
	if (flag.choosesPlain === true) return value === true;
	return typeof value === 'string' && value.trim().toLowerCase() === flag.choosesPlain;
}

/**
 * The viewer's mode: plain lines when stdout is not a terminal or a flag chooses them, else
 * the TUI. `flagValue` gives a flag's value by its long name: meow's parse (parse-cli.ts), or the
 * look at the words before it (early-worker.ts), so the two cannot tell different rules.
 */
export function viewerMode(flagValue: (name: string) => unknown, stdoutIsTTY: boolean): 'plain' | 'tui' {
	if (!stdoutIsTTY) return 'plain';
	return PLAIN_CHOOSERS.some((flag) => choosesPlain(flag, flagValue(flag.name))) ? 'plain' : 'tui';
}
