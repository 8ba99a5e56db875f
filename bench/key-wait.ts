/**
 * What the slow keys of a live phase waited for: each key's time from press to frame, split by
 * the main thread's CPU profile into the work that ran meanwhile (React, Ink's layout and output,
 * the store, the worker's records, GC) and the time the thread did not run at all (no sample for
 * longer than a millisecond: on a loaded machine, waiting for a core). Made for issue 15's
 * key-to-frame target. The trace (key presses, GC pauses) comes from `tui-pipeline.ts
 * --trace-file`; `pipeline-ab.ts --profile-dir DIR` writes both for every live run.
 *
 * Usage: tsx bench/key-wait.ts <trace.json> <main-thread.cpuprofile> [slowMs=30]
 */
import fs from 'node:fs';
import {type CpuProfile, type KeyTrace, keyWaits} from '../tools/load/key-wait.js';

function main(): void {
	const [traceFile, profileFile, slow = '30'] = process.argv.slice(2);
	if (!traceFile || !profileFile)
		throw new Error('usage: key-wait.ts <trace.json> <main.cpuprofile> [slowMs]');
	const trace = JSON.parse(fs.readFileSync(traceFile, 'utf8')) as KeyTrace;
	const profile = JSON.parse(fs.readFileSync(profileFile, 'utf8')) as CpuProfile;
	const waits = keyWaits(trace, profile, Number(slow));
	const total = new Map<string, number>();
	const format = (parts: Map<string, number>) =>
		[...parts]
			.sort((a, b) => b[1] - a[1])
			.map(([part, ms]) => `${part} ${ms.toFixed(1)}`)
			.join(', ');
	for (const wait of waits) {
		for (const [part, ms] of wait.parts) total.set(part, (total.get(part) ?? 0) + ms);
		const pauses = wait.gcPauses.map((ms) => ms.toFixed(1)).join(' ');
		process.stdout.write(`key ${wait.ms.toFixed(1)} ms: ${format(wait.parts)}; GC pauses [${pauses}]\n`);
	}
	process.stdout.write(
		`${waits.length} of ${trace.keys.length} keys took ${slow} ms or more: ${format(total)}\n`,
	);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
