import {describe, expect, it} from 'vitest';
import {createPartitionLimits} from '../../../../source/kafka/direct/partition-limits.js';

describe('partition limits', () => {
	it('grow per partition to the most its batches needed, and stay there, within the bound', () => {
		const limits = createPartitionLimits(10_000);
		expect(limits.limit('t', 0, 128)).toBe(128);
		limits.learn({topic: 't', partition: 0, firstBatchBytes: 256});
		limits.learn({topic: 't', partition: 0});
		expect(limits.limit('t', 0, 128)).toBe(256);
		// A smaller need later does not shrink it: the producer's batches stay big.
		limits.learn({topic: 't', partition: 0, firstBatchBytes: 200});
		expect(limits.limit('t', 0, 128)).toBe(256);
		expect(limits.limit('t', 1, 128)).toBe(128);
		expect(limits.limit('u', 0, 128)).toBe(128);
		limits.learn({topic: 't', partition: 1, firstBatchBytes: 50_000});
		expect(limits.limit('t', 1, 128)).toBe(10_000);
		// A bigger base wins over a smaller need.
		expect(limits.limit('t', 0, 4096)).toBe(4096);
	});
});
