import {type ProcessMeasurement, summarise} from '../tools/load/measure.js';
import {describeKeyList} from '../tools/terminal/key-list.js';
import type {BenchConfig} from './bench-config.js';
import type {ContenderId} from './contenders.js';
import {type FirstLineReport, firstLineSection} from './first-line.js';

/** What the TUI pipeline reports about an ingest run (its result file). */
export type TuiIngestDetails = {
	framesPerSecond: number;
	renderP50: number;
	renderP99: number;
	memoryMb: {heapUsed: number; heapTotal: number; external: number; rss: number};
};

/** One timed run. */
export type RunSample = ProcessMeasurement & {recordsPerSecond: number; tui?: TuiIngestDetails};

/** Every run of one contender on one topic. */
export type ContenderResult = {
	contender: ContenderId;
	label: string;
	/** e.g. "200 B" or "1 KB". */
	variant: string;
	records: number;
	partitions: number;
	samples: RunSample[];
	/** Set when a run failed (non-zero exit, timeout): the row shows it instead of numbers. */
	error?: string;
};

/** The TUI under a live stream: frame cost and key-to-frame latency. */
export type LatencyResult = {
	columns: number;
	rows: number;
	bufferedRecords: number;
	filter: string;
	/** Keys pressed before the measured phase (panels open meanwhile); absent in older results. */
	setupKeys?: string[];
	targetRate: number;
	/** Records the TUI consumed per second during the measured phase. */
	consumedRate: number;
	/** Records produced per second during the measured phase. */
	producedRate: number;
	seconds: number;
	frames: number;
	renderP50: number;
	renderP99: number;
	keys: number;
	/** Keys whose effect never showed within the wait limit, and which they were. */
	keysMissed: number;
	missedKeys?: string[];
	keyP50: number;
	keyP99: number;
	peakRssMb: number;
	error?: string;
};

export type BenchMeta = {
	date: string;
	cores: number;
	cpuModel: string;
	node: string;
	/** The node flags the TUI rows started with: those the CLI gives the TUI on this node (cli/relaunch.ts). */
	tuiLaunchFlags: string[];
	kafka: string;
	kafkajs: string;
	kcat: string;
	loadBefore: string;
	loadAfter: string;
	totalSeconds: number;
};

export type BenchReport = {
	config: BenchConfig;
	meta: BenchMeta;
	/** The main and 1 KB variants, every contender. */
	throughput: ContenderResult[];
	/** klog-tui at other sizes and partition counts (one run each). */
	scaling: ContenderResult[];
	/** One live-stream phase per set of panels open (bench-config.ts `liveKeySets`). */
	latencies: LatencyResult[];
	/** Time to the first line on a broker with production defaults (issue 10). */
	firstLine?: FirstLineReport;
	/** Facts the run checked (output line counts...) and anything skipped, one line each. */
	notes: string[];
	/** How each contender knows it is done. */
	stopRules: Array<{label: string; stop: string}>;
};

