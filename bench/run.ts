/**
 * `npm run bench`: klog-tui against kcat, the classic Node consumer and a bare kafkajs loop,
 * on a real local broker this script starts (free port, never 9092) and stops. Prints the
 * table and writes bench/RESULTS.md. `--quick`: 100 000 records, one run each (development).
 * See bench/README.md for what each row means.
 */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {tuiLaunchFlagsHere} from '../source/cli/relaunch.js';
import {ensureJars, type KafkaCluster, startKafka} from '../tools/kafka/kafka-broker.js';
import {type LiveProducer, startLiveProducer} from '../tools/load/live-producer.js';
import {measureProcess} from '../tools/load/measure.js';
import {formatKeyList, parseKeyList} from '../tools/terminal/key-list.js';
import {type BenchConfig, benchConfig} from './bench-config.js';
import {ensureBenchTools, kcatVersion} from './bench-tools.js';
import {
	benchBuildDir,
	cliScript,
	contenders,
	otherLaunchContender,
	repoRoot,
	tuiPipelineScript,
} from './contenders.js';
import {measureFirstLines} from './first-line.js';
import {HUNT_FOCUS_TITLE, huntFocusSection} from './hunt-focus.js';
import {mainFocusHunt, measureHuntFocus} from './hunt-focus-run.js';
import {spliceSection} from './markdown-sections.js';
import {PLAIN_FOCUS_TITLE, plainFocusSection} from './plain-focus.js';
import {mainFocusPlain, measurePlainFocus} from './plain-focus-run.js';
import {
	type BenchReport,
	type ContenderResult,
	type LatencyResult,
	mainVariant,
	renderReport,
} from './results-table.js';
import {
	type BenchTopic,
	fill,
	firstLine,
	loadAverage,
	log,
	scratchDir,
	timeAlternating,
	timeoutFor,
} from './timed-runs.js';

const started = performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const config = benchConfig(process.argv.includes('--quick'));
/** The latency phases' setup keys: `--live-keys T,L` runs one phase with them instead of `liveKeySets`. */
const liveKeySets: ReadonlyArray<readonly string[]> = process.argv.includes('--live-keys')
	? [parseKeyList(process.argv[process.argv.indexOf('--live-keys') + 1] ?? '')]
	: config.liveKeySets;
/** `--focus plain`: only issue 15's plain-output rows (plain-focus.ts), written into their section of RESULTS.md. */
const focus = process.argv.includes('--focus')
	? process.argv[process.argv.indexOf('--focus') + 1]
	: undefined;
const focusPlain = focus === 'plain';
/** `--focus hunt`: only the hunt rows (hunt-focus.ts), written into their section of RESULTS.md. */
const focusHunt = focus === 'hunt';
const notes: string[] = [];

/** Compiles the bench's TypeScript (the TUI pipeline and what it imports) to bench/out/build. */
function buildBench(): boolean {
	fs.rmSync(benchBuildDir, {recursive: true, force: true});
	const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
	const result = spawnSync(process.execPath, [tsc, '-p', path.join(repoRoot, 'bench', 'tsconfig.json')], {
		encoding: 'utf8',
	});
	if (result.status !== 0) {
		notes.push(`The TUI pipeline did not compile, so its rows are missing: ${firstLine(result.stdout)}`);
		return false;
	}
	return fs.existsSync(tuiPipelineScript);
}

/** Runs klog-tui --plain once with its output in a file and checks every record came out. */
async function verifyPlainOutput(target: BenchTopic, bootstrap: string): Promise<void> {
	const output = path.join(scratchDir, 'plain-output.jsonl');
	const plain = contenders.find((c) => c.id === 'plain')!;
	const {command, args} = plain.command({
		bootstrap,
		topic: target.topic,
		records: target.records,
		groupId: '',
		resultFile: '',
	});
	const measured = await measureProcess({
		command,
		args,
		cwd: repoRoot,
		stdoutPath: output,
		timeoutMs: timeoutFor(target.records),
	});
	const text = fs.readFileSync(output, 'utf8');
	const lines = text.split('\n').filter((line) => line.length > 0).length;
	fs.rmSync(output, {force: true});
	const verdict = lines === target.records ? 'as expected' : 'MISMATCH';
	notes.push(
		`Check (untimed): \`klog-tui --plain --output json --from-beginning --exit\` on ${target.topic} printed ` +
			`${lines.toLocaleString('en-US')} lines for ${target.records.toLocaleString('en-US')} records, ${verdict} (exit ${measured.exitCode}).`,
	);
}

