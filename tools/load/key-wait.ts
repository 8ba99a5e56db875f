/**
 * Splits the keys of a bench live phase (tui-pipeline.ts --trace-file) by a CPU profile of the
 * main thread into the work that ran while each key waited and the time the thread did not run.
 * The CLI is bench/key-wait.ts.
 */

/** The parts of a V8 CPU profile (`node --cpu-prof`) read here. */
export type ProfileNode = {
	id: number;
	callFrame: {functionName: string; url: string; lineNumber: number; columnNumber: number};
	children?: number[];
};
export type CpuProfile = {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
	startTime: number;
	endTime: number;
};

/** Written by tui-pipeline.ts: key presses and GC pauses, ms on `performance.now()`'s clock. */
export type KeyTrace = {
	/** `performance.now()` in µs minus the monotonic clock the profile uses, at the same moment. */
	clockOffsetMicros: number;
	keys: Array<{at: number; ms: number}>;
	gcs: Array<{at: number; ms: number; kind: number}>;
};

/** A gap between two samples longer than this is time the thread did not run. */
const RUNNING_LIMIT_MS = 1;

/** Where a sample's time goes, from its stack (leaf first). */
export function workOf(stack: readonly ProfileNode[]): string {
	const leaf = stack[0]?.callFrame.functionName;
	if (leaf === '(idle)') return 'idle';
	if (leaf === '(garbage collector)') return 'gc';
	if (leaf === '(program)') return 'program';
	const has = (pattern: RegExp) => stack.some((node) => pattern.test(node.callFrame.url));
	if (has(/yoga/)) return 'layout (yoga)';
	if (has(/\/kafka\/worker\//)) return 'records from the worker';
	if (has(/\/source\/store\//)) return 'store';
	if (has(/fast-ink-output|\/ink\/build\/render/)) return 'frame output';
	if (has(/react-reconciler|\/source\/components\//)) return 'react';
	if (has(/virtual-terminal/)) return 'bench terminal';
	return 'other';
}

export type KeyWait = {ms: number; parts: Map<string, number>; gcPauses: number[]};

/** Each key of `trace` slower than `slowMs`, its time split into work and not running (`stalled`). */
export function keyWaits(trace: KeyTrace, profile: CpuProfile, slowMs: number): KeyWait[] {
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	const parents = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
	const stackOf = (id: number) => {
		const stack: ProfileNode[] = [];
		for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) stack.push(nodes.get(at)!);
		return stack;
	};
	const work = new Map<number, string>();
	const times: number[] = [];
	let time = profile.startTime;
	for (const delta of profile.timeDeltas) {
		time += delta;
		times.push(time);
	}
	return trace.keys
		.filter((key) => key.ms >= slowMs)
		.map((key) => {
			const from = key.at * 1000 + trace.clockOffsetMicros;
			const to = from + key.ms * 1000;
			const parts = new Map<string, number>();
			const add = (part: string, ms: number) => parts.set(part, (parts.get(part) ?? 0) + ms);
			// Each sample lasts until the next; its first millisecond is work, the rest not running.
			const overlap = (start: number, end: number) =>
				Math.max(0, Math.min(end, to) - Math.max(start, from)) / 1000;
			for (let i = 0; i < times.length; i++) {
				const start = times[i]!;
				const end = start + (profile.timeDeltas[i + 1] ?? 0);
				if (end < from || start > to) continue;
				const id = profile.samples[i]!;
				if (!work.has(id)) work.set(id, workOf(stackOf(id)));
				const running = Math.min(end, start + RUNNING_LIMIT_MS * 1000);
				add(work.get(id)!, overlap(start, running));
				if (end > running) add('stalled', overlap(running, end));
			}
			const gcPauses = trace.gcs
				.filter((gc) => gc.at < key.at + key.ms && gc.at + gc.ms > key.at)
				.map((gc) => gc.ms);
			return {ms: key.ms, parts, gcPauses};
		});
}
