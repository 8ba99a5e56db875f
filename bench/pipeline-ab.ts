/**
 * Side by side: builds of the TUI pipeline (and of the plain CLI) from other checkouts or earlier
 * states, against this tree's, in one run on one broker, runs alternating, medians. For the
 * memory and key-latency work of issue 15, where every change needs its before/after figure on
 * a shared machine. A build is a copy of `bench/out/build` (the TUI pipeline) or of `dist` (the
 * CLI) kept under `bench/out/` so that `node_modules` resolves:
 *
 *   cp -r bench/out/build bench/out/base/build; cp -r dist bench/out/base/dist   # before
 *   npx tsx bench/pipeline-ab.ts --tui base=bench/out/base/build --tui new=bench/out/build \
 *     --plain base=bench/out/base/dist --plain new=dist --records 100000,1000000 --runs 3 --live
 *
 * `--compression lz4|zstd`: the topics are written with that codec.
 * `--live`: the live-stream phase of `tui-pipeline.ts` for each TUI build too (key-to-frame and
 * frame times), `--live-runs` times each, alternating. `--profile-dir DIR`: each live run also writes its CPU
 * profiles and a trace of its keys and GC pauses to DIR/<build>-<run>, for `bench/key-wait.ts`
 * (builds from before that option cannot take it). Prints a Markdown table; writes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {tuiLaunchFlagsHere} from '../source/cli/relaunch.js';
import {startKafka} from '../tools/kafka/kafka-broker.js';
import {startLiveProducer} from '../tools/load/live-producer.js';
import {measureProcess, summarise} from '../tools/load/measure.js';
import {type Contender, contenders, repoRoot} from './contenders.js';
import type {ContenderResult, LatencyResult} from './results-table.js';
import {fill, loadAverage, log, scratchDir, timeAlternating} from './timed-runs.js';

const {values: args} = parseArgs({
	options: {
		tui: {type: 'string', multiple: true, default: []},
		plain: {type: 'string', multiple: true, default: []},
		/** Contenders of contenders.ts to run beside the builds, by id (`--with bare`): the ratios' base. */
		with: {type: 'string', multiple: true, default: []},
		records: {type: 'string', default: '100000'},
		runs: {type: 'string', default: '3'},
		live: {type: 'boolean', default: false},
		'live-runs': {type: 'string', default: '3'},
		'live-seconds': {type: 'string', default: '10'},
		keys: {type: 'string', default: ''},
		/** Live runs write a CPU profile and a key/GC trace here, one folder per run (bench/key-wait.ts). */
		'profile-dir': {type: 'string'},
		/** The producer's codec for the filled topics (as bench/plain-focus-run.ts fills its lz4 and zstd variants). */
		compression: {type: 'string'},
	},
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `label=dir` → [label, absolute dir]. */
function builds(list: readonly string[]): Array<[string, string]> {
	return list.map((entry) => {
		const [label, dir] = entry.split('=');
		if (!label || !dir) throw new Error(`expected label=dir, got ${entry}`);
		return [label, path.resolve(repoRoot, dir)];
	});
}

/**
 * The node flags a build starts with: a TUI build's `LAUNCH_V8_FLAGS` (none before they
 * existed) where the CLI would relaunch node with them (cli/relaunch.ts: not on Node 20); a CLI build's from its bin header (tools/build/bin-header.ts), unless that gives
 * them only on a terminal (stdout here is /dev/null).
 */
async function launchFlags(id: 'tui' | 'plain', dir: string): Promise<string[]> {
	if (id === 'plain') {
		const head = fs.readFileSync(path.join(dir, 'cli.js'), 'utf8').slice(0, 300);
		const header = /exec node (.*?) "\$0"/.exec(head);
		return header?.[1] && !head.includes('[ -t 1 ]') ? header[1].split(' ') : [];
	}
	if (tuiLaunchFlagsHere().length === 0) return [];
	const tuning = (await import(path.join(dir, 'source', 'tui', 'heap-tuning.js'))) as {
		LAUNCH_V8_FLAGS?: string[];
	};
	return [...(tuning.LAUNCH_V8_FLAGS ?? [])];
}

/** This build's copy of a contender: the same command with the script and node flags taken from `dir`. */
async function fromBuild(id: 'tui' | 'plain', label: string, dir: string): Promise<Contender> {
	const original = contenders.find((c) => c.id === id)!;
	const script = id === 'tui' ? path.join(dir, 'bench', 'tui-pipeline.js') : path.join(dir, 'cli.js');
	const flags = await launchFlags(id, dir);
	return {
		...original,
		label: `${id} ${label}`,
		command: (target) => {
			const {command, args: list} = original.command(target);
			const rest = list.slice(list.findIndex((arg) => arg.endsWith('.js')) + 1);
			return {command, args: [...flags, script, ...rest]};
		},
	};
}

const list = await Promise.all([
	...builds(args.tui).map(([label, dir]) => fromBuild('tui', label, dir)),
	...builds(args.plain).map(([label, dir]) => fromBuild('plain', label, dir)),
	...contenders.filter((c) => args.with.includes(c.id)),
]);

