/**
 * Time to the first line (issue 10): on a broker with Kafka's production defaults
 * (`group.initial.rebalance.delay.ms` 3000, where a new consumer group waits 3 s for its
 * partitions), from spawn to the first record on the user's screen:
 *
 * - `kcat -C -o -10 -e` (reference) and `klog-tui --tail 10 --plain --exit`: to the first
 *   newline on their stdout (a pipe, as `| head -1` reads it);
 * - the TUI (`klog-tui --tail 10`, the built CLI in a 120x40 pseudo-terminal from script(1)):
 *   to the first byte of a record's text in what it draws. It then quits with `q`.
 *
 * `npm run bench` runs this after the throughput rows, on a broker of its own. Alone,
 * `npx tsx bench/first-line.ts` measures only this and replaces its section in bench/RESULTS.md.
 */
import {type ChildProcess, spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {ensureJars, startKafka} from '../tools/kafka/kafka-broker.js';
import {createTopic} from '../tools/load/fill-topic.js';
import {summarise} from '../tools/load/measure.js';
import {cliScript, repoRoot} from './contenders.js';
import {spliceSection} from './markdown-sections.js';

/** Runs per row (alternating), medians reported. */
const RUNS = 7;
/** Records in the topic; every one's message starts with this word, which nothing else on the screen shows. */
const RECORDS = 3000;
const MARKER = 'probe';
/** A run that shows nothing within this long counts as failed. */
const RUN_TIMEOUT_MS = 20_000;

/** The rows, and the machine's load average (1 min) before and after them. */
export type FirstLineReport = {rows: FirstLineResult[]; loadBefore: number; loadAfter: number};

export type FirstLineResult = {
	label: string;
	command: string;
	samplesMs: number[];
	/** CPU time (user + system, all threads) the process had used when its first line showed. */
	cpuMs: number[];
	error?: string;
};

export type Row = {
	label: string;
	command: string;
	start(bootstrap: string, topic: string): ChildProcess;
	seen(text: string): boolean;
	/** The process is script(1); the measured one is its child. */
	viaScript?: boolean;
};

/** The rows, each running the CLI at `cli` (bench/first-line-ab.ts compares builds). */
export function rowsFor(cli: string): readonly Row[] {
	return [
		{
			label: 'kcat -C -o -10 -e (reference)',
			command: 'kcat -C -b <broker> -t <topic> -o -10 -e -q',
			start: (bootstrap, topic) =>
				spawn('kcat', ['-C', '-b', bootstrap, '-t', topic, '-o', '-10', '-e', '-q'], {
					stdio: ['ignore', 'pipe', 'pipe'],
				}),
			seen: (text) => text.includes('\n'),
		},
		{
			label: 'klog-tui --tail 10 --plain --exit',
			command: 'node dist/cli.js -b <broker> -t <topic> --tail 10 --plain --exit',
			start: (bootstrap, topic) =>
				spawn(process.execPath, [cli, '-b', bootstrap, '-t', topic, '--tail', '10', '--plain', '--exit'], {
					stdio: ['ignore', 'pipe', 'pipe'],
				}),
			seen: (text) => text.includes('\n'),
		},
		{
			label: 'klog-tui --tail 10 (TUI, records on screen)',
			command:
				'script -qfec "stty cols 120 rows 40; exec node dist/cli.js -b <broker> -t <topic> --tail 10" /dev/null',
			start: (bootstrap, topic) => {
				const line = [process.execPath, cli, '-b', bootstrap, '-t', topic, '--tail', '10'].join(' ');
				return spawn('script', ['-qfec', `stty cols 120 rows 40; exec ${line}`, '/dev/null'], {
					stdio: ['pipe', 'pipe', 'pipe'],
					env: {...process.env, TERM: 'xterm-256color'},
				});
			},
			seen: (text) => text.includes(MARKER),
			viaScript: true,
		},
	];
}

const rows = rowsFor(cliScript);

/** Clock ticks per second of /proc's CPU times (getconf CLK_TCK; 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU ms used so far by `pid` (all its threads), or by its one child when `child` (script runs the CLI). */
function cpuMsOf(pid: number, child: boolean): number {
	try {
		let target = pid;
		if (child) {
			const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
			target = Number(children[0]);
		}
		// Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
		const stat = fs.readFileSync(`/proc/${target}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
	} catch {
		return Number.NaN;
	}
}

/** One run: ms from spawn until `row.seen` holds for its stdout (and the CPU used by then); then it is ended and awaited. */
export async function timeOne(
	row: Row,
	bootstrap: string,
	topic: string,
): Promise<{ms: number; cpuMs: number}> {
	const started = performance.now();
	const child = row.start(bootstrap, topic);
	const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
	let text = '';
	let stderr = '';
	child.stderr?.on('data', (chunk: Buffer) => {
		stderr = (stderr + chunk.toString()).slice(-500);
	});
	let cpuMs = Number.NaN;
	const shown = await new Promise<number | undefined>((resolve) => {
		const timer = setTimeout(() => resolve(undefined), RUN_TIMEOUT_MS);
		child.stdout!.on('data', (chunk: Buffer) => {
			text += chunk.toString('latin1');
			if (row.seen(text)) {
				clearTimeout(timer);
				const ms = performance.now() - started;
				cpuMs = cpuMsOf(child.pid!, row.viaScript === true);
				resolve(ms);
			}
		});
		child.once('close', () => {
			clearTimeout(timer);
			resolve(undefined);
		});
	});
	// The TUI quits as a user does (q: it leaves and deletes its group); the others end by themselves.
	child.stdin?.write('q');
	const ended = await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]);
	if (!ended) child.kill('SIGKILL');
	if (shown === undefined) throw new Error(`nothing shown: ${stderr.trim().split('\n').at(-1) ?? ''}`);
	return {ms: shown, cpuMs};
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fill `topic` with `RECORDS` JSON log lines through kcat. */
export async function fillProbeTopic(bootstrap: string, topic: string): Promise<void> {
	await createTopic(bootstrap, topic, 3);
	const lines = Array.from(
		{length: RECORDS},
		(_, index) => `{"level":"info","service":"api","message":"${MARKER} ${index}"}`,
	).join('\n');
	const child = spawn('kcat', ['-P', '-b', bootstrap, '-t', topic], {stdio: ['pipe', 'ignore', 'inherit']});
	child.stdin.end(`${lines}\n`);
	await new Promise((resolve) => child.once('close', resolve));
}

/** Start a production-defaults broker, fill a topic, time every row `RUNS` times (alternating), stop. */
export async function measureFirstLines(log: (line: string) => void): Promise<FirstLineReport> {
	log('time to first line: starting a broker with production defaults...');
	const cluster = await startKafka({productionDefaults: true});
	try {
		const loadBefore = os.loadavg()[0]!;
		const topic = 'first-line';
		await fillProbeTopic(cluster.bootstrap, topic);
		const results: FirstLineResult[] = rows.map((row) => ({
			label: row.label,
			command: row.command,
			samplesMs: [],
			cpuMs: [],
		}));
		for (let run = 1; run <= RUNS; run++) {
			for (const [index, row] of rows.entries()) {
				const result = results[index]!;
				if (result.error) continue;
				try {
					const {ms, cpuMs} = await timeOne(row, cluster.bootstrap, topic);
					result.samplesMs.push(ms);
					result.cpuMs.push(cpuMs);
					log(`  first line, ${row.label}: ${ms.toFixed(0)} ms (${cpuMs.toFixed(0)} CPU ms)`);
				} catch (error) {
					result.error = (error as Error).message.slice(0, 200);
				}
			}
		}
		return {rows: results, loadBefore, loadAfter: os.loadavg()[0]!};
	} finally {
		await cluster.stop();
	}
}

const fmt = (ms: number) => (Number.isFinite(ms) ? `${Math.round(ms)}` : '–');

/** The report's section (its `##` title starts with "Time to the first line"). */
export function firstLineSection(report: FirstLineReport | undefined): string[] {
	const title = '## Time to the first line (broker with production defaults)';
	if (!report) return [title, '', 'Not measured.'];
	const results = report.rows;
	const kcat = summarise(results[0]?.samplesMs ?? []).median;
	return [
		title,
		'',
		"One local broker with `group.initial.rebalance.delay.ms=3000` (Kafka's default; a new consumer group waits that " +
			`long for its partitions), a 3-partition topic of ${RECORDS.toLocaleString('en-US')} JSON records. Wall time from ` +
			'spawn to the first record line on stdout (a pipe), or for the TUI to the first record text it draws in a 120x40 ' +
			`pseudo-terminal; ${RUNS} runs each, alternating. CPU ms is what the process (all its threads) had used by ` +
			'then, from /proc: on a busy machine the wall time grows with the wait for a core, the CPU time does not. ' +
			`Load average ${report.loadBefore.toFixed(2)} before and ${report.loadAfter.toFixed(2)} after these runs. ` +
			'Target (issue 10): under 1 000 ms median for klog-tui.',
		'',
		'| Row | Median ms | Min ms | Max ms | vs kcat | CPU ms by then (median) | Target met |',
		'|---|---:|---:|---:|---:|---:|---|',
		...results.map((result, index) => {
			if (result.error) return `| ${result.label} | failed: ${result.error} | | | | | |`;
			const {median, min, max} = summarise(result.samplesMs);
			const met = index === 0 ? '' : median < 1000 ? 'met' : 'NOT met';
			const cpus = result.cpuMs.filter(Number.isFinite);
			const cpu = cpus.length > 0 ? summarise(cpus).median : Number.NaN;
			return `| ${result.label} | ${fmt(median)} | ${fmt(min)} | ${fmt(max)} | ${(median / kcat).toFixed(2)}x | ${fmt(cpu)} | ${met} |`;
		}),
		'',
		...results.map((result) => `- ${result.label}: \`${result.command}\``),
	];
}

/** Replace (or add before "## Notes") the first-line section of a RESULTS.md text. */
export function spliceFirstLineSection(markdown: string, section: readonly string[]): string {
	return spliceSection(markdown, '## Time to the first line', section);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
	const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
	await ensureJars({onDownload: log});
	const section = firstLineSection(await measureFirstLines(log));
	const file = path.join(repoRoot, 'bench', 'RESULTS.md');
	fs.writeFileSync(file, spliceFirstLineSection(fs.readFileSync(file, 'utf8'), section));
	process.stdout.write(`${section.join('\n')}\n`);
}
