/**
 * Side by side: plain `--exit` of CLI builds, with stdout a pipe (as `| jq` or `| head -1` reads
 * it), on a broker with the test settings and one with Kafka's production defaults
 * (`group.initial.rebalance.delay.ms` 3000), runs alternating, medians: time to the first line
 * (spawn to the first newline), wall, CPU (GNU time), lines. For changes to how `--exit` reads
 * (issue 15: no consumer group); `bench/pipeline-ab.ts` is the same with stdout /dev/null.
 * A build is a copy of `dist` kept under `bench/out/` so that `node_modules` resolves:
 *
 *   cp -r dist bench/out/base/dist   # before
 *   npx tsx bench/exit-ab.ts --build base=bench/out/base/dist --build new=dist \
 *     --records 500000 --partitions 6 --runs 5 --brokers test,production --args '--output json --from-beginning'
 *
 * Prints Markdown tables; writes nothing.
 */
import os from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {startKafka} from '../tools/kafka/kafka-broker.js';
import {fillTopic} from '../tools/load/fill-topic.js';
import {summarise} from '../tools/load/measure.js';
import {repoRoot} from './contenders.js';
import {spawnTimedCli} from './timed-cli.js';
import {log} from './timed-runs.js';

const {values: args} = parseArgs({
	options: {
		build: {type: 'string', multiple: true, default: []},
		records: {type: 'string', default: '200000'},
		partitions: {type: 'string', default: '6'},
		runs: {type: 'string', default: '5'},
		brokers: {type: 'string', default: 'test,production'},
		args: {type: 'string', default: '--output json --from-beginning'},
	},
});

const builds = args.build.map((entry) => {
	const [label, dir] = entry.split('=');
	if (!label || !dir) throw new Error(`expected label=dir, got ${entry}`);
	return {label, cli: path.resolve(repoRoot, dir, 'cli.js')};
});

type Sample = {firstMs: number; wallSeconds: number; cpuSeconds: number; lines: number; code: number | null};

/** One run: the CLI under GNU time, its stdout read here (a pipe), newlines counted. */
async function timeOne(cli: string, bootstrap: string, topic: string): Promise<Sample> {
	const extra = args.args.split(' ').filter((word) => word.length > 0);
	const started = performance.now();
	const run = spawnTimedCli(cli, ['-b', bootstrap, '-t', topic, '--plain', ...extra, '--exit']);
	const {child} = run;
	let firstMs = Number.NaN;
	let lines = 0;
	child.stdout.on('data', (chunk: Buffer) => {
		if (Number.isNaN(firstMs) && chunk.includes(10)) firstMs = performance.now() - started;
		for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
	});
	const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
	const wallSeconds = (performance.now() - started) / 1000;
	if (code !== 0) log(`exit ${code}: ${run.stderrTail().trim()}`);
	return {firstMs, wallSeconds, cpuSeconds: run.report().cpuSeconds, lines, code};
}

const median = (values: number[]) => summarise(values).median;

const records = Number(args.records);
const partitions = Number(args.partitions);
const runs = Number(args.runs);
for (const kind of args.brokers.split(',')) {
	const cluster = await startKafka({productionDefaults: kind === 'production'});
	try {
		const topic = `exit-ab-${records}`;
		await fillTopic({bootstrap: cluster.bootstrap, topic, partitions, records, recordBytes: 200});
		const samples = builds.map((): Sample[] => []);
		const loadBefore = os.loadavg()[0]!.toFixed(2);
		for (let run = 1; run <= runs; run++) {
			for (const [index, build] of builds.entries()) {
				const sample = await timeOne(build.cli, cluster.bootstrap, topic);
				samples[index]!.push(sample);
				log(
					`${kind} ${build.label} #${run}: first line ${sample.firstMs.toFixed(0)} ms, ` +
						`wall ${sample.wallSeconds.toFixed(2)} s, CPU ${sample.cpuSeconds.toFixed(2)} s, ${sample.lines} lines`,
				);
			}
		}
		console.log(
			`\n${kind} broker, ${records.toLocaleString('en-US')} x 200 B in ${partitions} partitions, ` +
				`\`--plain ${args.args} --exit\`, ${runs} runs alternating (load ${loadBefore} -> ${os.loadavg()[0]!.toFixed(2)})\n`,
		);
		console.log('| Build | First line ms | Wall s | CPU s | CPU µs/record | Lines | Exit codes |');
		console.log('|---|---:|---:|---:|---:|---:|---|');
		for (const [index, build] of builds.entries()) {
			const list = samples[index]!;
			const cpu = median(list.map((sample) => sample.cpuSeconds));
			const distinct = (pick: (sample: Sample) => unknown) => [...new Set(list.map(pick))].join('/');
			console.log(
				`| ${build.label} | ${median(list.map((sample) => sample.firstMs)).toFixed(0)} | ` +
					`${median(list.map((sample) => sample.wallSeconds)).toFixed(2)} | ${cpu.toFixed(2)} | ` +
					`${((cpu * 1e6) / records).toFixed(1)} | ${distinct((sample) => sample.lines)} | ${distinct((sample) => sample.code)} |`,
			);
		}
	} finally {
		await cluster.stop();
	}
}