function row(result: ContenderResult): string {
	if (result.error || result.samples.length === 0)
		return `| ${result.label} | ${result.records} | failed: ${result.error} | | | |`;
	const rate = summarise(result.samples.map((s) => s.recordsPerSecond)).median;
	const rss = summarise(result.samples.map((s) => s.peakRssMb));
	const cpu = summarise(result.samples.map((s) => s.cpuSeconds)).median;
	return (
		`| ${result.label} | ${result.records.toLocaleString('en-US')} | ${Math.round(rate).toLocaleString('en-US')} | ` +
		`${rss.median.toFixed(1)} (${rss.min.toFixed(0)}–${rss.max.toFixed(0)}) | ${((cpu * 1e6) / result.records).toFixed(1)} | ${result.samples.length} |`
	);
}

/** One live-phase run of a TUI build (as bench/run.ts measures it), its result file's figures. */
async function liveRun(dir: string, bootstrap: string, topic: string, buffered: number, name: string) {
	const resultFile = path.join(scratchDir, `live-${Date.now()}.json`);
	const profileDir = args['profile-dir'] ? path.resolve(args['profile-dir'], name) : undefined;
	const profiling = profileDir
		? [
				'--cpu-prof',
				'--cpu-prof-interval=250',
				`--cpu-prof-dir=${profileDir}`,
				'--trace-file',
				path.join(profileDir, 'trace.json'),
			]
		: [];
	if (profileDir) fs.mkdirSync(profileDir, {recursive: true});
	let producer: ReturnType<typeof startLiveProducer> | undefined;
	let measuring = true;
	const started = (async () => {
		while (measuring && !fs.existsSync(`${resultFile}.ready`)) await sleep(20);
		if (measuring)
			producer = startLiveProducer({bootstrap, topic, recordsPerSecond: 20_000, recordBytes: 200});
	})();
	const measured = await measureProcess({
		command: process.execPath,
		args: [
			...(await launchFlags('tui', dir)),
			...profiling.slice(0, 3),
			path.join(dir, 'bench', 'tui-pipeline.js'),
			...profiling.slice(3),
			'--mode',
			'live',
			'--bootstrap',
			bootstrap,
			'--topic',
			topic,
			'--records',
			String(buffered),
			'--seconds',
			args['live-seconds'],
			'--group',
			`ab-live-${Date.now()}`,
			'--result-file',
			resultFile,
			...(args.keys ? ['--keys', args.keys] : []),
		],
		cwd: repoRoot,
		timeoutMs: 180_000,
	});
	measuring = false;
	await started;
	await producer?.stop();
	if (!fs.existsSync(resultFile)) return {error: measured.stderrTail.slice(-300)} as LatencyResult;
	return {
		...(JSON.parse(fs.readFileSync(resultFile, 'utf8')) as LatencyResult),
		peakRssMb: measured.peakRssMb,
	};
}

async function main(): Promise<void> {
	fs.mkdirSync(scratchDir, {recursive: true});
	const loadBefore = loadAverage();
	const cluster = await startKafka({heap: '1g'});
	const lines = [
		'| Build | Records | records/s median | Peak RSS MB median (min–max) | CPU µs/record | Runs |',
		'|---|---:|---:|---:|---:|---:|',
	];
	const liveLines: string[] = [];
	try {
		// `--runs 3,1`: runs per size, in the order of `--records` (the last one for the rest).
		const runs = args.runs.split(',').map(Number);
		for (const [index, records] of args.records.split(',').map(Number).entries()) {
			const compression = args.compression as 'lz4' | 'zstd' | undefined;
			const topic = await fill(cluster.bootstrap, `ab-${records}`, records, 6, 200, '200 B', compression);
			const results = await timeAlternating(list, topic, cluster.bootstrap, runs[index] ?? runs.at(-1)!);
			lines.push(...results.map(row));
		}
		const tuis = builds(args.tui);
		if (args.live && tuis.length > 0) {
			liveLines.push(
				'| Build | key p50 | key p99 | frame p50 | frame p99 | keys (missed) | consumed/s | peak RSS |',
				'|---|---:|---:|---:|---:|---:|---:|---:|',
			);
			const samples = new Map<string, LatencyResult[]>(tuis.map(([label]) => [label, []]));
			for (let run = 0; run < Number(args['live-runs']); run++) {
				for (const [label, dir] of tuis) {
					// A topic per run: each starts from the same 50 000 records.
					const topic = await fill(cluster.bootstrap, `ab-live-${label}-${run}`, 50_000, 6, 200, '200 B');
					const result = await liveRun(dir, cluster.bootstrap, topic.topic, 50_000, `${label}-${run}`);
					log(`  live ${label}: ${JSON.stringify(result).slice(0, 400)}`);
					samples.get(label)!.push(result);
				}
			}
			for (const [label, results] of samples) {
				const ok = results.filter((r) => !r.error);
				const med = (pick: (r: LatencyResult) => number) => summarise(ok.map(pick)).median.toFixed(1);
				liveLines.push(
					`| ${label} | ${med((r) => r.keyP50)} | ${med((r) => r.keyP99)} | ${med((r) => r.renderP50)} | ${med((r) => r.renderP99)} | ` +
						`${med((r) => r.keys)} (${med((r) => r.keysMissed)}) | ${med((r) => r.consumedRate)} | ${med((r) => r.peakRssMb)} |`,
				);
			}
		}
	} finally {
		await cluster.stop();
		fs.rmSync(scratchDir, {recursive: true, force: true});
	}
	process.stdout.write(
		`Load average ${loadBefore} before, ${loadAverage()} after.\n\n${lines.join('\n')}\n\n${liveLines.join('\n')}\n`,
	);
}

main().catch((error: unknown) => {
	log(error instanceof Error ? (error.stack ?? error.message) : String(error));
	process.exitCode = 1;
});
