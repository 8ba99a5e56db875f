/**
 * Side by side: plain output that follows a topic (no `--exit`: it joins its consumer group)
 * through a pipe, for CLI builds, with a reader faster than klog-tui (`fast`: this process reads
 * as it comes) and readers with a rate limit in lines/s (`NNNNN`: a reader such as `jq` or `lnav`
 * that is slower than us). Runs alternate, medians. A run ends once every record of the filled
 * topic has arrived (the process is then stopped with SIGTERM): wall from spawn to the last
 * record, records/s, CPU and peak RSS (GNU time), and whether a line came twice (offsets are
 * not visible in text lines, so the count is the check: it must be exactly `--records`).
 *
 *   cp -r dist bench/out/base/dist   # before
 *   npx tsx bench/follow-ab.ts --build base=bench/out/base/dist --build new=dist \
 *     --records 500000 --runs 3 --readers fast,60000 --args='--output json --from-beginning'
 *   (--bootstrap B --topic T: a running broker's topic of --records records, bench/dev-broker.ts)
 *
 * Prints Markdown tables; writes nothing.
 */
import fs from 'node:fs';
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
		records: {type: 'string', default: '500000'},
		partitions: {type: 'string', default: '6'},
		runs: {type: 'string', default: '3'},
		readers: {type: 'string', default: 'fast,60000'},
		args: {type: 'string', default: '--from-beginning'},
		production: {type: 'boolean', default: false},
		// A running broker and a topic of --records records (bench/dev-broker.ts) instead of a new one.
		bootstrap: {type: 'string'},
		topic: {type: 'string'},
	},
});

const builds = args.build.map((entry) => {
	const [label, dir] = entry.split('=');
	if (!label || !dir) throw new Error(`expected label=dir, got ${entry}`);
	return {label, cli: path.resolve(repoRoot, dir, 'cli.js')};
});

type Sample = {wallSeconds: number; cpuSeconds: number; rssMb: number; lines: number};

/** The reader: counts lines; with a rate, stops reading (the pipe fills) while ahead of it. */
function readPipe(
	stream: NodeJS.ReadableStream & {pause(): unknown; resume(): unknown},
	rate: number | undefined,
	target: number,
	done: () => void,
) {
	const started = performance.now();
	let lines = 0;
	stream.on('data', (chunk: Buffer) => {
		for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
		if (lines >= target) {
			done();
			return;
		}
		if (rate === undefined) return;
		const aheadMs = (lines / rate) * 1000 - (performance.now() - started);
		if (aheadMs > 1) {
			stream.pause();
			setTimeout(() => stream.resume(), aheadMs);
		}
	});
	return () => lines;
}

async function timeOne(
	cli: string,
	bootstrap: string,
	topic: string,
	rate: number | undefined,
	target: number,
) {
	const extra = args.args.split(' ').filter((word) => word.length > 0);
	const started = performance.now();
	const run = spawnTimedCli(cli, ['-b', bootstrap, '-t', topic, '--plain', ...extra]);
	const {child} = run;
	let wallSeconds = Number.NaN;
	const timeout = setTimeout(() => child.kill('SIGKILL'), 120_000);
	const lines = readPipe(child.stdout, rate, target, () => {
		if (!Number.isNaN(wallSeconds)) return;
		wallSeconds = (performance.now() - started) / 1000;
		// GNU time does not pass SIGTERM on: the CLI itself is told, leaves its group and exits 0.
		for (const pid of childrenOf(child.pid!)) process.kill(pid, 'SIGTERM');
	});
	const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
	clearTimeout(timeout);
	if (code !== 0) log(`exit ${code}: ${run.stderrTail().trim()}`);
	return {wallSeconds, ...run.report(), lines: lines()} satisfies Sample;
}

/** The CLI under GNU time; none once it ended (an `--exit` run may end as its last line arrives). */
function childrenOf(pid: number): number[] {
	try {
		const list = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
		return list === '' ? [] : list.split(' ').map(Number);
	} catch {
		return [];
	}
}

const median = (values: number[]) => summarise(values).median;

const records = Number(args.records);
const partitions = Number(args.partitions);
const runs = Number(args.runs);
const readers = args.readers.split(',').map((reader) => (reader === 'fast' ? undefined : Number(reader)));
const cluster = args.bootstrap ? undefined : await startKafka({productionDefaults: args.production});
const bootstrap = args.bootstrap ?? cluster!.bootstrap;
try {
	const topic = args.topic ?? `follow-ab-${records}`;
	if (cluster) await fillTopic({bootstrap, topic, partitions, records, recordBytes: 200});
	const samples = new Map<string, Sample[]>();
	const loadBefore = os.loadavg()[0]!.toFixed(2);
	for (let run = 1; run <= runs; run++) {
		for (const rate of readers) {
			for (const build of builds) {
				const key = `${rate ?? 'fast'} ${build.label}`;
				const sample = await timeOne(build.cli, bootstrap, topic, rate, records);
				samples.set(key, [...(samples.get(key) ?? []), sample]);
				log(
					`${key} #${run}: wall ${sample.wallSeconds.toFixed(2)} s, ` +
						`${Math.round(records / sample.wallSeconds)} records/s, CPU ${sample.cpuSeconds.toFixed(2)} s, ` +
						`RSS ${sample.rssMb.toFixed(0)} MB, ${sample.lines} lines`,
				);
			}
		}
	}
	console.log(
		`\n${args.bootstrap ? args.bootstrap : args.production ? 'production-defaults' : 'test'} broker, ${records.toLocaleString('en-US')} x 200 B in ` +
			`${partitions} partitions, \`--plain ${args.args}\`${args.args.includes('--exit') ? '' : ' (no --exit)'} through a pipe, ${runs} runs ` +
			`alternating (load ${loadBefore} -> ${os.loadavg()[0]!.toFixed(2)})\n`,
	);
	console.log(
		'| Reader (lines/s) | Build | Wall s | Records/s | Of the reader | CPU s | Peak RSS MB | Lines |',
	);
	console.log('|---|---|---:|---:|---:|---:|---:|---|');
	for (const rate of readers) {
		for (const build of builds) {
			const list = samples.get(`${rate ?? 'fast'} ${build.label}`)!;
			const wall = median(list.map((sample) => sample.wallSeconds));
			const perSecond = records / wall;
			console.log(
				`| ${rate ?? 'fast'} | ${build.label} | ${wall.toFixed(2)} | ${Math.round(perSecond).toLocaleString('en-US')} | ` +
					`${rate ? `${((perSecond / rate) * 100).toFixed(0)} %` : '-'} | ` +
					`${median(list.map((sample) => sample.cpuSeconds)).toFixed(2)} | ` +
					`${median(list.map((sample) => sample.rssMb)).toFixed(0)} | ` +
					`${[...new Set(list.map((sample) => sample.lines))].join('/')} |`,
			);
		}
	}
} finally {
	await cluster?.stop();
}
