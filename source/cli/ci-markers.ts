/**
 * The variables that make Ink (is-in-ci) and chalk (supports-color) believe the process runs
 * in continuous integration. Both read them once, when they are loaded.
 */
export const CI_MARKERS = ['CI', 'CONTINUOUS_INTEGRATION'] as const;

export type TerminalFacts = {
	/** Whether stdout is a terminal: the TUI draws there, plain output colours there. */
	stdoutIsTTY: boolean;
};

/**
 * Remove the CI markers from `env` when stdout is a terminal, and say which were removed.
 *
 * Why: with `CI` set, Ink draws no frame until the app exits (it writes only the last one,
 * for build logs) and chalk turns colours off. A person at a terminal with `CI` set (a CI
 * job's debug shell, a dev container, a test run in tmux) would stare at a blank screen.
 * A terminal is interactive whatever `CI` says; piped output keeps the markers untouched.
 */
export function forgetCiMarkersInTerminal(env: NodeJS.ProcessEnv, facts: TerminalFacts): string[] {
	if (!facts.stdoutIsTTY) return [];
	const removed = CI_MARKERS.filter((name) => name in env);
	for (const name of removed) delete env[name];
	return removed;
}
