import {prestartWorker} from '../kafka/worker/start-worker.js';
import {tuneHeapForViewer} from '../tui/heap-tuning.js';
import {scanArgv} from './scan-argv.js';
import {viewerMode} from './viewer-mode.js';

/** Words that make a command line something other than the viewer (`--help`, `klog-tui lag`...). */
const NOT_VIEWING = new Set(['--help', '-h', '--version', 'demo', 'lag']);

/**
 * Whether the command line looks like the viewer's (the TUI or plain output; both read
 * records in the stream worker). A look at the words only, before they are parsed: a topic
 * named `lag` just makes the worker start later, as it did before.
 */
export function looksLikeViewer(argv: readonly string[]): boolean {
	return !argv.some((word) => NOT_VIEWING.has(word));
}

/**
 * Whether the viewer will be the TUI, by the rule parse-cli.ts follows (viewer-mode.ts) on the
 * flags' values as scan-argv.ts reads the words (as meow will).
 */
export function looksLikeTui(argv: readonly string[], stdoutIsTerminal: boolean): boolean {
	if (!looksLikeViewer(argv)) return false;
	const {values} = scanArgv(argv);
	return viewerMode((name) => values.get(name), stdoutIsTerminal) === 'tui';
}

/**
 * Start the stream worker before the command line is read, so its start-up overlaps this thread's.
 * For the TUI, the heap settings come first: V8 reads the semi-space sizes only when the
 * worker's isolate is made (tui/heap-tuning.ts); a wrong guess costs only speed, never output.
 */
export function prestartStreamWorker(
	argv: readonly string[],
	stdoutIsTerminal = process.stdout.isTTY === true,
): void {
	if (!looksLikeViewer(argv)) return;
	if (looksLikeTui(argv, stdoutIsTerminal)) tuneHeapForViewer();
	prestartWorker('stream-worker');
}