const fmtInt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const fmt1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const fmtRatio = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}x` : '–');

/** Median records/s of a result, NaN when it failed. */
export function medianRate(result: ContenderResult | undefined): number {
	if (!result || result.error || result.samples.length === 0) return Number.NaN;
	return summarise(result.samples.map((s) => s.recordsPerSecond)).median;
}

/** Highest peak RSS over a result's runs, NaN when it failed. */
export function peakRss(result: ContenderResult | undefined): number {
	if (!result || result.error || result.samples.length === 0) return Number.NaN;
	return Math.max(...result.samples.map((s) => s.peakRssMb));
}

function find(results: readonly ContenderResult[], contender: ContenderId, variant: string) {
	return results.find((r) => r.contender === contender && r.variant === variant);
}

export function throughputTable(results: readonly ContenderResult[]): string[] {
	const lines = [
		'| Variant | Contender | Records | Runs | records/s median | min | max | Peak RSS MB | CPU s (median) | CPU µs/record | vs kcat | vs classic |',
		'|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
	];
	for (const result of results) {
		const head = `| ${result.variant} | ${result.label} | ${fmtInt(result.records)} | ${result.samples.length}`;
		if (result.error || result.samples.length === 0) {
			lines.push(`${head} | failed: ${result.error ?? 'no runs'} | | | | | | | |`);
			continue;
		}
		const rate = summarise(result.samples.map((s) => s.recordsPerSecond));
		const cpu = summarise(result.samples.map((s) => s.cpuSeconds)).median;
		const kcat = medianRate(find(results, 'kcat', result.variant));
		const classic = medianRate(find(results, 'classic', result.variant));
		lines.push(
			`${head} | ${fmtInt(rate.median)} | ${fmtInt(rate.min)} | ${fmtInt(rate.max)} | ${fmt1(peakRss(result))} | ` +
				`${fmt1(cpu)} | ${fmt1((cpu * 1e6) / result.records)} | ${fmtRatio(rate.median / kcat)} | ${fmtRatio(rate.median / classic)} |`,
		);
	}
	return lines;
}

function scalingTable(results: readonly ContenderResult[]): string[] {
	const lines = [
		'| Contender | Records | Partitions | Variant | Runs | records/s (median) | Peak RSS MB |',
		'|---|---:|---:|---|---:|---:|---:|',
	];
	for (const result of results) {
		const head = `| ${result.label} | ${fmtInt(result.records)} | ${result.partitions} | ${result.variant} | ${result.samples.length}`;
		if (result.error || result.samples.length === 0)
			lines.push(`${head} | failed: ${result.error ?? 'no runs'} | |`);
		else lines.push(`${head} | ${fmtInt(medianRate(result))} | ${fmt1(peakRss(result))} |`);
	}
	return lines;
}

/** What was open while a phase measured: the keys pressed before it, named. */
function panelsOf(latency: LatencyResult): string {
	const keys = latency.setupKeys ?? [];
	if (keys.length === 0) return 'log view';
	const names: Record<string, string> = {T: 'timeline (T)', L: 'lag panel (L)'};
	return keys.map((key) => names[key] ?? describeKeyList([key])).join(' + ');
}

function latencyTable(latencies: readonly LatencyResult[]): string[] {
	const measured = latencies.filter((latency) => !latency.error);
	if (latencies.length === 0) return ['Not measured (the TUI pipeline is not available).'];
	const first = measured[0];
	const lines: string[] = [];
	if (first)
		lines.push(
			`Virtual terminal ${first.columns}x${first.rows}, ${fmtInt(first.bufferedRecords)} records buffered, ` +
				`text filter \`${first.filter}\` active, ${fmtInt(first.targetRate)} records/s streaming in for ${fmt1(first.seconds)} s; ` +
				'one phase per row, each on its own topic, with the panels named open (the keys pressed before it measured). ' +
				'Keys pressed: `?` twice and `/` then Enter, in turn; with the lag panel open (an overlay that takes the keys), `L` twice.',
			'',
		);
	lines.push(
		'| Open | Frame p50 ms | Frame p99 ms | Frames | Key-to-frame p50 ms | Key-to-frame p99 ms | Keys | Consumed rec/s | Peak RSS MB |',
		'|---|---:|---:|---:|---:|---:|---:|---:|---:|',
	);
	for (const latency of latencies) {
		if (latency.error) {
			lines.push(`| ${panelsOf(latency)} | Failed: ${latency.error} | | | | | | | |`);
			continue;
		}
		const missed = latency.keysMissed
			? ` (${latency.keysMissed} never shown: ${latency.missedKeys?.join(', ')})`
			: '';
		lines.push(
			`| ${panelsOf(latency)} | ${fmt1(latency.renderP50)} | ${fmt1(latency.renderP99)} | ${latency.frames} | ` +
				`${fmt1(latency.keyP50)} | ${fmt1(latency.keyP99)} | ${latency.keys}${missed} | ${fmtInt(latency.consumedRate)} | ${fmt1(latency.peakRssMb)} |`,
		);
	}
	return lines;
}

type Target = {text: string; issue: number; met: boolean | undefined; measured: string; reason: string};

/**
 * Why a target of issue 15 is not met, from the measurements behind it (bench/README.md, "Heap
 * settings" and "Startup memory"); shown only for a target not met.
 */