/** The TUI under a live stream (its own topic, pre-filled to the buffer size). */
async function measureLatency(
	target: BenchTopic,
	bootstrap: string,
	setupKeys: readonly string[],
): Promise<LatencyResult> {
	const resultFile = path.join(scratchDir, `latency-${target.topic}.json`);
	log(
		`TUI latency: ${target.records} buffered, ${config.liveRate}/s for ${config.liveSeconds} s, keys before: ${formatKeyList(setupKeys) || 'none'}`,
	);
	// The pipeline writes `<result>.ready` once its buffer is full and the filter typed; the live
	// stream starts then, from this process, so producing costs the measured process nothing.
	let producer: LiveProducer | undefined;
	let producerStart = 0;
	let measuring = true;
	const startProducerWhenReady = async () => {
		while (measuring && !fs.existsSync(`${resultFile}.ready`)) await sleep(20);
		if (!measuring) return;
		producer = startLiveProducer({
			bootstrap,
			topic: target.topic,
			recordsPerSecond: config.liveRate,
			recordBytes: 200,
		});
		producerStart = performance.now();
	};
	const producerStarted = startProducerWhenReady();
	const measured = await measureProcess({
		command: process.execPath,
		args: [
			...tuiLaunchFlagsHere(),
			tuiPipelineScript,
			'--mode',
			'live',
			'--bootstrap',
			bootstrap,
			'--topic',
			target.topic,
			'--records',
			String(target.records),
			'--rate',
			String(config.liveRate),
			'--seconds',
			String(config.liveSeconds),
			'--group',
			`bench-live-${process.pid}-${target.topic}`,
			'--result-file',
			resultFile,
			'--keys',
			formatKeyList(setupKeys),
		],
		cwd: repoRoot,
		timeoutMs: 120_000 + config.liveSeconds * 1000,
	});
	measuring = false;
	await producerStarted;
	const produced = producer ? await producer.stop() : 0;
	const producedRate = producer ? produced / ((performance.now() - producerStart) / 1000) : 0;
	if (measured.exitCode !== 0 || !fs.existsSync(resultFile)) {
		const why = measured.timedOut ? 'timed out' : `exit ${measured.exitCode}`;
		return {
			setupKeys: [...setupKeys],
			error: `${why}: ${measured.stderrTail.trim().split('\n').slice(-3).join(' ').slice(0, 300)}`,
		} as LatencyResult;
	}
	const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as LatencyResult;
	return {...result, producedRate, peakRssMb: measured.peakRssMb};
}

async function runBench(cluster: KafkaCluster, tuiAvailable: boolean, plainAvailable: boolean) {
	const bootstrap = cluster.bootstrap;
	const available = contenders.filter(
		(c) => (c.id !== 'tui' || tuiAvailable) && (c.id !== 'plain' || plainAvailable),
	);
	const klogRows = available.filter((c) => c.id === 'plain' || c.id === 'tui');

	const main = await fill(cluster.bootstrap, 'bench-main', config.mainRecords, 6, 200, mainVariant);
	const kilobyte = await fill(cluster.bootstrap, 'bench-1kb', config.kilobyteRecords, 6, 1000, '1 KB');
	const small = await fill(cluster.bootstrap, 'bench-small', config.scaleSmallRecords, 6, 200, mainVariant);
	const byPartitions: BenchTopic[] = [];
	for (const partitions of [1, 6, 12]) {
		byPartitions.push(
			await fill(
				cluster.bootstrap,
				`bench-p${partitions}`,
				config.partitionScaleRecords,
				partitions,
				200,
				mainVariant,
			),
		);
	}
	// A topic per latency phase: each phase streams into its own, so the next starts as full, not fuller.
	const liveTopics: BenchTopic[] = [];
	if (tuiAvailable)
		for (const [index] of liveKeySets.entries())
			liveTopics.push(
				await fill(cluster.bootstrap, `bench-live-${index}`, config.liveBufferedRecords, 6, 200, mainVariant),
			);

	const mainRows = await timeAlternating(available, main, bootstrap, config.runs);
	// One run: the TUI on the other side of the relaunch (cli/relaunch.ts), after its rows.
	const otherLaunch = tuiAvailable ? await timeAlternating([otherLaunchContender()], main, bootstrap, 1) : [];
	const throughput = [
		...mainRows,
		...otherLaunch,
		...(await timeAlternating(available, kilobyte, bootstrap, config.runs)),
	];

	const scaling: ContenderResult[] = [];
	for (const target of [small, ...byPartitions]) {
		scaling.push(...(await timeAlternating(klogRows, target, bootstrap, 1)));
	}
	const mainKlogRows = mainRows.filter((r) => r.contender === 'plain' || r.contender === 'tui');
	scaling.splice(klogRows.length, 0, ...mainKlogRows);

	const plainFocus = await measurePlainFocus(cluster, config, {plainAvailable, focused: false});
	const huntFocus = plainAvailable ? await measureHuntFocus(cluster, config, false) : undefined;
	if (plainAvailable) await verifyPlainOutput(small, bootstrap);
	const latencies: LatencyResult[] = [];
	for (const [index, topic] of liveTopics.entries())
		latencies.push(await measureLatency(topic, bootstrap, liveKeySets[index]!));
	return {throughput, scaling, latencies, plainFocus, huntFocus};
}

