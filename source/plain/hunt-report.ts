/**
 * Plain output's progress for a filtered run (`--grep`, filtered in the stream worker): one
 * line on stderr, rewritten in place about once a second, and a last line that stays
 * ("scanned … in 12s, 3 matches"). Only when stderr is a terminal (the CLI decides: `progress`
 * is given then): a pipe or a log file gets nothing it did not get before.
 */
import type {ScannedPartition} from '../stream/hunt-progress.js';
import {createHuntProgress, huntProgressLine, huntSummaryLine} from '../stream/hunt-progress.js';
import type {PartitionStatus} from '../stream/stream-status.js';

/** Where the line goes: a string replaces the shown line, undefined ends it (a newline). */
export type ProgressSink = (line: string | undefined) => void;

const EVERY_MS = 1000;

export function createHuntReport(
	sink: ProgressSink,
	now: () => number = Date.now,
): {
	scanned(partitions: ScannedPartition[]): void;
	partitions(partitions: readonly PartitionStatus[]): void;
	/** The last line (it stays), and no more updates. */
	end(): void;
} {
	const progress = createHuntProgress();
	const started = now();
	const show = () => sink(huntProgressLine(progress.snapshot(now())));
	const timer = setInterval(show, EVERY_MS);
	timer.unref();
	return {
		scanned: (partitions) => progress.scanned(partitions, now()),
		partitions: (partitions) => progress.watermarks(partitions),
		end() {
			clearInterval(timer);
			sink(huntSummaryLine(progress.snapshot(now()), now() - started));
			sink(undefined);
		},
	};
}
