import {describe, expect, it} from 'vitest';
import {
	type CpuProfile,
	type KeyTrace,
	keyWaits,
	type ProfileNode,
	workOf,
} from '../../../../tools/load/key-wait.js';

const node = (id: number, functionName: string, url: string, children: number[] = []): ProfileNode => ({
	id,
	callFrame: {functionName, url, lineNumber: 0, columnNumber: 0},
	children,
});
/** root > (idle) | App (react) > calculateLayout (yoga) | (garbage collector). */
const nodes = [
	node(1, '(root)', '', [2, 3, 5]),
	node(2, '(idle)', ''),
	node(3, 'App', 'file:///repo/source/components/app.js', [4]),
	node(4, 'calculateLayout', 'file:///repo/node_modules/yoga-layout/dist/yoga.js'),
	node(5, '(garbage collector)', ''),
];
const byId = (id: number) => nodes.find((each) => each.id === id)!;

describe('workOf', () => {
	it('names the work by the innermost part of the stack that says what it is', () => {
		expect(workOf([byId(4), byId(3), byId(1)])).toBe('layout (yoga)');
		expect(workOf([byId(3), byId(1)])).toBe('react');
		expect(workOf([byId(5), byId(1)])).toBe('gc');
		expect(workOf([byId(2), byId(1)])).toBe('idle');
	});
});

describe('keyWaits', () => {
	// Samples at 11.0, 11.5, 12.0, 17.0 and 17.5 ms on the profile's clock (1 ms ahead of the trace's):
	// App, layout, App then 5 ms without a sample, GC, idle (the last sample lasts 0).
	const profile: CpuProfile = {
		nodes,
		samples: [3, 4, 3, 5, 2],
		timeDeltas: [11_000, 500, 500, 5000, 500],
		startTime: 0,
		endTime: 17_000,
	};
	const trace: KeyTrace = {
		clockOffsetMicros: 1000,
		keys: [
			{at: 9, ms: 8},
			{at: 20, ms: 2},
			// From inside the 5 ms without a sample to the GC's sample.
			{at: 14, ms: 2.5},
		],
		gcs: [{at: 15, ms: 1.5, kind: 4}],
	};

	it('splits a slow key into the work sampled meanwhile and the time the thread did not run', () => {
		const [wait, ...others] = keyWaits(trace, profile, 5);
		expect(others).toEqual([]);
		expect(wait!.ms).toBe(8);
		expect(Object.fromEntries(wait!.parts)).toEqual({
			react: 1.5,
			'layout (yoga)': 0.5,
			stalled: 4,
			gc: 0.5,
			idle: 0,
		});
		expect(wait!.gcPauses).toEqual([1.5]);
	});

	it('counts the part of a sample that falls in the key, a gap begun before it too', () => {
		const wait = keyWaits(trace, profile, 2.5).find((each) => each.ms === 2.5);
		expect(Object.fromEntries(wait!.parts)).toEqual({react: 0, stalled: 2, gc: 0.5, idle: 0});
	});
});