function readVersion(packageName: string): string {
	const file = path.join(repoRoot, 'node_modules', packageName, 'package.json');
	return (JSON.parse(fs.readFileSync(file, 'utf8')) as {version: string}).version;
}

async function main(): Promise<void> {
	fs.mkdirSync(scratchDir, {recursive: true});
	const loadBefore = loadAverage();
	ensureBenchTools(log);
	const plainAvailable = fs.existsSync(cliScript);
	if (!plainAvailable)
		notes.push('dist/cli.js is missing (run `npm run build`), so the klog-tui --plain rows are missing.');
	const tuiAvailable = buildBench();
	if (!tuiAvailable) log('the TUI pipeline is not available; its rows will be missing');
	await ensureJars({onDownload: log});
	log('starting a Kafka broker on a free port...');
	const cluster = await startKafka({heap: '1g'});
	log(`broker ${cluster.bootstrap} (Kafka ${cluster.version})`);
	let measured: Awaited<ReturnType<typeof runBench>>;
	try {
		measured = await runBench(cluster, tuiAvailable, plainAvailable);
	} finally {
		await cluster.stop();
		fs.rmSync(scratchDir, {recursive: true, force: true});
	}
	// On a broker of its own, with Kafka's production defaults (the rows above keep the fast one).
	const firstLine = plainAvailable ? await measureFirstLines(log) : undefined;
	const report: BenchReport = {
		config,
		meta: {
			date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
			cores: os.cpus().length,
			cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
			node: process.versions.node,
			tuiLaunchFlags: [...tuiLaunchFlagsHere()],
			kafka: cluster.version,
			kafkajs: readVersion('kafkajs'),
			kcat: kcatVersion(),
			loadBefore,
			loadAfter: loadAverage(),
			totalSeconds: (performance.now() - started) / 1000,
		},
		throughput: measured.throughput,
		scaling: measured.scaling,
		latencies: measured.latencies,
		...(firstLine ? {firstLine} : {}),
		notes: [...notes, ...sizeNotes(config)],
		stopRules: contenders.map((c) => ({label: c.label, stop: c.stop})),
	};
	const markdown = spliceSection(
		spliceSection(renderReport(report), PLAIN_FOCUS_TITLE, plainFocusSection(measured.plainFocus)),
		HUNT_FOCUS_TITLE,
		huntFocusSection(measured.huntFocus),
	);
	fs.writeFileSync(path.join(repoRoot, 'bench', 'RESULTS.md'), markdown);
	process.stdout.write(`${markdown}\n`);
	log(`wrote bench/RESULTS.md (${report.meta.totalSeconds.toFixed(0)} s in all)`);
}

/** Why the sizes are what they are, for the notes. */
function sizeNotes(c: BenchConfig): string[] {
	return [
		`Sizes: main variant ${c.mainRecords.toLocaleString('en-US')} records x ${c.runs} runs; ` +
			`1 KB variant ${c.kilobyteRecords.toLocaleString('en-US')} records (not 1 000 000: 1 GB to fill and read ` +
			`${c.runs * contenders.length} times would not fit the 10-minute budget on 2 cores); scaling rows one run each, ` +
			`${c.scaleSmallRecords.toLocaleString('en-US')} and ${c.mainRecords.toLocaleString('en-US')} records, and ` +
			`${c.partitionScaleRecords.toLocaleString('en-US')} records at 1, 6 and 12 partitions.`,
		'The broker, the contender and (in the latency phase) the producer share the same cores, and other work on the ' +
			'machine adds noise: compare rows of the same run, not runs of different days.',
	];
}

(focusPlain ? mainFocusPlain(config) : focusHunt ? mainFocusHunt(config) : main()).catch((error: unknown) => {
	log(error instanceof Error ? (error.stack ?? error.message) : String(error));
	process.exitCode = 1;
});
