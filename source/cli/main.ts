/**
 * klog-tui's command line, loaded by cli.tsx: read the command line (meow), then run one mode: the TUI,
 * plain output (`--plain`, or stdout not a terminal), or the demo producer (`demo`).
 * A bad command line prints one line saying what is wrong and one pointing to --help, and
 * exits 2; other problems print one line. Nothing prints a stack trace.
 */
import process from 'node:process';
import {resolveSettings} from '../session/resolve-settings.js';
import {isConfigError} from '../settings/config-error.js';
import {errorMessage} from '../shared/error-message.js';
import {resolveGroupId} from '../stream/group-id.js';
import {truncateToWidth} from '../terminal-text/truncate-to-width.js';
import {abortOnExitSignals} from './exit-signals.js';
import {usageErrorLines} from './help-text.js';
import {parseCli} from './parse-cli.js';
import {refusePasswordFlag} from './security-flags.js';

const logLine = (line: string) => {
	process.stderr.write(`${line}\n`);
};

/**
 * The progress line, rewritten in place: cut to the terminal's width, as a line that wraps
 * would leave its first row behind at each rewrite (`\r` goes back to the start of the last row).
 */
const progressLine = (line: string | undefined) => {
	if (line === undefined) process.stderr.write('\n');
	else if (line === '') process.stderr.write('\r\u001B[2K');
	else
		process.stderr.write(
			`\r\u001B[2K${truncateToWidth(`klog-tui: ${line}`, Math.max(20, (process.stderr.columns || 80) - 1))}`,
		);
};

async function main(): Promise<number> {
	const passwordRefusal = refusePasswordFlag(process.argv.slice(2));
	if (passwordRefusal) {
		logLine(`klog-tui: ${passwordRefusal}`);
		return 2;
	}
	const result = parseCli({
		argv: process.argv.slice(2),
		env: process.env,
		stdoutIsTTY: process.stdout.isTTY === true,
		importMeta: import.meta,
	});
	switch (result.kind) {
		case 'help':
		case 'version':
			await writeOut(`${result.text}\n`);
			return 0;
		case 'error':
			for (const line of usageErrorLines(result.message)) logLine(line);
			return 2;
		case 'run':
			break;
	}
	// Config file, profile, SASL/TLS (a password prompt on a terminal) and a credential check.
	const {config, resolved, serviceColours, savedFilters} = await resolveSettings(result.config, process.env);
	for (const warning of resolved.warnings) logLine(warning);

	if (config.command === 'demo') {
		const {runDemo} = await import('../demo.js');
		const exitSignals = abortOnExitSignals(() => process.exit(130));
		try {
			return await runDemo(config, resolved.connection, {log: logLine, signal: exitSignals.signal});
		} finally {
			exitSignals.dispose();
		}
	}

	if (config.command === 'lag') {
		const {runLag} = await import('../lag.js');
		return runLag(config, resolved.connection, {write: writeOut, log: logLine});
	}

	const groupId = resolveGroupId({group: config.group, groupPrefix: config.groupPrefix});
	if (config.mode === 'plain') {
		const {runPlain} = await import('../plain.js');
		const exitSignals = abortOnExitSignals(() => process.exit(130));
		try {
			return await runPlain({
				config,
				connection: resolved.connection,
				groupId,
				serviceColours,
				stdout: process.stdout,
				log: logLine,
				signal: exitSignals.signal,
				// A --grep run's progress, rewritten in place: only on a terminal, never into a log file.
				...(process.stderr.isTTY ? {progress: progressLine} : {}),
			});
		} finally {
			exitSignals.dispose();
		}
	}
	const {runViewerTui} = await import('../tui.js');
	return runViewerTui(config, resolved, groupId, logLine, serviceColours, savedFilters);
}

/** Write to stdout and wait until it left the process (a pipe may be slow). */
function writeOut(text: string): Promise<void> {
	return new Promise((resolve) => {
		process.stdout.write(text, () => resolve());
	});
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		const message = errorMessage(error);
		logLine(`klog-tui: ${message.split('\n')[0]}`);
		if (process.env.KLOG_DEBUG && error instanceof Error && error.stack) logLine(error.stack);
		process.exit(isConfigError(error) ? 2 : 1);
	},
);
