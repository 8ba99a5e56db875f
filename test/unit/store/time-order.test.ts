import {afterEach, describe, expect, it, vi} from 'vitest';
import {seededRandom} from '../../../source/shared/seeded-random.js';
import {
	CATCH_UP_HOLD_MS,
	createTimeOrderBuffer,
	LIVE_HOLD_MS,
	MAX_HELD_LINE_BYTES,
	type OrderBatch,
	type OrderedRecord,
	type OrderRun,
} from '../../../source/store/time-order.js';
import {createBatchIntake, createTimeOrderedIntake} from '../../../source/store/time-ordered-intake.js';

type Rec = OrderedRecord & {offset: number};

const offsets = new Map<string, number>();
/** A record of `topic`/`partition` at `time`, with the partition's next offset. */
function rec(partition: number, time: number, options: {topic?: string; kafkaTime?: number} = {}): Rec {
	const topic = options.topic ?? 't';
	const id = `${topic}/${partition}`;
	const offset = offsets.get(id) ?? 0;
	offsets.set(id, offset + 1);
	return {
		topic,
		partition,
		offset,
		time,
		kafkaTime: options.kafkaTime ?? time,
		message: `m${time}`,
		value: null,
	};
}

const times = (records: readonly Rec[]) => records.map((record) => record.time);
const label = (records: readonly Rec[]) => records.map((record) => `${record.partition}@${record.offset}`);

afterEach(() => {
	offsets.clear();
	vi.useRealTimers();
});

