import v8 from 'node:v8';
import type {Worker} from 'node:worker_threads';

/**
 * Stops every young generation in this process from growing (`--semi-space-growth-factor=1`),
 * set at run time: V8 reads the factor each time a new space grows (SemiSpaceNewSpace::Grow),
 * unlike `--max-semi-space-size`, read only when an isolate is made. But each isolate made
 * (Heap::ConfigureHeap) raises a factor under 2 back to 2, for the whole process: after a
 * worker starts, the hold is set again once the worker is online (its isolate exists then).
 */
const HOLD_FLAG = '--semi-space-growth-factor=1';

let holding = false;

/** Hold from now on (the TUI: see tui/heap-tuning.ts). */
export function holdYoungGeneration(): void {
	holding = true;
	v8.setFlagsFromString(HOLD_FLAG);
}

/**
 * Set the hold again once `worker`'s isolate is made, when the process holds: now (a worker
 * started early may be online already) and when it comes online.
 */
export function keepHoldAfterStart(worker: Worker): void {
	if (!holding) return;
	v8.setFlagsFromString(HOLD_FLAG);
	worker.once('online', () => v8.setFlagsFromString(HOLD_FLAG));
}
