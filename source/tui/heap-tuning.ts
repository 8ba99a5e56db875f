import v8 from 'node:v8';
import {holdYoungGeneration} from '../shared/young-generation-hold.js';

/**
 * V8 settings for the TUI, set once before it starts. A catch-up makes hundreds of MB of garbage
 * a second around a bounded buffer; with V8's defaults the heap grows to several times what is
 * alive. The old generation may grow 10% past what survived the last full collection (not up to
 * 4x). They only steer the collector, and are process-wide. The semi-space sizes are read only
 * when an isolate is made, so they reach the stream worker (started after this), not the main
 * thread: the worker's new space starts at its 4 MB (min = max) and so never needs to grow,
 * which leaves it out of the hold below (at 2 MB it spent about a fifth more CPU). The CLI
 * calls this before it starts the worker early, when the words look like the TUI
 * (cli/early-worker.ts); calling it again changes nothing.
 * Measurements: bench/README.md, "Heap settings".
 */
export const VIEWER_V8_FLAGS = [
	'--heap-growing-percent=10',
	'--max-semi-space-size=4',
	'--min-semi-space-size=4',
] as const;

/**
 * The flags V8 reads only when an isolate is made: set at run time they do not reach the main
 * thread, whose young generation would grow to V8's 2 x 16 MB in a catch-up (about 30 MB more
 * peak RSS). `tuneHeapForViewer` holds it where it is instead, on every Node
 * (shared/young-generation-hold.ts: 1 MB semi-spaces, the same peak RSS as this flag). Where
 * node can replace its own process (Node 22.15+, 23.11+) the CLI still starts node again with
 * them when stdout is a terminal (`cli/relaunch.ts`), which caps the main thread at 2 MB should
 * it have grown past that before the hold; side by side it measured no different from the hold
 * alone (bench/README.md).
 */
export const LAUNCH_V8_FLAGS = ['--max-semi-space-size=2'] as const;

/**
 * Apply `VIEWER_V8_FLAGS` to this process (and the worker threads it starts after this), and
 * hold the main thread's young generation (shared/young-generation-hold.ts).
 */
export function tuneHeapForViewer(): void {
	for (const flag of VIEWER_V8_FLAGS) v8.setFlagsFromString(flag);
	holdYoungGeneration();
}
