import {describe, expect, it} from 'vitest';
import {
	anyMarkerMade,
	markerRecords,
	UNDECODABLE_HEADER,
} from '../../../../source/kafka/codecs/undecodable-batch.js';
import {takeUndecodable} from '../../../../source/kafka/codecs/undecodable-records.js';
import type {RawRecord} from '../../../../source/record/log-record.js';

// Its own file: the count of markers made is per module instance (per thread), and vitest
// gives each file its own.
const record = (offset: number, headers?: RawRecord['headers']): RawRecord => ({
	topic: 't',
	partition: 0,
	offset,
	timestamp: 0,
	key: null,
	value: Buffer.from('{}'),
	headers,
});

describe('takeUndecodable before and after this thread made a marker', () => {
	it('hands the records over untouched while no marker was made, then looks at them', () => {
		const forged = record(1, {[UNDECODABLE_HEADER]: Buffer.from('not our token{}')});
		const records = [record(0), forged, record(2)];
		expect(anyMarkerMade()).toBe(false);
		const before = takeUndecodable(records, true);
		expect(before.records).toBe(records);
		expect(before.problems).toEqual([]);

		markerRecords({firstOffset: 10n, lastOffsetDelta: 1, count: 2}, 'lz4', 'bad bytes');
		expect(anyMarkerMade()).toBe(true);
		// A forged header is still no marker once markers exist: the same records come back.
		const after = takeUndecodable(records, true);
		expect(after.records).toEqual(records);
		expect(after.problems).toEqual([]);
	});
});
