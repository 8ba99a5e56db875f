/**
 * Micro-benchmark of the stream worker's per-record handling after kafkajs: one tree's
 * `createBatchDelivery().deliver` over batches of 1 000 messages as kafkajs decodes them
 * (string offsets and timestamps, an empty headers object), records handed to a receiver that
 * keeps nothing. Prints ns per record, the median of 9 timed runs after a warm-up. Run it for
 * two trees, alternating, to compare (the tree's own node_modules are not needed):
 *
 *   for i in 1 2 3; do npx tsx bench/deliver-micro.ts /work/main; npx tsx bench/deliver-micro.ts .; done
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? '.');
const BATCHES = 500;
const PER_BATCH = 1000;
const RUNS = 9;

const deliveryFile = path.join(root, 'source/kafka/log-stream/batch-delivery.ts');
const {createBatchDelivery} = await import(deliveryFile);
const {toRawRecords} = await import(path.join(root, 'source/kafka/log-stream/kafka-records.ts'));
// Trees from the direct path's own decoder on take RawRecords, converted once by the group path's
// eachBatch: timed here with that conversion, so trees compare as the group path costs.
const takesRawRecords = !fs.readFileSync(deliveryFile, 'utf8').includes('toRawRecords(topic, partition,');
const {createPartitionTracker} = await import(
	path.join(root, 'source/kafka/log-stream/partition-tracker.ts')
);

const value = Buffer.alloc(200, 'x');
const batches = Array.from({length: BATCHES}, (_, batch) =>
	Array.from({length: PER_BATCH}, (_, index) => {
		const offset = batch * PER_BATCH + index;
		return {
			magicByte: 2,
			attributes: 0,
			timestamp: String(1_714_564_800_000 + offset),
			offset: String(offset),
			key: null,
			value,
			headers: {},
			isControlRecord: false,
			batchContext: {},
		};
	}),
);

let kept = 0;
const delivery = createBatchDelivery({
	tracker: createPartitionTracker(),
	onRecords: (records: unknown[]) => {
		kept += records.length;
	},
	undecodableAsRecords: false,
	reportOnce: () => undefined,
	flowing: () => undefined,
	afterBatch: () => undefined,
	holds: () => false,
	paused: () => false,
	stopping: () => false,
	stoppingSignal: new Promise<void>(() => undefined),
	hold: () => () => undefined,
});

function run(): number {
	const start = process.hrtime.bigint();
	for (let batch = 0; batch < BATCHES; batch++) {
		const last = (batch + 1) * PER_BATCH - 1;
		const messages = batches[batch]!;
		delivery.deliver(
			'topic',
			0,
			takesRawRecords ? toRawRecords('topic', 0, messages) : messages,
			last,
			BATCHES * PER_BATCH,
		);
	}
	return Number(process.hrtime.bigint() - start) / (BATCHES * PER_BATCH);
}

run();
run();
const times = Array.from({length: RUNS}, run).sort((a, b) => a - b);
console.log(
	`${path.basename(root)}: ${times[RUNS >> 1]!.toFixed(1)} ns/record (min ${times[0]!.toFixed(1)}, kept ${kept})`,
);
