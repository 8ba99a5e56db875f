import {describe, expect, it} from 'vitest';
import {epochToMs, parseBodyTime, parseRfc3339} from '../../../source/record/parse-time.js';

describe('parseRfc3339', () => {
	it('matches Date.parse on ISO strings across four centuries', () => {
		for (let ms = -5e12; ms < 8e12; ms += 7_777_777_777 + 123) {
			const iso = new Date(ms).toISOString();
			expect(parseRfc3339(iso), iso).toBe(ms);
		}
	});

	it('reads offsets, fractions of any length, a space or t for the T', () => {
		for (const text of [
			'2024-05-01T12:00:00+02:00',
			'2024-05-01T12:00:00.123456789-05:30',
			'2024-05-01T12:00:00.1Z',
		]) {
			expect(parseRfc3339(text), text).toBe(Date.parse(text));
		}
		expect(parseRfc3339('2024-05-01 12:00:00.250Z')).toBe(Date.parse('2024-05-01T12:00:00.250Z'));
		expect(parseRfc3339('2024-05-01t12:00:00z')).toBe(Date.parse('2024-05-01T12:00:00Z'));
	});

	it('declines anything else, leaving it to Date.parse', () => {
		for (const text of [
			'2024-05-01',
			'2024-05-01T12:00:00',
			'2024-13-01T00:00:00Z',
			'2024-05-01T25:00:00Z',
			'xxxx-05-01T12:00:00Z',
			'2024-05-01T12:00:00.Z',
			'2024-05-01T12:00:00+0200',
			'2024-05-01T12:00:00Zjunk',
		]) {
			expect(parseRfc3339(text), text).toBeUndefined();
		}
	});
});

describe('parseBodyTime', () => {
	it('reads strings, numbers and numeric strings; undefined for the rest', () => {
		expect(parseBodyTime('2024-05-01T12:00:00Z')).toBe(Date.parse('2024-05-01T12:00:00Z'));
		expect(parseBodyTime('Wed, 01 May 2024 12:00:00 GMT')).toBe(Date.parse('2024-05-01T12:00:00Z'));
		expect(parseBodyTime(1714564800)).toBe(1714564800000);
		expect(parseBodyTime('1714564800.5')).toBe(1714564800500);
		for (const value of ['', 'soon', null, undefined, {}, [], true, 0, -1, Number.NaN, 'x'.repeat(100)]) {
			expect(parseBodyTime(value), String(value)).toBeUndefined();
		}
	});

	it('reads epoch numbers by magnitude', () => {
		expect(epochToMs(1.7e9)).toBe(1.7e12);
		expect(epochToMs(1.7e12)).toBe(1.7e12);
		expect(epochToMs(1.7e15)).toBe(1.7e12);
		expect(epochToMs(1.7e18)).toBe(1.7e12);
	});
});