describe('TimeOrderBuffer', () => {
	it('merges whole batches of several partitions by time, waiting only where a partition runs dry', () => {
		const buffer = createTimeOrderBuffer<Rec>();
		buffer.push([rec(0, 10), rec(0, 40)], 0);
		buffer.push([rec(1, 20)], 1);
		buffer.push([rec(2, 30)], 2);
		// The partitions were only just seen: another may still be on its way.
		expect(buffer.take(2)).toEqual([]);
		expect(times(buffer.take(2 + LIVE_HOLD_MS))).toEqual([10, 20, 30, 40]);
		// Known partitions now: a batch each, merged at once as far as every partition has a record.
		buffer.push([rec(0, 110), rec(0, 140), rec(0, 170)], 1000);
		buffer.push([rec(1, 120), rec(1, 150)], 1000);
		buffer.push([rec(2, 130), rec(2, 160), rec(2, 180)], 1000);
		expect(times(buffer.take(1000))).toEqual([110, 120, 130, 140, 150]);
		// Partition 1 ran dry: 160 waits the live window for an earlier record of it.
		expect(buffer.take(1000 + LIVE_HOLD_MS - 1)).toEqual([]);
		expect(times(buffer.take(1000 + LIVE_HOLD_MS))).toEqual([160, 170, 180]);
		expect(buffer.size).toBe(0);
	});

	it('never reorders within a partition, even when its times go backwards', () => {
		const buffer = createTimeOrderBuffer<Rec>();
		buffer.push([rec(0, 50), rec(0, 30)], 0);
		buffer.push([rec(1, 40)], 0);
		expect(label(buffer.flush())).toEqual(['1@0', '0@0', '0@1']);
	});

	it('holds a live record for the reorder window, then lets it go', () => {
		const buffer = createTimeOrderBuffer<Rec>();
		buffer.push([rec(0, 1000)], 0);
		buffer.push([rec(1, 1001)], 0);
		expect(times(buffer.take(LIVE_HOLD_MS))).toEqual([1000, 1001]);
		// Live now: partition 0 brings a record, partition 1 is quiet.
		buffer.push([rec(0, 2000)], 5000);
		expect(buffer.take(5000 + LIVE_HOLD_MS - 1)).toEqual([]);
		expect(buffer.nextDue(5000)).toBe(5000 + LIVE_HOLD_MS);
		// Partition 1's earlier record comes within the window and goes first.
		buffer.push([rec(1, 1990)], 5100);
		expect(times(buffer.take(5100))).toEqual([1990]);
		expect(times(buffer.take(5000 + LIVE_HOLD_MS))).toEqual([2000]);
	});

	it('shows a record that comes after the window in arrival order: history is not rewritten', () => {
		const buffer = createTimeOrderBuffer<Rec>();
		buffer.push([rec(0, 100)], 0);
		buffer.push([rec(1, 101)], 0);
		buffer.take(LIVE_HOLD_MS);
		buffer.push([rec(0, 2000)], 1000);
		expect(times(buffer.take(1000 + LIVE_HOLD_MS))).toEqual([2000]);
		// Written earlier, arrived later: it follows what is already out.
		buffer.push([rec(1, 1500)], 1400);
		expect(times(buffer.take(1400 + LIVE_HOLD_MS))).toEqual([1500]);
	});

	it('waits for the next batch of a partition that is still reading its backlog', () => {
		const buffer = createTimeOrderBuffer<Rec>();
		buffer.push([rec(0, 10), rec(0, 20)], 0, true);
		buffer.push([rec(1, 15), rec(1, 40), rec(1, 50)], 0, false);
		// 10, 15, 20 go; partition 0 is empty but behind: 40 waits past the live window.
		expect(times(buffer.take(LIVE_HOLD_MS))).toEqual([10, 15, 20]);
		expect(buffer.take(LIVE_HOLD_MS + 500)).toEqual([]);
		buffer.push([rec(0, 30), rec(0, 45)], 900, false);
		expect(times(buffer.take(900))).toEqual([30, 40, 45, 50]);
		// Partition 0 is caught up now: the next record waits only the live window.
		buffer.push([rec(1, 60)], 1000);
		expect(buffer.take(1000 + LIVE_HOLD_MS - 1)).toEqual([]);
		expect(times(buffer.take(1000 + LIVE_HOLD_MS))).toEqual([60]);
	});

	it('waits for a partition behind at most the catch-up hold (a leader may be gone)', () => {
		const buffer = createTimeOrderBuffer<Rec>();
		buffer.push([rec(0, 10)], 0, true);
		buffer.push([rec(1, 15), rec(1, 20)], 0);
		expect(times(buffer.take(LIVE_HOLD_MS))).toEqual([10]);
		expect(buffer.take(CATCH_UP_HOLD_MS - 1)).toEqual([]);
		expect(buffer.nextDue(LIVE_HOLD_MS)).toBe(CATCH_UP_HOLD_MS);
		expect(times(buffer.take(CATCH_UP_HOLD_MS))).toEqual([15, 20]);
	});

	it('takes the partition table: waits for a partition with records to read, not for the window', () => {
		const buffer = createTimeOrderBuffer<Rec>();
		buffer.push([rec(0, 10), rec(0, 30)], 0);
		// Partition 1 has records to read but none arrived yet: partition 0 waits for it.
		buffer.announce(
			[
				{topic: 't', partition: 0, lag: 0},
				{topic: 't', partition: 1, lag: 5},
			],
			1,
		);
		expect(buffer.take(LIVE_HOLD_MS)).toEqual([]);
		buffer.push([rec(1, 20)], 400);
		expect(times(buffer.take(400))).toEqual([10, 20, 30]);

		// Every partition there is has a record queued: merged at once, no window for unknown ones.
		const known = createTimeOrderBuffer<Rec>();
		known.push([rec(2, 10), rec(2, 40)], 0);
		known.push([rec(3, 20)], 0);
		expect(known.take(0)).toEqual([]);
		known.announce(
			[
				{topic: 't', partition: 2, lag: 0},
				{topic: 't', partition: 3, lag: 0},
			],
			0,
		);
		expect(times(known.take(0))).toEqual([10, 20]);
	});

	it('sorts by the record time, else the Kafka time; without either a record keeps its place', () => {
		const buffer = createTimeOrderBuffer<Rec>();
		// Partition 0: the second record has no usable body time, but a Kafka time of 25.
		buffer.push([rec(0, 10), {...rec(0, Number.NaN, {kafkaTime: 25})}], 0);
		// Partition 1: a record with no time at all follows the record at 20.
		buffer.push([rec(1, 20), rec(1, -1, {kafkaTime: -1}), rec(1, 30)], 0);
		// Partition 2 starts with a timeless record: it has nothing to sort after, so it goes first.
		buffer.push([rec(2, 0, {kafkaTime: 0}), rec(2, 22)], 0);
		expect(label(buffer.flush())).toEqual(['2@0', '0@0', '1@0', '1@1', '2@1', '0@1', '1@2']);
	});

	it('breaks ties by arrival', () => {
		const buffer = createTimeOrderBuffer<Rec>();
		buffer.push([rec(1, 10)], 0);
		buffer.push([rec(0, 10)], 1);
		expect(label(buffer.flush())).toEqual(['1@0', '0@0']);
	});

	it('lets the earliest go at once when more than its bound is held', () => {
		const buffer = createTimeOrderBuffer<Rec>({maxRecords: 4});
		buffer.push([rec(0, 1), rec(0, 3), rec(0, 5)], 0);
		buffer.push([rec(1, 2), rec(1, 4), rec(1, 6)], 0);
		expect(times(buffer.take(0))).toEqual([1, 2]);
		expect(buffer.size).toBe(4);

		const byChars = createTimeOrderBuffer<Rec>({maxChars: 10});
		byChars.push(
			[
				{...rec(2, 7), message: 'x'.repeat(8)},
				{...rec(2, 9), message: 'y'.repeat(8)},
			],
			0,
		);
		expect(times(byChars.take(0))).toEqual([7]);
	});

	it('lets a run of one partition go at once only as far as the bound says', () => {
		const buffer = createTimeOrderBuffer<Rec>({maxRecords: 2});
		// Partition 1 is still reading its backlog: nothing but the bound lets records go.
		buffer.announce([{topic: 't', partition: 1, lag: 10}], 0);
		buffer.push([rec(0, 1), rec(0, 2), rec(0, 3), rec(0, 4), rec(0, 5)], 0);
		expect(times(buffer.take(0))).toEqual([1, 2, 3]);
		expect(buffer.size).toBe(2);
		buffer.push([rec(1, 0), rec(1, 4)], 1);
		// Both queued but a lane is new: the bound again, then the whole merge once it settled.
		expect(label(buffer.take(1))).toEqual(['1@0', '0@3']);
		expect(label(buffer.take(LIVE_HOLD_MS))).toEqual(['1@1', '0@4']);
	});

	it('merges as an item-by-item merge does, runs of a partition and all', () => {
		// The reference: the lane whose head has the smallest (time, arrival) gives one item.
		const reference = (lanes: Rec[][]): string[] => {
			const heads = lanes.map(() => 0);
			const arrival = new Map<Rec, number>();
			let order = 0;
			for (const lane of lanes) for (const record of lane) arrival.set(record, order++);
			const out: string[] = [];
			for (;;) {
				let best = -1;
				for (let lane = 0; lane < lanes.length; lane++) {
					const head = lanes[lane]![heads[lane]!];
					if (head === undefined) continue;
					const bestHead = best < 0 ? undefined : lanes[best]![heads[best]!]!;
					if (
						bestHead === undefined ||
						head.time < bestHead.time ||
						(head.time === bestHead.time && arrival.get(head)! < arrival.get(bestHead)!)
					)
						best = lane;
				}
				if (best < 0) return out;
				out.push(label([lanes[best]![heads[best]!++]!])[0]!);
			}
		};
		const random = seededRandom(11);
		for (let round = 0; round < 200; round++) {
			offsets.clear();
			const lanes = Array.from({length: 1 + Math.floor(random() * 6)}, (_, partition) => {
				// Runs of close times, some going backwards, some equal across partitions.
				let time = Math.floor(random() * 20);
				return Array.from({length: 1 + Math.floor(random() * 30)}, () => {
					time += Math.floor(random() * 6) - 1;
					return rec(partition, time);
				});
			});
			const buffer = createTimeOrderBuffer<Rec>();
			for (const lane of lanes) buffer.push(lane, 0);
			expect(label(buffer.flush())).toEqual(reference(lanes));
		}
	});

	it("holds plain output's packed lines up to their own byte bound, far below the records' one", () => {
		// A batch of lines as plain --output json packs them: only times and sizes matter here.
		const lines = (partition: number, sizes: number[], from: number): OrderBatch => ({
			topic: 't',
			partition,
			count: sizes.length,
			time: (index) => from + index,
			kafkaTime: (index) => from + index,
			chars: (index) => sizes[index]!,
			// As lines in one buffer tell it: the bound must come out the same either way.
			charsBetween: (start, end) => sizes.slice(start, end).reduce((sum, size) => sum + size, 0),
		});
		const out: Array<[number, number, number]> = [];
		const deliver = (runs: OrderRun<OrderBatch>[]) => {
			for (const run of runs) out.push([run.batch.partition, run.from, run.to]);
		};
		const half = MAX_HELD_LINE_BYTES / 2;
		const intake = createBatchIntake(deliver, {maxChars: MAX_HELD_LINE_BYTES, now: () => 0});
		// Partition 1 is announced but dry: without the bound, partition 0 would wait for it.
		intake.announce([{topic: 't', partition: 1, lag: 100}]);
		void intake.push(lines(0, [half, half], 10), true);
		expect(out).toEqual([]);
		void intake.push(lines(0, [1], 12), true);
		expect(out).toEqual([[0, 0, 1]]);
		expect(intake.size).toBe(2);
		intake.dispose();
	});

	it('forgets nothing and repeats nothing, and merges a complete set into time order', () => {
		// Random partitions whose times grow with skew, handed over in random batches at random
		// moments, taken at random moments: every record comes out once, each partition in order.
		let seed = 7;
		const random = () => {
			seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
			return seed / 2 ** 31;
		};
		for (let round = 0; round < 30; round++) {
			offsets.clear();
			const buffer = createTimeOrderBuffer<Rec>({maxRecords: 50});
			const partitions = 1 + Math.floor(random() * 5);
			const pending: Rec[][] = Array.from({length: partitions}, (_, partition) => {
				let time = 1000 + Math.floor(random() * 100);
				return Array.from({length: 20 + Math.floor(random() * 40)}, () => {
					time += Math.floor(random() * 30) - 3;
					return rec(partition, time);
				});
			});
			const all = pending.flat();
			const out: Rec[] = [];
			let now = 0;
			while (pending.some((queue) => queue.length > 0)) {
				const partition = Math.floor(random() * partitions);
				const batch = pending[partition]!.splice(0, 1 + Math.floor(random() * 8));
				buffer.push(batch, now, random() < 0.3);
				now += Math.floor(random() * 200);
				out.push(...buffer.take(now));
			}
			out.push(...buffer.flush());
			expect(out).toHaveLength(all.length);
			expect(new Set(out).size).toBe(all.length);
			for (let partition = 0; partition < partitions; partition++) {
				const mine = out.filter((record) => record.partition === partition).map((record) => record.offset);
				expect(mine).toEqual([...mine].sort((a, b) => a - b));
			}

			// Everything in before anything leaves: a full k-way merge.
			const whole = createTimeOrderBuffer<Rec>();
			for (let partition = 0; partition < partitions; partition++) {
				// Times that never go backwards within a partition: then the merge is sorted.
				let last = 0;
				const lane = all
					.filter((record) => record.partition === partition)
					.map((record) => {
						last = Math.max(record.time, last);
						return {...record, time: last};
					});
				whole.push(lane, 0);
			}
			const merged = times(whole.flush());
			expect(merged).toEqual([...merged].sort((a, b) => a - b));
		}
	});
});