const NOT_MET_REASONS = {
	rss:
		'the TUI holds about 100 MB before its first record (node 43 MB, Ink with the WebAssembly memory of its ' +
		"yoga layout 35 MB, React 6 MB, the stream worker's isolate 10 MB and its kafkajs 10 MB; " +
		'`bench/startup-memory.ts`), and the 50 000 buffered records and their view about 50 MB of the main heap.',
	flat: 'the heaps of both threads grow in steps (10% past what survived the last full collection) while the buffer turns over.',
	key:
		"a key waits behind the 8 ms slices in which the worker's batches are handled and stored, behind a data " +
		'frame being drawn, and, on a shared 2-core machine, for a core (the broker and the live producer share them).',
	frame:
		'a 200x50 frame lays out and writes 10 000 cells; on a shared machine the frames that waited for a core are the slowest.',
} as const;

/** Issue 15's key and frame targets for one live phase (its panels named); an error is not measured. */
function latencyTargets(
	latency: LatencyResult,
	config: BenchConfig,
): Array<Omit<Target, 'reason'> & {why: keyof typeof NOT_MET_REASONS}> {
	const ok = latency.error ? undefined : latency;
	const open = panelsOf(latency);
	return [
		{
			text: `Key-to-frame p99 under 30 ms at ${fmtInt(config.liveRate)} records/s, ${open}`,
			issue: 15,
			met: ok ? ok.keyP99 < 30 && ok.keysMissed === 0 : undefined,
			measured: ok ? `${fmt1(ok.keyP99)} ms (${fmtRatio(ok.keyP99 / 30)} of budget)` : '–',
			why: 'key',
		},
		{
			text: `Frame render p99 under 8 ms at 200x50, ${fmtInt(config.liveBufferedRecords)} buffered, text filter active, ${open}`,
			issue: 15,
			met: ok ? ok.renderP99 < 8 : undefined,
			measured: ok ? `${fmt1(ok.renderP99)} ms (${fmtRatio(ok.renderP99 / 8)} of budget)` : '–',
			why: 'frame',
		},
	];
}

/** The issue's targets, each stated as met or not with the measured ratio. Never asserted. */
export function evaluateTargets(report: BenchReport): Target[] {
	const main = report.throughput.filter((r) => r.variant === mainVariant);
	const plain = medianRate(find(main, 'plain', mainVariant));
	const classic = medianRate(find(main, 'classic', mainVariant));
	const kcat = medianRate(find(main, 'kcat', mainVariant));
	const tui = medianRate(find(main, 'tui', mainVariant));
	const tuiMain = find(main, 'tui', mainVariant);
	const tuiSmall = report.scaling.find(
		(r) => r.contender === 'tui' && r.records === report.config.scaleSmallRecords,
	);
	const rssLarge = peakRss(tuiMain);
	const rssSmall = peakRss(tuiSmall);
	const check = (value: number, ok: (v: number) => boolean) =>
		Number.isFinite(value) ? ok(value) : undefined;
	const list: Array<Omit<Target, 'reason'> & {why?: keyof typeof NOT_MET_REASONS}> = [
		{
			text: '`--plain --exit` ingest at least 5x the classic consumer',
			issue: 5,
			met: check(plain / classic, (v) => v >= 5),
			measured: fmtRatio(plain / classic),
		},
		{
			text: '`--plain --exit` ingest at least 0.5x kcat',
			issue: 5,
			met: check(plain / kcat, (v) => v >= 0.5),
			measured: fmtRatio(plain / kcat),
		},
		{
			text: 'TUI pipeline ingest at least 0.8x the plain ingest',
			issue: 5,
			met: check(tui / plain, (v) => v >= 0.8),
			measured: fmtRatio(tui / plain),
		},
		{
			text: `TUI peak RSS after ${fmtInt(report.config.mainRecords)} records under 200 MB`,
			issue: 15,
			met: check(rssLarge, (v) => v < 200),
			measured: `${fmt1(rssLarge)} MB`,
			why: 'rss',
		},
		{
			text: `TUI peak RSS flat from ${fmtInt(report.config.scaleSmallRecords)} to ${fmtInt(report.config.mainRecords)} records (within 20%)`,
			issue: 15,
			met: check(rssLarge / rssSmall, (v) => v <= 1.2),
			measured: `${fmt1(rssSmall)} → ${fmt1(rssLarge)} MB (${fmtRatio(rssLarge / rssSmall)})`,
			why: 'flat',
		},
		...report.latencies.flatMap((latency) => latencyTargets(latency, report.config)),
	];
	return list.map(({why, ...target}) => ({
		...target,
		reason: target.met === false && why ? NOT_MET_REASONS[why] : '',
	}));
}

