/**
 * Plain `--grep`'s progress line on a terminal shared with the records: a record is written
 * with the line cleared first and drawn again after, never after the line's text, and the
 * summary comes after the last record.
 */
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {besideProgress, createHuntReport} from '../../../source/plain/hunt-report.js';
import type {OutputStream} from '../../../source/plain/line-writer.js';

/** One terminal: progress sink calls and stdout writes in the order they happen. */
function terminal() {
	const events: string[] = [];
	const sink = (line: string | undefined) => {
		events.push(
			line === undefined ? 'progress: newline' : line === '' ? 'progress: clear' : `progress: ${line}`,
		);
	};
	const stdout: OutputStream = {
		write(chunk, callback) {
			events.push(`stdout: ${chunk.toString().trimEnd()}`);
			callback?.();
			return true;
		},
		once: () => undefined,
		on: () => undefined,
		writableLength: 0,
	};
	return {events, sink, stdout};
}

const scanned = (nextOffset: number, matches: number) => [
	{topic: 'logs', partition: 0, firstOffset: 0, nextOffset, records: nextOffset, matches},
];

describe('the hunt report beside the records', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('clears the progress line before a record and draws it again after', () => {
		const {events, sink, stdout} = terminal();
		let now = 0;
		const report = createHuntReport(sink, () => now);
		const output = besideProgress(stdout, report);
		report.partitions([
			{topic: 'logs', partition: 0, offset: -1, highWatermark: 1000, lag: 1000, rate: 0, assigned: true},
		]);
		// Nothing shown yet: a record goes out as it is.
		output.write('first match\n');
		report.scanned(scanned(400, 1));
		now = 1000;
		vi.advanceTimersByTime(1000);
		output.write('second match\n');
		report.stop();
		output.write('held match\n');
		now = 5000;
		report.end();
		const line = 'scanned 400 of 1,000 (40%), 0/s, ETA ?, 1 match';
		expect(events).toEqual([
			'stdout: first match',
			`progress: ${line}`,
			'progress: clear',
			'stdout: second match',
			`progress: ${line}`,
			'progress: clear',
			'stdout: held match',
			`progress: ${line}`,
			// The summary's time is when the scan stopped, not when it was printed.
			'progress: scanned 400 records in 1.0s (400/s), 1 match',
			'progress: newline',
		]);
		// After the end, writes go straight out.
		output.write('late\n');
		expect(events.at(-1)).toBe('stdout: late');
	});
});
