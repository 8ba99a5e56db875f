/**
 * Side by side: the time to the first line (bench/first-line.ts's rows, the same broker with
 * Kafka's production defaults and the same topic) of CLI builds, runs alternating, medians.
 * For changes to how the TUI (or plain `--exit`) starts. A build is a copy of `dist` kept under
 * `bench/out/` so that `node_modules` resolves:
 *
 *   cp -r dist bench/out/base/dist   # before
 *   npx tsx bench/first-line-ab.ts --build base=bench/out/base/dist --build new=dist --runs 9 --rows tui
 *
 * For the TUI it also times its first frame (the header names the topic), so that the time to
 * the records splits into the app's start and the wait for records after it. `--trace DIR`: each
 * run's KLOG_TRACE file (a build that writes one) goes to DIR. Prints a Markdown table; writes
 * nothing else.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {startKafka} from '../tools/kafka/kafka-broker.js';
import {summarise} from '../tools/load/measure.js';
import {repoRoot} from './contenders.js';
import {fillProbeTopic, rowsFor, timeOne} from './first-line.js';
import {log} from './timed-runs.js';

const {values: args} = parseArgs({
	options: {
		build: {type: 'string', multiple: true, default: []},
		runs: {type: 'string', default: '7'},
		/** Which rows: `tui`, `plain` or both (`tui,plain`). */
		rows: {type: 'string', default: 'tui'},
		trace: {type: 'string'},
	},
});

const ROW_INDEX = {plain: 1, tui: 2} as const;
const wanted = args.rows.split(',').map((name) => ROW_INDEX[name as keyof typeof ROW_INDEX]);
const contenders = args.build.flatMap((entry) => {
	const [label, dir] = entry.split('=');
	if (!label || !dir) throw new Error(`expected label=dir, got ${entry}`);
	const rows = rowsFor(path.resolve(repoRoot, dir, 'cli.js'));
	return wanted.map((index) => ({
		label: `${label} ${rows[index]!.label}`,
		row: rows[index]!,
		tui: index === 2,
	}));
});

const cluster = await startKafka({productionDefaults: true});
try {
	const topic = 'first-line';
	await fillProbeTopic(cluster.bootstrap, topic);
	const loadBefore = os.loadavg()[0]!.toFixed(2);
	const samples = contenders.map(() => ({ms: [] as number[], cpu: [] as number[], screen: [] as number[]}));
	const runs = Number(args.runs);
	for (let run = 1; run <= runs; run++) {
		for (const [index, contender] of contenders.entries()) {
			if (args.trace) {
				fs.mkdirSync(args.trace, {recursive: true});
				process.env.KLOG_TRACE = path.join(args.trace, `${index}-${run}.txt`);
				fs.writeFileSync(
					process.env.KLOG_TRACE,
					`${(performance.timeOrigin + performance.now()).toFixed(1)} S spawn\n`,
				);
			}
			// The TUI's first frame: the header names the topic. Records are on screen `ms - screen` after it.
			const started = performance.now();
			let screen = Number.NaN;
			const row = {
				...contender.row,
				seen: (text: string) => {
					if (Number.isNaN(screen) && contender.tui && text.includes(topic))
						screen = performance.now() - started;
					return contender.row.seen(text);
				},
			};
			const {ms, cpuMs} = await timeOne(row, cluster.bootstrap, topic);
			samples[index]!.screen.push(screen);
			if (args.trace)
				fs.appendFileSync(
					process.env.KLOG_TRACE!,
					`${(performance.timeOrigin + performance.now()).toFixed(1)} S seen\n`,
				);
			samples[index]!.ms.push(ms);
			samples[index]!.cpu.push(cpuMs);
			log(
				`${contender.label} #${run}: ${ms.toFixed(0)} ms (${cpuMs.toFixed(0)} CPU ms), first frame ${screen.toFixed(0)} ms`,
			);
		}
	}
	console.log(
		`\nFirst line, ${runs} runs alternating (load ${loadBefore} -> ${os.loadavg()[0]!.toFixed(2)})\n\n` +
			'| Build and row | Median ms | Min ms | Max ms | CPU ms by then (median) | TUI: first frame ms (median) | TUI: records after the first frame ms (median) |\n|---|---:|---:|---:|---:|---:|---:|',
	);
	for (const [index, contender] of contenders.entries()) {
		const {median, min, max} = summarise(samples[index]!.ms);
		const {cpu, screen, ms} = samples[index]!;
		const finite = (values: number[]) => values.filter(Number.isFinite);
		const medianOf = (values: number[]) => (values.length > 0 ? summarise(values).median.toFixed(0) : '–');
		const after = finite(ms.map((value, run) => value - screen[run]!));
		console.log(
			`| ${contender.label} | ${median.toFixed(0)} | ${min.toFixed(0)} | ${max.toFixed(0)} | ${medianOf(finite(cpu))} | ${medianOf(finite(screen))} | ${medianOf(after)} |`,
		);
	}
} finally {
	await cluster.stop();
}
