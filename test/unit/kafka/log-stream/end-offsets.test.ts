import {describe, expect, it} from 'vitest';
import {whereItems} from '../../../../source/components/header.js';
import {createWindowEnd, windowEnds} from '../../../../source/kafka/log-stream/end-offsets.js';
import type {RawRecord} from '../../../../source/record/log-record.js';
import {formatWindow} from '../../../../source/terminal-text/format-window.js';
import {fitItems} from '../../../../source/view/fit-items.js';

const UNTIL = Date.parse('2026-12-07T10:05:00Z');

function message(offset: number, timestamp: number): RawRecord {
	return {topic: 't', partition: 0, offset, timestamp, key: null, value: null, headers: {}};
}

describe('windowEnds: where each partition stops (kcat -o e@T)', () => {
	it('takes the first offset at or after the time, the whole partition when none is that late', () => {
		const ranges = [
			{partition: 0, low: 0, high: 50},
			{partition: 1, low: 10, high: 20},
			{partition: 2, low: 5, high: 5},
		];
		// Partition 1: no record that late (-1); partition 2: empty.
		const ends = windowEnds(
			ranges,
			new Map([
				[0, 30],
				[1, -1],
				[2, -1],
			]),
		);
		expect([...ends]).toEqual([
			[0, 30],
			[1, 20],
			[2, 5],
		]);
	});

	it('clamps answers outside the partition (records removed meanwhile)', () => {
		const ends = windowEnds([{partition: 0, low: 40, high: 50}], new Map([[0, 12]]));
		expect(ends.get(0)).toBe(40);
	});
});

describe('createWindowEnd: cutting batches at the end', () => {
	it('keeps the offsets below the end and hands a batch wholly inside over as it is', () => {
		const window = createWindowEnd(UNTIL);
		window.set('t', new Map([[0, 3]]));
		const inside = [message(0, UNTIL - 10), message(1, UNTIL - 5)];
		expect(window.cut('t', 0, inside)).toBe(inside);
		const across = [message(2, UNTIL - 1), message(3, UNTIL), message(4, UNTIL + 1)];
		expect(window.cut('t', 0, across).map((kept) => kept.offset)).toEqual([2]);
		expect(window.cut('t', 0, [message(7, UNTIL - 999)])).toEqual([]);
		expect(window.end('t', 0)).toBe(3);
	});

	it('cuts a partition it has no end for (matched or added after start) by record timestamp', () => {
		const window = createWindowEnd(UNTIL);
		const batch = [message(0, UNTIL - 1), message(1, UNTIL + 10), message(2, UNTIL - 2), message(3, UNTIL)];
		expect(window.cut('later', 0, batch).map((kept) => kept.offset)).toEqual([0, 2]);
		expect(window.end('later', 0)).toBeUndefined();
	});

	it('forgets a topic created again: its new offsets are cut by time, not by the old end', () => {
		const window = createWindowEnd(UNTIL);
		window.set('t', new Map([[0, 80]]));
		window.forget('t');
		expect(
			window.cut('t', 0, [message(0, UNTIL + 5), message(1, UNTIL - 5)]).map((kept) => kept.offset),
		).toEqual([1]);
	});
});

describe('formatWindow: the header', () => {
	it('shows since → until, or the beginning when there is no --since, with dates when not today', () => {
		const now = UNTIL + 60_000;
		const since = UNTIL - 300_000;
		expect(formatWindow(since, UNTIL, now)).toMatch(/^\d\d:\d\d:00\.000 → \d\d:\d\d:00\.000$/);
		expect(formatWindow(undefined, UNTIL, now)).toMatch(/^beginning → \d\d:\d\d:00\.000$/);
		expect(formatWindow(since, UNTIL, UNTIL + 3 * 86_400_000)).toMatch(/^2026-12-07 .* → 2026-12-07 /);
	});
});

describe('the TUI header with a window', () => {
	it('says the window after the topic, and keeps it when brokers and group no longer fit', () => {
		const info = {
			topics: ['/^payments-/'],
			brokers: ['kafka-1.example.com:9092'],
			groupId: 'klog-tui-3f9a2c',
			window: {since: Date.now() - 600_000, until: Date.now() - 300_000},
		};
		const row = (width: number) =>
			fitItems(whereItems(info), width, {separator: {text: ' | '}})
				.map((segment) => segment.text)
				.join('');
		const window = formatWindow(info.window.since, info.window.until);
		expect(row(200)).toBe(
			` klog-tui | topic /^payments-/ | window ${window} | brokers kafka-1.example.com:9092 | group klog-tui-3f9a2c`,
		);
		expect(row(80)).toBe(` klog-tui | topic /^payments-/ | window ${window}`);
	});
});
