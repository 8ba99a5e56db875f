import {prestartWorker} from '../kafka/worker/start-worker.js';

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

/** Start the stream worker before the command line is read, so its start-up overlaps this thread's. */
export function prestartStreamWorker(argv: readonly string[]): void {
	if (looksLikeViewer(argv)) prestartWorker('stream-worker');
}
