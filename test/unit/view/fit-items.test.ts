import {describe, expect, it} from 'vitest';
import {whereItems} from '../../../source/components/header.js';
import type {Segment} from '../../../source/terminal-text/segments.js';
import {fitItems, type LineItem} from '../../../source/view/fit-items.js';

const text = (segments: readonly Segment[]) => segments.map((segment) => segment.text).join('');
const item = (forms: string[], priority: number, extra: Partial<LineItem> = {}): LineItem => ({
	forms: forms.map((form) => [{text: form}]),
	priority,
	...extra,
});
const SEPARATOR = {separator: {text: ' | '}};

describe('fitItems', () => {
	const items = [item(['alpha'], 3), item(['bravo'], 1), item(['charlie'], 2)];

	it('keeps every item when the row is wide enough, in order', () => {
		expect(text(fitItems(items, 80, SEPARATOR))).toBe('alpha | bravo | charlie');
	});

	it('drops whole items, the least important first, never cutting one', () => {
		expect(text(fitItems(items, 22, SEPARATOR))).toBe('alpha | charlie');
		expect(text(fitItems(items, 12, SEPARATOR))).toBe('alpha');
		expect(text(fitItems(items, 4, SEPARATOR))).toBe('');
	});

	it('keeps a less important item that fits where a more important one does not', () => {
		const wide = [item(['a'], 3), item(['a-very-long-item'], 2), item(['b'], 1)];
		expect(text(fitItems(wide, 10, SEPARATOR))).toBe('a | b');
	});

	it('takes the shorter forms first, then grows the items round by round', () => {
		const rates = [
			item(['rate ▁▁▁▁▁▁', 'rate ▁▁▁', 'rate'], 3),
			item(['errs ▁▁▁▁▁▁', 'errs ▁▁▁', 'errs'], 2),
			item(['total'], 1),
		];
		expect(text(fitItems(rates, 100, SEPARATOR))).toBe('rate ▁▁▁▁▁▁ | errs ▁▁▁▁▁▁ | total');
		// Room for both at their middle form rather than one at its longest.
		expect(text(fitItems(rates, 28, SEPARATOR))).toBe('rate ▁▁▁ | errs ▁▁▁ | total');
		expect(text(fitItems(rates, 20, SEPARATOR))).toBe('rate | errs | total');
	});

	it('glues an item to the one before it, and cuts an item that must show after a whole word', () => {
		const state = [
			item(['● reconnecting'], 3),
			item([': broker refused the connection'], 2, {glue: true, cut: true}),
		];
		expect(text(fitItems(state, 80, SEPARATOR))).toBe('● reconnecting: broker refused the connection');
		expect(text(fitItems(state, 30, SEPARATOR))).toBe('● reconnecting: broker …');
	});
});

describe('the header row of where we read from', () => {
	const info = {
		topics: ['orders-logs', 'payments-logs', 'audit-logs'],
		brokers: ['kafka-1.example.com:9092', 'kafka-2.example.com:9092'],
		groupId: 'klog-tui-3f9a2c',
		user: 'alice',
	};

	it('shows everything when there is room', () => {
		expect(text(fitItems(whereItems(info), 200, SEPARATOR))).toBe(
			' klog-tui | topics orders-logs,payments-logs,audit-logs | brokers kafka-1.example.com:9092,kafka-2.example.com:9092 | group klog-tui-3f9a2c | user alice',
		);
	});

	it('shortens lists to their first name, then drops the group, the brokers and the user', () => {
		expect(text(fitItems(whereItems(info), 140, SEPARATOR))).toBe(
			' klog-tui | topics orders-logs,payments-logs,audit-logs | brokers kafka-1.example.com:9092 +1 | group klog-tui-3f9a2c | user alice',
		);
		expect(text(fitItems(whereItems(info), 100, SEPARATOR))).toBe(
			' klog-tui | topics orders-logs +2 | brokers kafka-1.example.com:9092 +1 | user alice',
		);
		expect(text(fitItems(whereItems(info), 60, SEPARATOR))).toBe(
			' klog-tui | topics orders-logs +2 | user alice',
		);
		expect(text(fitItems(whereItems(info), 40, SEPARATOR))).toBe(' klog-tui | topics orders-logs +2');
	});

	it('cuts a topic name longer than the row rather than leave it out', () => {
		const long = {...info, topics: ['a-topic-name-that-is-far-too-long-for-any-terminal']};
		expect(text(fitItems(whereItems(long), 40, SEPARATOR))).toBe(' klog-tui | topic a-topic-name-that-is-…');
	});
});
