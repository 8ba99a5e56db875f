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
		// One sample: no rate yet, so no ETA.
		const line = 'scanned 400 of 1,000 (40%), 0/s, 1 match';
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

	it('says nothing about the ETA until a rate is measured and the total known, then tells it', () => {
		const {events, sink} = terminal();
		let now = 0;
		const report = createHuntReport(sink, () => now);
		// Nothing scanned, no partition table yet.
		now = 1000;
		vi.advanceTimersByTime(1000);
		// Scanned before the partition table came: the total is not known.
		report.scanned(scanned(400, 1));
		now = 2000;
		vi.advanceTimersByTime(1000);
		// A second sample (a rate) and the watermark (a total): 600 left at 200/s.
		report.partitions([
			{topic: 'logs', partition: 0, offset: -1, highWatermark: 1400, lag: 1000, rate: 0, assigned: true},
		]);
		report.scanned(scanned(800, 1));
		now = 3000;
		vi.advanceTimersByTime(1000);
		report.stop();
		expect(events).toEqual([
			'progress: scanned 0 of 0 (0%), 0/s, 0 matches',
			'progress: scanned 400 of 400 (100%), 0/s, 1 match',
			'progress: scanned 800 of 1,400 (57%), 200/s, ETA 3s, 1 match',
		]);
	});
});
