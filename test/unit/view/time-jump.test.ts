import {describe, expect, it} from 'vitest';
import type {RawRecord} from '../../../source/record/log-record.js';
import {createLogStore} from '../../../source/store/log-store.js';
import {findTimeJump, firstRecordOfBucket, timeJumpHint} from '../../../source/view/time-jump.js';

const TODAY_10_40 = new Date(2026, 11, 7, 10, 40, 0).getTime();
const NOW = TODAY_10_40 + 10 * 60_000;

/** 10 minutes of records, one every 5 s from 10:40:00, with two late ones from 10:41 at the end. */
function store() {
	const created = createLogStore();
	const at = (offset: number, time: number): RawRecord => ({
		topic: 'logs',
		partition: 0,
		offset,
		timestamp: time,
		key: null,
		value: Buffer.from(JSON.stringify({message: `m${offset}`, time})),
		headers: undefined,
	});
	created.append(Array.from({length: 120}, (_, index) => at(index, TODAY_10_40 + index * 5000)));
	created.append([at(120, TODAY_10_40 + 60_000), at(121, TODAY_10_40 + 61_000)]);
	return created;
}

describe('the jump to a time (t)', () => {
	it('takes a time of day, with or without seconds, a duration back and an ISO time', () => {
		const logs = store();
		const cases: [string, number][] = [
			['10:42', 24],
			['10:42:05', 25],
			['10:42:03', 25],
			['-5m', 60],
			['  -5m  ', 60],
			['-9m58s', 1],
			[new Date(TODAY_10_40 + 90_000).toISOString(), 18],
			['2026-12-07T10:40', 0],
			['9:00', 0],
		];
		for (const [text, index] of cases) {
			const jump = findTimeJump(logs, text, NOW);
			expect(jump, text).toMatchObject({ok: true, index});
		}
		logs.dispose();
	});

	it('says in one line why a bad entry or a time past the buffer goes nowhere', () => {
		const logs = store();
		for (const text of ['', 'soon', '25:00', '10:61', '-5x', '10:42:05:01', '2026-13-45']) {
			const jump = findTimeJump(logs, text, NOW);
			expect(jump.ok, text).toBe(false);
			if (!jump.ok) expect(jump.error, text).not.toContain('\n');
		}
		const late = findTimeJump(logs, '10:55', NOW);
		expect(late).toEqual({ok: false, error: expect.stringContaining('no record at or after 10:55:00')});
		expect(timeJumpHint('', NOW)).toContain('10:42, 10:42:05, -5m');
		expect(timeJumpHint('-5m', NOW)).toContain('Enter: first record at or after 10:45:00');
		expect(timeJumpHint('later', NOW)).toContain('not a time');
		logs.dispose();
	});

	it('finds the first record of a bucket in view order, or the first after it', () => {
		const logs = store();
		// 10:41:00-10:41:10: record 12 comes first in the view; the late ones come after.
		expect(firstRecordOfBucket(logs, TODAY_10_40 + 60_000, TODAY_10_40 + 70_000)).toBe(12);
		expect(firstRecordOfBucket(logs, TODAY_10_40 + 61_000, TODAY_10_40 + 62_000)).toBe(121);
		// An empty bucket: the first record after it.
		expect(firstRecordOfBucket(logs, TODAY_10_40 + 62_000, TODAY_10_40 + 63_000)).toBe(13);
		expect(firstRecordOfBucket(logs, NOW + 60_000, NOW + 70_000)).toBe(-1);
		logs.dispose();
	});
});