describe('TimeOrderedIntake', () => {
	it('says when a batch has gone out whole, for --commit, in the order its records left', async () => {
		vi.useFakeTimers({now: 0});
		const delivered: number[] = [];
		const out: string[] = [];
		const intake = createTimeOrderedIntake<Rec>((records) => delivered.push(...times(records)));
		const first = intake.push([rec(0, 10), rec(0, 30)]).then(() => out.push(`p0 after ${delivered.length}`));
		const second = intake.push([rec(1, 20)]).then(() => out.push(`p1 after ${delivered.length}`));
		await vi.advanceTimersByTimeAsync(LIVE_HOLD_MS - 1);
		expect(out).toEqual([]);
		await vi.advanceTimersByTimeAsync(1);
		await Promise.all([first, second]);
		// Each promise resolves only once deliver has had its batch's last record.
		expect(delivered).toEqual([10, 20, 30]);
		expect(out.sort()).toEqual(['p0 after 3', 'p1 after 3']);
		intake.dispose();
		// Disposed: what comes now goes straight through (nothing dropped at the end of a run).
		await intake.push([rec(1, 5)]);
		expect(delivered).toEqual([10, 20, 30, 5]);
	});

	it('delivers on its timer when the wait runs out, flushes on demand, stops when disposed', () => {
		vi.useFakeTimers({now: 0});
		const delivered: Rec[][] = [];
		const intake = createTimeOrderedIntake<Rec>((records) => delivered.push(records));
		intake.push([rec(0, 30)]);
		intake.push([rec(1, 20)]);
		expect(delivered).toEqual([]);
		vi.advanceTimersByTime(LIVE_HOLD_MS - 1);
		expect(delivered).toEqual([]);
		vi.advanceTimersByTime(1);
		expect(delivered.map(times)).toEqual([[20, 30]]);

		intake.push([rec(0, 40), rec(0, 50)]);
		expect(intake.size).toBe(2);
		intake.flush();
		expect(delivered.map(times)).toEqual([
			[20, 30],
			[40, 50],
		]);
		expect(intake.size).toBe(0);

		intake.push([rec(1, 60)]);
		intake.dispose();
		vi.advanceTimersByTime(CATCH_UP_HOLD_MS * 2);
		expect(delivered).toHaveLength(2);
		expect(intake.size).toBe(1);
	});
});
