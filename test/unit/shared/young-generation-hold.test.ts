import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

/**
 * A fresh node per case (flags are process-wide): it starts a worker, then makes half a second of
 * garbage around a surviving set. How much its main thread's new space grew from the start (MB).
 */
function mainNewSpaceGrowthMb(setup: 'none' | 'hold' | 'hold, not kept after the worker'): number {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'klog-hold-'));
	const probe = path.join(dir, 'probe.mts');
	const hold = path.resolve('source/shared/young-generation-hold.ts');
	fs.writeFileSync(
		probe,
		`import v8 from 'node:v8';\nimport {once} from 'node:events';\nimport {Worker} from 'node:worker_threads';\n` +
			`const {holdYoungGeneration, keepHoldAfterStart} = await import(${JSON.stringify(hold)});\n` +
			`const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 2 ** 20;\n` +
			`const start = newSpace();\n` +
			`if (${JSON.stringify(setup)} !== 'none') holdYoungGeneration();\n` +
			`const worker = new Worker('setTimeout(() => {}, 5000)', {eval: true});\n` +
			`if (${JSON.stringify(setup)} === 'hold') keepHoldAfterStart(worker);\n` +
			`await once(worker, 'online');\n` +
			`let max = newSpace(); const kept = [];\n` +
			`for (let i = 0; i < 1_000_000; i++) {\n` +
			`  const o = {text: 'x'.repeat(20) + i, list: [i, i + 1]};\n` +
			`  if (i % 10 === 0) kept.push(o);\n` +
			`  if (kept.length > 100_000) kept.length = 0;\n` +
			`  if (i % 50_000 === 0) max = Math.max(max, newSpace());\n` +
			`}\n` +
			`console.log('PROBE ' + (max - start));\nprocess.exit(0);\n`,
	);
	const output = execFileSync(process.execPath, ['--import', 'tsx', probe], {
		encoding: 'utf8',
		timeout: 30_000,
	});
	fs.rmSync(dir, {recursive: true, force: true});
	return Number(/PROBE (\S+)/.exec(output)?.[1]);
}

describe('holdYoungGeneration', () => {
	it('keeps the main thread at the new space it had, after a worker started', () => {
		// 0, or a from-space committed again at most.
		expect(mainNewSpaceGrowthMb('hold')).toBeLessThanOrEqual(2);
	});

	it('is undone by a worker isolate when not set again, and V8 grows the new space', () => {
		expect(mainNewSpaceGrowthMb('hold, not kept after the worker')).toBeGreaterThan(8);
		expect(mainNewSpaceGrowthMb('none')).toBeGreaterThan(8);
	});
});
