import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What one measured process cost. */
export type ProcessMeasurement = {
	/** Wall time from spawn to exit, seconds (measured by the parent with a monotonic clock). */
	wallSeconds: number;
	/** Peak resident set size of the process, MB (the kernel's maxrss, as GNU time reports it). */
	peakRssMb: number;
	/** User + system CPU time of the process and the children it waited for, seconds. */
	cpuSeconds: number;
	/** Exit code, or null when it was killed by a signal. */
	exitCode: number | null;
	/** True when the bench killed it because it ran past `timeoutMs`. */
	timedOut: boolean;
	/** The last few KB of its stderr, for error messages. */
	stderrTail: string;
};

export type MeasureOptions = {
	command: string;
	args: readonly string[];
	env?: NodeJS.ProcessEnv;
	cwd?: string;
	/** Where its stdout goes; default `/dev/null` (every contender writes to the same sink). */
	stdoutPath?: string;
	/** Kill the process group after this long. */
	timeoutMs: number;
};

/** GNU time, which reads the kernel's rusage of the child after `wait4`: exact peak RSS and CPU. */
export const gnuTime = '/usr/bin/time';

const stderrTailBytes = 4096;

/**
 * Runs a command to completion under GNU time and reports its wall time, peak RSS and CPU.
 * Why GNU time and not polling /proc: `VmHWM` and `/proc/<pid>/stat` vanish the moment the
 * process exits, so a poller always misses the last interval; `wait4`'s rusage does not.
 * The process runs in its own process group so a timeout kills it and anything it spawned.
 */
export async function measureProcess(options: MeasureOptions): Promise<ProcessMeasurement> {
	const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'klog-bench-time-'));
	const reportFile = path.join(reportDir, 'time.txt');
	const stdoutFd = fs.openSync(options.stdoutPath ?? '/dev/null', 'w');
	try {
		const started = process.hrtime.bigint();
		const child = spawn(gnuTime, ['-f', '%M %U %S', '-o', reportFile, options.command, ...options.args], {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', stdoutFd, 'pipe'],
			detached: true,
		});
		let stderrTail = '';
		child.stderr?.setEncoding('utf8');
		child.stderr?.on('data', (chunk: string) => {
			stderrTail = (stderrTail + chunk).slice(-stderrTailBytes);
		});
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child.pid);
		}, options.timeoutMs);
		const exitCode = await new Promise<number | null>((resolve, reject) => {
			child.once('error', reject);
			child.once('close', (code) => resolve(code));
		});
		clearTimeout(timer);
		const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
		// A timeout kills GNU time with the command: then there is no report to read.
		const usage = timedOut ? (readTimeReportIfAny(reportFile) ?? NO_REPORT) : readTimeReport(reportFile);
		return {
			wallSeconds,
			peakRssMb: usage.maxRssKb / 1024,
			cpuSeconds: usage.userSeconds + usage.systemSeconds,
			exitCode: usage.signalled ? null : exitCode,
			timedOut,
			stderrTail,
		};
	} finally {
		fs.closeSync(stdoutFd);
		fs.rmSync(reportDir, {recursive: true, force: true});
	}
}

/** Sends SIGKILL to a process group started with `detached: true`. */
export function killGroup(pid: number | undefined): void {
	if (pid === undefined) return;
	try {
		process.kill(-pid, 'SIGKILL');
	} catch {
		// Already gone.
	}
}

type TimeReport = {maxRssKb: number; userSeconds: number; systemSeconds: number; signalled: boolean};

/**
 * Parses `%M %U %S` from GNU time's report. When the command died of a signal, GNU time writes
 * "Command terminated by signal N" (or "Command exited with non-zero status N") on a line
 * before the numbers, so the numbers are always on the last non-empty line.
 */
function readTimeReport(file: string): TimeReport {
	const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
	const lines = text.split('\n').filter((line) => line.trim() !== '');
	const numbers = (lines.at(-1) ?? '').trim().split(/\s+/).map(Number);
	const [maxRssKb, userSeconds, systemSeconds] = numbers;
	if (numbers.length !== 3 || numbers.some((n) => !Number.isFinite(n))) {
		throw new Error(`could not read GNU time's report: ${JSON.stringify(text)}`);
	}
	return {
		maxRssKb: maxRssKb!,
		userSeconds: userSeconds!,
		systemSeconds: systemSeconds!,
		signalled: lines.some((line) => line.startsWith('Command terminated by signal')),
	};
}

const NO_REPORT: TimeReport = {
	maxRssKb: Number.NaN,
	userSeconds: Number.NaN,
	systemSeconds: Number.NaN,
	signalled: true,
};

function readTimeReportIfAny(file: string): TimeReport | undefined {
	try {
		return readTimeReport(file);
	} catch {
		return undefined;
	}
}

/** Median, min and max of a non-empty list. */
export function summarise(values: readonly number[]): {median: number; min: number; max: number} {
	if (values.length === 0) throw new Error('summarise needs at least one value');
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
	return {median, min: sorted[0]!, max: sorted.at(-1)!};
}

/** The p-th percentile (0-100) of a list, nearest-rank; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
	return sorted[rank - 1]!;
}
