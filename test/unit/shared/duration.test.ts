import {describe, expect, it} from 'vitest';
import {parseDuration, parseSince} from '../../../source/shared/duration.js';

describe('parseDuration', () => {
	it.each([
		['500ms', 500],
		['90s', 90_000],
		['15m', 900_000],
		['2h', 7_200_000],
		['2h30m', 9_000_000],
		['1.5h', 5_400_000],
		['1d', 86_400_000],
		['1w', 604_800_000],
		[' 10M ', 600_000],
	])('%j is %d ms', (input, ms) => {
		expect(parseDuration(input)).toBe(ms);
	});

	it.each(['', '15', 'm', '15x', '-5m', '15 m', '1h-2m'])('%j is not a duration', (input) => {
		expect(parseDuration(input)).toBeUndefined();
	});
});

describe('parseSince', () => {
	const now = Date.parse('2024-05-01T12:00:00Z');

	it('counts a duration back from now', () => {
		expect(parseSince('15m', now)).toBe(now - 15 * 60_000);
		expect(parseSince('2h', now)).toBe(Date.parse('2024-05-01T10:00:00Z'));
	});

	it('reads ISO times with a zone', () => {
		expect(parseSince('2024-05-01T10:30:00Z', now)).toBe(Date.parse('2024-05-01T10:30:00Z'));
		expect(parseSince('2024-05-01T11:30:00.250+01:00', now)).toBe(Date.parse('2024-05-01T10:30:00.250Z'));
	});

	it('reads ISO times without a zone as local time, and dates alone', () => {
		expect(parseSince('2024-04-30T08:00', now)).toBe(new Date(2024, 3, 30, 8, 0).getTime());
		expect(parseSince('2024-04-30 08:00:00', now)).toBe(new Date(2024, 3, 30, 8, 0, 0).getTime());
		expect(parseSince('2024-04-30', now)).toBe(Date.parse('2024-04-30'));
	});

	it('rejects nonsense, zero durations, impossible dates and the future with one line', () => {
		expect(() => parseSince('yesterday', now)).toThrow(/use a duration like 15m/);
		expect(() => parseSince('0m', now)).toThrow(/more than zero/);
		expect(() => parseSince('2024-13-45', now)).toThrow(/not a valid date/);
		expect(() => parseSince('2030-01-01T00:00Z', now)).toThrow(/in the future/);
	});
});
