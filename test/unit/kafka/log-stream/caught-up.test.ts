import {describe, expect, it} from 'vitest';
import {createCaughtUpWatch, isPartitionDone} from '../../../../source/kafka/log-stream/caught-up.js';

describe('isPartitionDone', () => {
	it('is done at once for an empty partition', () => {
		expect(isPartitionDone({topic: 't', partition: 0, low: 5, high: 5}, undefined)).toBe(true);
	});

	it('is done when the position reached the end offset, even past it', () => {
		const end = {topic: 't', partition: 0, low: 0, high: 11};
		expect(isPartitionDone(end, 10)).toBe(false);
		expect(isPartitionDone(end, 11)).toBe(true);
		expect(isPartitionDone(end, 12)).toBe(true);
		expect(isPartitionDone(end, undefined)).toBe(false);
	});
});

describe('createCaughtUpWatch', () => {
	it('is not done before every topic has its ends', async () => {
		const watch = createCaughtUpWatch(['a', 'b']);
		watch.setEnds('a', [{topic: 'a', partition: 0, low: 0, high: 0}]);
		expect(watch.check(() => undefined)).toBe(false);
		watch.setEnds('b', [{topic: 'b', partition: 0, low: 0, high: 3}]);
		expect(watch.check(() => 2)).toBe(false);
		expect(watch.pending()).toEqual([{topic: 'b', partition: 0, low: 0, high: 3}]);
		expect(watch.check(() => 3)).toBe(true);
		await expect(watch.done).resolves.toBeUndefined();
		expect(watch.isDone).toBe(true);
	});

	it('stays done once done', () => {
		const watch = createCaughtUpWatch(['a']);
		watch.setEnds('a', [{topic: 'a', partition: 0, low: 0, high: 1}]);
		expect(watch.check(() => 1)).toBe(true);
		expect(watch.check(() => 0)).toBe(true);
	});
});
