import v8 from 'node:v8';

/**
 * V8 settings for the TUI, set once before it starts. A catch-up makes hundreds of MB of garbage
 * a second around a bounded buffer; with V8's defaults the heap grows to several times what is
 * alive. The old generation may grow 10% past what survived the last full collection (not up to
 * 4x). They only steer the collector, and are process-wide (the stream worker has them too).
 * Measurements: bench/README.md, "Heap settings".
 */
export const VIEWER_V8_FLAGS = ['--heap-growing-percent=10', '--max-semi-space-size=4'] as const;

/**
 * The flags V8 reads only when an isolate is made: set at run time they reach the stream worker
 * but not the main thread, whose young generation then grows to V8's 2 x 16 MB in a catch-up
 * (measured: 32 MB of new space, against 8 MB with the flag on node's command line; the TUI's
 * peak RSS 20 MB lower). So the CLI starts node again with them when stdout is a terminal and
 * node can replace its own process (`cli/relaunch.ts`; plain output to a pipe keeps V8's
 * default, cheaper in CPU), and the bench runs the TUI pipeline with them. The main thread's
 * is 2 MB, not the worker's 4: what it allocates in a catch-up (unpacked records) lives on in
 * the buffer anyway, so a smaller nursery costs it no CPU and saves 4 MB of new space and
 * about 8 MB of peak RSS (bench/pipeline-ab.ts); the worker's garbage dies young, and at 2 MB
 * it spent about a fifth more CPU.
 */
export const LAUNCH_V8_FLAGS = ['--max-semi-space-size=2'] as const;

/** Apply `VIEWER_V8_FLAGS` to this process (and the worker threads it starts after this). */
export function tuneHeapForViewer(): void {
	for (const flag of VIEWER_V8_FLAGS) v8.setFlagsFromString(flag);
}
