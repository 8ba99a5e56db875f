import v8 from 'node:v8';

/**
 * V8 settings for the TUI, set once before it starts. The TUI keeps a bounded buffer (50 000
 * records, about 25 MB) while a catch-up reads 100 000+ records a second, nearly all of them
 * garbage a moment later: with V8's defaults the heap grew to several times what is alive
 * before a full collection (peak RSS about 350 MB reading 1 000 000 records into the TUI), with
 * these about 200 MB, for some more CPU spent collecting during a catch-up (bench/tui-pipeline.ts
 * under GNU time). Both flags only steer the collector: nothing is ever refused memory.
 *
 * - `--heap-growing-percent`: the old generation may grow this much past what survived the
 *   last full collection before the next one, instead of V8's factor of up to 4.
 * - `--max-semi-space-size` (MB): a smaller young generation; a catch-up's garbage dies young.
 */
export const VIEWER_V8_FLAGS = ['--heap-growing-percent=10', '--max-semi-space-size=2'] as const;

/** Apply `VIEWER_V8_FLAGS` to this process (and the worker threads it starts after this). */
export function tuneHeapForViewer(): void {
	for (const flag of VIEWER_V8_FLAGS) v8.setFlagsFromString(flag);
}
