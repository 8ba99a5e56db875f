/**
 * Topics the group reads on without (deleted while the others are read): looked for every
 * `everyMs` until all of them exist again, then `back()` (the stream joins again with them).
 */
export type TopicWait = {
	/** Wait for `missing` (replaces what was waited for). */
	wait(missing: readonly string[]): void;
	readonly waiting: readonly string[];
	/** Stop looking (they are back, or the stream stops). */
	clear(): void;
};

export type TopicWaitOptions = {
	/** The topics that exist now; throws when the cluster cannot tell (then it looks again later). */
	listTopics(): Promise<string[]>;
	back(): void;
	everyMs?: number;
};

export function createTopicWait({listTopics, back, everyMs = 2000}: TopicWaitOptions): TopicWait {
	let waiting: readonly string[] = [];
	let timer: NodeJS.Timeout | undefined;
	const look = () => {
		timer = setTimeout(async () => {
			const mine = waiting;
			const existing = await listTopics().catch(() => undefined);
			if (mine !== waiting || waiting.length === 0) return;
			if (existing && waiting.every((topic) => existing.includes(topic))) {
				waiting = [];
				back();
				return;
			}
			look();
		}, everyMs);
	};
	return {
		wait(missing) {
			clearTimeout(timer);
			waiting = [...missing];
			if (waiting.length > 0) look();
		},
		get waiting() {
			return waiting;
		},
		clear() {
			clearTimeout(timer);
			waiting = [];
		},
	};
}