/** What the TUI drew while it ingested (frames are starved when decoding hogs the thread). */
function tuiIngestNotes(results: readonly ContenderResult[]): string[] {
	return results
		.filter((r) => r.contender === 'tui' && !r.error)
		.flatMap((r) => {
			const details = r.samples.map((s) => s.tui).filter((d): d is TuiIngestDetails => d !== undefined);
			const last = details.at(-1);
			if (!last) return [];
			return [
				`- ${r.label} while ingesting ${fmtInt(r.records)} x ${r.variant} (last run): ${fmt1(last.framesPerSecond)} frames/s, ` +
					`frame render p50 ${fmt1(last.renderP50)} ms, p99 ${fmt1(last.renderP99)} ms; at the end heap used ` +
					`${last.memoryMb.heapUsed} MB of ${last.memoryMb.heapTotal} MB, external ${last.memoryMb.external} MB, RSS ${last.memoryMb.rss} MB.`,
			];
		});
}

/** Which node ran the TUI rows and whether the CLI's launch flags applied there (cli/relaunch.ts). */
function tuiLaunchCaption(meta: BenchMeta): string {
	const how =
		meta.tuiLaunchFlags.length > 0
			? `with \`${meta.tuiLaunchFlags.join(' ')}\` on node's command line, as the CLI starts the TUI there (it relaunches node: 22.15+ and 23.11+)`
			: "without the CLI's launch flags, as the CLI starts the TUI there (node cannot relaunch itself: `process.execve` needs 22.15+ or 23.11+; the main thread's young generation is held instead)";
	return (
		`The TUI rows ran on Node ${meta.node} ${how}. ` +
		'The single run after them is the other case (source/tui/heap-tuning.ts, `LAUNCH_V8_FLAGS`), so both are visible.'
	);
}

/** The label of the main variant's rows. */
export const mainVariant = '200 B';

/** The whole report as Markdown (also what the bench prints). */
export function renderReport(report: BenchReport): string {
	const {meta, config} = report;
	const targets = evaluateTargets(report);
	const lines = [
		'# klog-tui benchmark results',
		'',
		`Written by \`npm run bench${config.quick ? ' -- --quick' : ''}\` on ${meta.date}. ` +
			`${config.quick ? '**Quick mode** (development numbers, one run each). ' : ''}` +
			`Machine: ${meta.cores} cores (${meta.cpuModel}), load average ${meta.loadBefore} before and ${meta.loadAfter} after. ` +
			`Node ${meta.node}, Apache Kafka ${meta.kafka} (one local KRaft broker on the same machine), kafkajs ${meta.kafkajs}, ${meta.kcat}. ` +
			`The whole run took ${fmt1(meta.totalSeconds)} s.`,
		'',
		'## Reading the whole topic from the beginning to the end',
		'',
		`Each contender reads every record of a fresh topic (6 partitions; ${mainVariant} and 1 KB JSON log records from 8 services), ` +
			`stdout to /dev/null, ${config.runs} run(s) each, alternating. records/s = records / wall time of the whole process ` +
			'(start-up, group join and shut-down included, as a user would time it). Peak RSS and CPU (user + system) come from GNU time. ' +
			'CPU µs/record is the least noisy column on a shared machine: it does not count time spent waiting for a core.',
		'',
		tuiLaunchCaption(meta),
		'',
		...throughputTable(report.throughput),
		'',
		'## The TUI under a live stream',
		'',
		...latencyTable(report.latencies),
		'',
		'## How cost grows',
		'',
		...scalingTable(report.scaling),
		'',
		'## Targets (issues 5 and 15)',
		'',
		'| Target | Issue | Measured | Met | Why not |',
		'|---|---:|---|---|---|',
		...targets.map(
			(t) =>
				`| ${t.text} | ${t.issue} | ${t.measured} | ${t.met === undefined ? 'not measured' : t.met ? 'met' : 'NOT met'} | ${t.reason} |`,
		),
		'',
		...firstLineSection(report.firstLine),
		'',
		'## Notes',
		'',
		...tuiIngestNotes(report.throughput),
		...report.stopRules.map((rule) => `- ${rule.label}: ${rule.stop}.`),
		...report.notes.map((note) => `- ${note}`),
		'',
	];
	return lines.join('\n');
}
