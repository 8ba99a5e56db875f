import {describe, expect, it, vi} from 'vitest';
import {createTopicWait} from '../../../../../source/kafka/log-stream/topics/topic-wait.js';

describe('createTopicWait', () => {
	it('looks every period until every missing topic exists, then says so once', async () => {
		vi.useFakeTimers();
		try {
			let existing = ['b'];
			const back = vi.fn();
			const wait = createTopicWait({listTopics: async () => existing, back, everyMs: 2000});
			wait.wait(['a', 'c']);
			expect(wait.waiting).toEqual(['a', 'c']);
			await vi.advanceTimersByTimeAsync(2000);
			existing = ['a', 'b'];
			await vi.advanceTimersByTimeAsync(2000);
			expect(back).not.toHaveBeenCalled();
			existing = ['a', 'b', 'c'];
			await vi.advanceTimersByTimeAsync(2000);
			expect(back).toHaveBeenCalledTimes(1);
			expect(wait.waiting).toEqual([]);
			await vi.advanceTimersByTimeAsync(10_000);
			expect(back).toHaveBeenCalledTimes(1);
		} finally {
			vi.useRealTimers();
		}
	});

	it('a failed look is tried again; clear stops looking, also during a look', async () => {
		vi.useFakeTimers();
		try {
			let fail = true;
			const back = vi.fn();
			let release!: (topics: string[]) => void;
			const wait = createTopicWait({
				listTopics: () =>
					fail
						? Promise.reject(new Error('no broker'))
						: new Promise<string[]>((resolve) => (release = resolve)),
				back,
			});
			wait.wait(['a']);
			await vi.advanceTimersByTimeAsync(2000);
			fail = false;
			await vi.advanceTimersByTimeAsync(2000);
			wait.clear();
			release(['a']);
			await vi.advanceTimersByTimeAsync(10_000);
			expect(back).not.toHaveBeenCalled();
		} finally {
			vi.useRealTimers();
		}
	});
});
