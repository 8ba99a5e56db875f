import type {RawRecord} from '../../record/log-record.js';
import type {PartitionRange} from './topics/start-offsets.js';

/**
 * `--until`: where each partition stops, as `kcat -o e@T` does. At start the broker's
 * offsets-for-time answer gives, per partition, the first offset whose record timestamp is at
 * or after the time; the window holds the offsets below it. Record timestamps are Kafka's
 * (CreateTime or LogAppendTime, whatever the topic keeps), never a time read from the value.
 */

/**
 * Each partition's end offset from the offsets-for-time answer (`byTime`: partition → first
 * offset at or after the time, negative when no record is that late): no such record means
 * the whole partition as it is now. Clamped to `[low, high]`.
 */
export function windowEnds(
	ranges: readonly PartitionRange[],
	byTime: ReadonlyMap<number, number>,
): Map<number, number> {
	const ends = new Map<number, number>();
	for (const range of ranges) {
		const found = byTime.get(range.partition);
		const end = found === undefined || found < 0 ? range.high : found;
		ends.set(range.partition, Math.min(range.high, Math.max(range.low, end)));
	}
	return ends;
}

/** The window's end for the records as they arrive. */
export type WindowEnd = {
	/** The end offsets of `topic`, looked up at start (replaces earlier ones). */
	set(topic: string, ends: ReadonlyMap<number, number>): void;
	/** The topic was created again: its old end offsets mean nothing; its records are cut by time. */
	forget(topic: string): void;
	/** The partition's end offset, if looked up. */
	end(topic: string, partition: number): number | undefined;
	/**
	 * The records inside the window. A partition whose end was not looked up (added, or its
	 * topic matched, after start) is cut by record timestamp, which is what its end offset means.
	 */
	cut(topic: string, partition: number, records: RawRecord[]): RawRecord[];
};

export function createWindowEnd(until: number): WindowEnd {
	const ends = new Map<string, ReadonlyMap<number, number>>();
	const end = (topic: string, partition: number) => ends.get(topic)?.get(partition);
	return {
		set(topic, topicEnds) {
			ends.set(topic, topicEnds);
		},
		forget(topic) {
			ends.delete(topic);
		},
		end,
		cut(topic, partition, records) {
			const last = end(topic, partition);
			if (last === undefined) return records.filter((record) => record.timestamp < until);
			// Offsets rise within a batch: most batches are wholly inside, and are passed on as they are.
			const tail = records.at(-1);
			if (tail === undefined || tail.offset < last) return records;
			return records.filter((record) => record.offset < last);
		},
	};
}
