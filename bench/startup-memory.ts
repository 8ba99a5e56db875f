/**
 * What each part of the TUI costs in memory before its first record (issue 15): one fresh node
 * process per row, loading the parts of the row, then RSS and heap after a few collections.
 * The rows add parts one at a time, so each one's cost is its row minus the one before.
 *
 *   npx tsx bench/startup-memory.ts     (prints a Markdown table; medians of 3 processes per row)
 */
import {execFileSync} from 'node:child_process';
import {summarise} from '../tools/load/measure.js';

/** The code each part adds, run in the child (an ES module). */
const PARTS: Readonly<Record<string, string>> = {
	kafkajs: "await import('kafkajs');",
	react: "await import('react');",
	ink: "await import('ink');",
	worker:
		"{const {Worker} = await import('node:worker_threads'); const w = new Worker('setInterval(() => {}, 1000)', {eval: true}); await new Promise((r) => w.once('online', r)); w.unref();}",
	'worker + kafkajs':
		"{const {Worker} = await import('node:worker_threads'); const w = new Worker(\"Promise.all([import('kafkajs'), import('node:worker_threads')]).then(([, t]) => t.parentPort.postMessage(1)); setInterval(() => {}, 1000)\", {eval: true}); await new Promise((r) => w.once('message', r)); w.unref();}",
};

const ROWS: ReadonlyArray<readonly string[]> = [
	[],
	['kafkajs'],
	['react'],
	['react', 'ink'],
	['worker'],
	['worker + kafkajs'],
	['react', 'ink', 'worker + kafkajs'],
];

function measure(parts: readonly string[]): {rss: number; heap: number; external: number} {
	const code = [
		...parts.map((part) => PARTS[part]),
		'for (let i = 0; i < 3; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 100)); }',
		'const m = process.memoryUsage();',
		'console.log(JSON.stringify({rss: m.rss, heap: m.heapUsed, external: m.external}));',
		'process.exit(0);',
	].join('\n');
	const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', code], {
		encoding: 'utf8',
	});
	return JSON.parse(out) as {rss: number; heap: number; external: number};
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const lines = ['| Parts loaded | RSS MB | main heap used MB | external MB |', '|---|---:|---:|---:|'];
for (const row of ROWS) {
	const runs = [0, 1, 2].map(() => measure(row));
	const median = (pick: (r: ReturnType<typeof measure>) => number) => summarise(runs.map(pick)).median;
	lines.push(
		`| ${row.length === 0 ? 'node alone' : row.join(', ')} | ${mb(median((r) => r.rss))} | ${mb(median((r) => r.heap))} | ${mb(median((r) => r.external))} |`,
	);
}
process.stdout.write(`${lines.join('\n')}\n`);
