/** One flag. `name` is the long name in kebab-case, as typed after `--`. */
export type FlagSpec = {
	name: string;
	type: 'string' | 'boolean';
	/** One-letter alias, typed after a single `-`. */
	short?: string;
	/** May be given more than once (values are collected in order). */
	multiple?: boolean;
	/** Placeholder shown in the help after the flag, e.g. `<list>`. */
	valueName?: string;
	/** One line for the help. */
	description: string;
	/** Commands that accept the flag. */
	commands: readonly CommandName[];
	/**
	 * For a boolean that is on by default: the help shows `--no-<name>` (yargs turns
	 * `--no-color` into `color: false`).
	 */
	negatable?: boolean;
	/**
	 * The viewer prints plain lines instead of the TUI when this flag is given: a boolean when
	 * on, a string flag when its value (trimmed, any case) is this (cli/viewer-mode.ts).
	 */
	choosesPlain?: true | string;
};

/** The two ways to run klog-tui: the viewer (`klog-tui`) and the demo producer (`klog-tui demo`). */
export type CommandName = 'view' | 'demo' | 'lag';
