import {describe, expect, it} from 'vitest';
import {formatTime, INVALID_TIME} from '../../../source/terminal-text/format-time.js';

describe('formatTime', () => {
	const at = Date.UTC(2024, 4, 1, 9, 5, 7, 42);

	it('formats UTC and ISO', () => {
		expect(formatTime(at, 'utc')).toBe('09:05:07.042');
		expect(formatTime(at, 'iso')).toBe('2024-05-01T09:05:07.042Z');
		expect(formatTime(0, 'utc')).toBe('00:00:00.000');
		expect(formatTime(-1, 'utc')).toBe('23:59:59.999');
	});

	it('formats local time like Date does, across a year of times', () => {
		const pad = (value: number, length = 2) => String(value).padStart(length, '0');
		for (let step = 0; step < 2000; step++) {
			const ms = at + step * 16_012_345;
			const date = new Date(ms);
			const expected = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
			expect(formatTime(ms)).toBe(expected);
		}
	});

	it('shows unusable times as a placeholder instead of throwing', () => {
		for (const ms of [Number.NaN, Number.POSITIVE_INFINITY, 9e15, -9e15]) {
			expect(formatTime(ms)).toBe(INVALID_TIME);
			expect(formatTime(ms, 'iso')).toBe(INVALID_TIME);
		}
	});
});
