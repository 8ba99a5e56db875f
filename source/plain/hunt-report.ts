/**
 * Plain output's progress for a filtered run (`--grep`, filtered in the stream worker): one
 * line on stderr, rewritten in place about once a second, and a last line that stays
 * ("scanned … in 12s, 3 matches"). Only when stderr is a terminal (the CLI decides: `progress`
 * is given then): a pipe or a log file gets nothing it did not get before.
 */
import type {ScannedPartition} from '../stream/hunt-progress.js';
import {createHuntProgress, huntProgressLine, huntSummaryLine} from '../stream/hunt-progress.js';
import type {PartitionStatus} from '../stream/stream-status.js';
import type {OutputStream} from './line-writer.js';

/**
 * Where the line goes: a string replaces the shown line ('' clears it), undefined ends it
 * (a newline).
 */
export type ProgressSink = (line: string | undefined) => void;

const EVERY_MS = 1000;

export type HuntReport = ReturnType<typeof createHuntReport>;

export function createHuntReport(
	sink: ProgressSink,
	now: () => number = Date.now,
): {
	scanned(partitions: ScannedPartition[]): void;
	partitions(partitions: readonly PartitionStatus[]): void;
	/**
	 * Run `write` (output to the same terminal: records on stdout, a line on stderr) with the
	 * progress line out of its way: cleared before, drawn again after. Else a record would
	 * start at the end of the progress line's text.
	 */
	aside(write: () => void): void;
	/** The scan is over: no more updates; the summary's time is taken now. */
	stop(): void;
	/** The last line (it stays), after the last records. */
	end(): void;
} {
	const progress = createHuntProgress();
	const started = now();
	let stoppedAt: number | undefined;
	/** The line on screen now, if any. */
	let shown: string | undefined;
	const timer = setInterval(() => {
		shown = huntProgressLine(progress.snapshot(now()));
		sink(shown);
	}, EVERY_MS);
	timer.unref();
	return {
		scanned: (partitions) => progress.scanned(partitions, now()),
		partitions: (partitions) => progress.watermarks(partitions),
		aside(write) {
			const line = shown;
			if (line !== undefined) sink('');
			write();
			if (line !== undefined) sink(line);
		},
		stop() {
			clearInterval(timer);
			stoppedAt ??= now();
		},
		end() {
			clearInterval(timer);
			const at = stoppedAt ?? now();
			shown = undefined;
			sink(huntSummaryLine(progress.snapshot(at), at - started));
			sink(undefined);
		},
	};
}

/** `output` with each write made aside the report's progress line (see `aside`). */
export function besideProgress(output: OutputStream, report: Pick<HuntReport, 'aside'>): OutputStream {
	return {
		write(chunk, callback) {
			let ok = true;
			report.aside(() => {
				ok = output.write(chunk, callback);
			});
			return ok;
		},
		once: (event, listener) => output.once(event, listener),
		on: (event, listener) => output.on(event, listener),
		get writableLength() {
			return output.writableLength;
		},
	};
}
