/**
 * Micro-benchmark of the lag panel's reading on a cluster with many groups: `--groups` groups,
 * of which `--touching` commit on the viewed topic, read by `readConsumerLag` once on this
 * thread and then by the lag panel's worker (`createLagSession`), side by side in one run.
 * Prints per reading its time and this thread's event-loop delay (what a frame would wait),
 * and how many groups were described. Needs a broker: `KAFKA_BROKERS` (it creates two topics
 * and the groups' offsets there; use a development broker, never a shared one).
 *
 *   KAFKA_BROKERS=127.0.0.1:9092 npx tsx bench/lag-micro.ts [--groups 300] [--touching 20] [--readings 8]
 */
import {monitorEventLoopDelay} from 'node:perf_hooks';
import {parseArgs} from 'node:util';
import {createKafka, readConsumerLag} from '../source/kafka.js';
import {createLagSession} from '../source/session/lag-session.js';
import {percentile} from '../tools/load/measure.js';

const {values: args} = parseArgs({
	options: {
		groups: {type: 'string', default: '300'},
		touching: {type: 'string', default: '20'},
		readings: {type: 'string', default: '8'},
	},
});
const groupCount = Number(args.groups);
const touching = Number(args.touching);
const readings = Number(args.readings);
const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
if (brokers.length === 0) throw new Error('set KAFKA_BROKERS to a development broker');

const run = Date.now().toString(36);
const topic = `lag-micro-${run}`;
const other = `lag-micro-other-${run}`;
const admin = createKafka({brokers}).admin();
await admin.connect();
await admin.createTopics({
	topics: [
		{topic, numPartitions: 6},
		{topic: other, numPartitions: 6},
	],
	waitForLeaders: true,
});
const producer = createKafka({brokers}).producer();
await producer.connect();
await producer.send({
	topic,
	messages: Array.from({length: 600}, (_, index) => ({partition: index % 6, value: `${index}`})),
});
await producer.disconnect();
// Each group commits offsets (an OffsetCommit, as a consumer's): `touching` on the topic, the rest elsewhere.
const commit = (index: number) =>
	admin.setOffsets({
		groupId: `lag-micro-${run}-${index}`,
		topic: index < touching ? topic : other,
		partitions: [0, 1, 2, 3, 4, 5].map((partition) => ({partition, offset: '50'})),
	});
for (let first = 0; first < groupCount; first += 25) {
	await Promise.all(
		Array.from({length: Math.min(25, groupCount - first)}, (_, index) => commit(first + index)),
	);
}

type ThreadLoad = {p99: number; max: number; busy: number};

/**
 * This thread's event-loop delay (ms: p99 and max) and busy share (event-loop utilisation, of
 * this thread only) from `start()` until `work` resolves.
 */
async function loopDelay(work: (start: () => void) => Promise<void>): Promise<ThreadLoad> {
	const histogram = monitorEventLoopDelay({resolution: 5});
	let from = performance.eventLoopUtilization();
	await work(() => {
		histogram.enable();
		from = performance.eventLoopUtilization();
	});
	const busy = performance.eventLoopUtilization(from).utilization;
	histogram.disable();
	return {p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6, busy};
}

const described: number[] = [];
const describeGroups = admin.describeGroups.bind(admin);
admin.describeGroups = (ids) => {
	described.push(ids.length);
	return describeGroups(ids);
};
const inThreadTimes: number[] = [];
// A first reading connects; both sides are measured from the second on.
await readConsumerLag(admin, [topic]);
described.length = 0;
const inThread = await loopDelay(async (start) => {
	start();
	for (let index = 0; index < readings; index++) {
		const start = performance.now();
		const {groups} = await readConsumerLag(admin, [topic]);
		inThreadTimes.push(performance.now() - start);
		if (groups.length !== touching) throw new Error(`read ${groups.length} groups, expected ${touching}`);
	}
});
await admin.disconnect();

const session = createLagSession({brokers}, [topic], [], 1);
const workerTimes: number[] = [];
const inWorker = await loopDelay(
	(start) =>
		new Promise<void>((resolve) => {
			let last = performance.now();
			let seen = 0;
			session.subscribe(() => {
				const now = performance.now();
				// The first includes the worker's start and connection; it is not a reading's time.
				if (seen++ > 0) workerTimes.push(now - last);
				else start();
				last = now;
				if (session.snapshot().groups.length !== touching) throw new Error('the worker read other groups');
				if (workerTimes.length === readings) resolve();
			});
			session.setActive(true);
		}),
);
await session.close();

const ms = (value: number) => `${value.toFixed(1)} ms`;
const load = ({p99, max, busy}: ThreadLoad) =>
	`this thread busy ${(busy * 100).toFixed(1)}%, loop delay p99 ${ms(p99)} max ${ms(max)}`;
console.log(`${groupCount} groups, ${touching} on the topic (6 partitions), ${readings} readings each`);
console.log(`describeGroups calls: ${described.join(', ')} ids (of ${groupCount} listed)`);
console.log(`this thread reads: reading median ${ms(percentile(inThreadTimes, 50))}, ${load(inThread)}`);
console.log(`worker reads:      reading median ${ms(percentile(workerTimes, 50))}, ${load(inWorker)}`);
