import v8 from 'node:v8';

/**
 * V8 settings for the TUI, set once before it starts. A catch-up makes hundreds of MB of garbage
 * a second around a bounded buffer; with V8's defaults the heap grows to several times what is
 * alive. The old generation may grow 10% past what survived the last full collection (not up to
 * 4x), and the young generation is 4 MB (smaller promotes batches still being parsed). They only
 * steer the collector, and are process-wide (the stream worker has them too). Measurements:
 * bench/README.md, "Heap settings".
 */
export const VIEWER_V8_FLAGS = ['--heap-growing-percent=10', '--max-semi-space-size=4'] as const;

/** Apply `VIEWER_V8_FLAGS` to this process (and the worker threads it starts after this). */
export function tuneHeapForViewer(): void {
	for (const flag of VIEWER_V8_FLAGS) v8.setFlagsFromString(flag);
}
