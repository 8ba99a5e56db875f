import v8 from 'node:v8';

/**
 * V8 settings for the TUI, set once before it starts. The TUI keeps a bounded buffer (50 000
 * records, about 25 MB) while a catch-up reads 100 000 records a second, nearly all of them
 * garbage a moment later. With V8's defaults the heap grew to several times what is alive
 * before a full collection: reading 1 000 000 records into the TUI peaked at about 330 MB RSS.
 * Measured with GNU time on bench/tui-pipeline.ts (two runs each, 1 000 000 records):
 *
 * | flags                          | peak RSS   | wall       |
 * | ------------------------------ | ---------- | ---------- |
 * | none                           | 328 MB     | 10.4 s     |
 * | growing 10%                    | 227-239 MB | 9.3 s      |
 * | growing 10%, 4 MB semi-space   | 199-208 MB | 10.1-11 s  |
 * | growing 10%, 2 MB semi-space   | 201-206 MB | 11.6-11.9 s|
 *
 * Measured again later (three runs each, alternating, on a `bench/dev-broker.ts` topic): the chosen
 * flags 207-224 MB in 6.9-10.1 s; with `--optimize-for-size` added 171-181 MB but 10.2-11.9 s
 * (3 s of system time against 1 s: V8 gives pages back and takes them again); growing 5%
 * 209-235 MB, no gain. Under 200 MB costs about a third of the catch-up speed, which the
 * bench's other target (the TUI at 0.8x plain) needs; so not `--optimize-for-size`.
 *
 * so both, with the 4 MB semi-space: a smaller one promotes a batch still being worked on to
 * the old generation (the worker thread parses a thousand records at a time) and costs more
 * than it saves. Both flags only steer the collector; nothing is ever refused memory. They are
 * process-wide, so the stream worker has them too.
 *
 * - `--heap-growing-percent`: the old generation may grow this much past what survived the
 *   last full collection before the next one, instead of V8's factor of up to 4.
 * - `--max-semi-space-size` (MB): the young generation's size.
 */
export const VIEWER_V8_FLAGS = ['--heap-growing-percent=10', '--max-semi-space-size=4'] as const;

/** Apply `VIEWER_V8_FLAGS` to this process (and the worker threads it starts after this). */
export function tuneHeapForViewer(): void {
	for (const flag of VIEWER_V8_FLAGS) v8.setFlagsFromString(flag);
}
