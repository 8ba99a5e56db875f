/**
 * Timed runs of the bench's contenders: one run under GNU time (`timeRun`), rounds that
 * alternate the contenders over one topic (`timeAlternating`), and filling a topic (`fill`).
 * Shared by the full run (run.ts) and `--focus plain` (plain-focus-run.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fillTopic} from '../tools/load/fill-topic.js';
import {measureProcess} from '../tools/load/measure.js';
import {type Contender, repoRoot} from './contenders.js';
import type {ContenderResult, TuiIngestDetails} from './results-table.js';

export const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/** Per-run files (the TUI pipeline's result files); removed at the end. */
export const scratchDir = path.join(repoRoot, 'bench', 'out', `run-${process.pid}`);

/** A topic the bench filled: name, size, shape, and the producer's codec when it compressed. */
export type BenchTopic = {
	topic: string;
	records: number;
	partitions: number;
	variant: string;
	compression?: 'lz4' | 'zstd';
	/** A trace id one of its records holds (the hunt rows look for it). */
	needle?: string;
};

export function firstLine(text: string): string {
	return text.trim().split('\n')[0] ?? '';
}

/** Generous: the slowest contender at a few thousand records/s on a busy machine, plus start-up. */
export function timeoutFor(records: number): number {
	return 30_000 + (records / 5_000) * 1000;
}

function readTuiDetails(file: string): TuiIngestDetails | undefined {
	if (!fs.existsSync(file)) return undefined;
	return JSON.parse(fs.readFileSync(file, 'utf8')) as TuiIngestDetails;
}

let runCounter = 0;

/** One timed run of one contender over a whole topic. */
async function timeRun(
	contender: Contender,
	target: BenchTopic,
	bootstrap: string,
	result: ContenderResult,
): Promise<void> {
	runCounter += 1;
	const groupId = `bench-${contender.id}-${target.topic}-${runCounter}-${process.pid}`;
	const resultFile = path.join(scratchDir, `${groupId}.json`);
	const {command, args} = contender.command({
		bootstrap,
		topic: target.topic,
		records: target.records,
		groupId,
		resultFile,
		...(target.compression ? {compression: target.compression} : {}),
		...(target.needle ? {needle: target.needle} : {}),
	});
	const measured = await measureProcess({
		command,
		args,
		cwd: repoRoot,
		timeoutMs: timeoutFor(target.records),
	});
	if (measured.exitCode !== 0 || measured.timedOut) {
		const why = measured.timedOut ? 'timed out' : `exit ${measured.exitCode}`;
		result.error = `${why}: ${firstLine(measured.stderrTail.split('\n').slice(-3).join(' ')).slice(0, 200)}`;
		log(`  ${contender.id} on ${target.topic}: ${result.error}`);
		return;
	}
	const recordsPerSecond = target.records / measured.wallSeconds;
	const tui = contender.id === 'tui' ? readTuiDetails(resultFile) : undefined;
	result.samples.push({...measured, recordsPerSecond, ...(tui ? {tui} : {})});
	log(
		`  ${contender.id.padEnd(7)} ${target.topic}: ${Math.round(recordsPerSecond).toLocaleString('en-US')} records/s, ` +
			`${measured.wallSeconds.toFixed(1)} s, ${measured.peakRssMb.toFixed(0)} MB, ${measured.cpuSeconds.toFixed(1)} CPU s`,
	);
}

/** Every contender on one topic, `runs` rounds, alternating contenders within each round. */
export async function timeAlternating(
	list: readonly Contender[],
	target: BenchTopic,
	bootstrap: string,
	runs: number,
): Promise<ContenderResult[]> {
	const results = list.map(
		(contender): ContenderResult => ({
			contender: contender.id,
			label: contender.label,
			variant: target.variant,
			records: target.records,
			partitions: target.partitions,
			samples: [],
		}),
	);
	for (let run = 1; run <= runs; run++) {
		log(`${target.topic} (${target.records} x ${target.variant}), round ${run}/${runs}`);
		for (const [index, contender] of list.entries()) {
			const result = results[index]!;
			if (result.error) continue;
			await timeRun(contender, target, bootstrap, result);
		}
	}
	return results;
}

/** Creates and fills a topic for the timed runs. */
export async function fill(
	bootstrap: string,
	topic: string,
	records: number,
	partitions: number,
	recordBytes: number,
	variant: string,
	compression?: 'lz4' | 'zstd',
): Promise<BenchTopic> {
	const filled = await fillTopic({
		bootstrap,
		topic,
		partitions,
		records,
		recordBytes,
		...(compression ? {compression} : {}),
	});
	log(
		`filled ${topic}: ${records} records of ~${recordBytes} B in ${partitions} partitions` +
			`${compression ? ` (${compression})` : ''}, ${filled.seconds.toFixed(1)} s`,
	);
	return {topic, records, partitions, variant, ...(compression ? {compression} : {})};
}

export function loadAverage(): string {
	return os
		.loadavg()
		.map((n) => n.toFixed(2))
		.join(' / ');
}
