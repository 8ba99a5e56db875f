/**
 * Micro-benchmark of one partition's record set of a Fetch response, decoded two ways in one
 * process: kafkajs (its fetch v4+ `decodeMessages`, its `Batch`, then our `toRawRecords`: the
 * direct path before source/kafka/direct/record-batches.ts) and ours (`decodeRecordSet`). The
 * bytes are the first `--mb` MB of a segment file, which a fetch returns byte for byte (the last
 * batch is cut off, as by a fetch's maxBytes). Prints ns per record, medians of alternating runs.
 *
 *   npx tsx bench/fetch-decode-micro.ts /tmp/klog-kafka-*\/node-0/data/dev-500000-0/00000000000000000000.log
 */
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {parseArgs} from 'node:util';
import '../source/kafka/codecs/index.js';
import {decodeRecordSet} from '../source/kafka/direct/record-batches.js';
import {toRawRecords} from '../source/kafka/log-stream/kafka-records.js';

const require = createRequire(import.meta.url);
const Decoder = require('kafkajs/src/protocol/decoder.js');
const decodeMessages = require('kafkajs/src/protocol/requests/fetch/v4/decodeMessages.js');
const Batch = require('kafkajs/src/consumer/batch.js');
const {CompressionCodecs} = require('kafkajs');

const {values: args, positionals} = parseArgs({
	allowPositionals: true,
	options: {mb: {type: 'string', default: '10'}, runs: {type: 'string', default: '9'}},
});
const file = positionals[0];
if (!file) throw new Error('usage: fetch-decode-micro.ts <segment .log file> [--mb 10]');
const bytes = readFileSync(file).subarray(0, Number(args.mb) * 1024 * 1024);
const framed = Buffer.alloc(bytes.length + 4);
framed.writeInt32BE(bytes.length, 0);
bytes.copy(framed, 4);

const viaKafkajs = async () => {
	const messages = await decodeMessages(new Decoder(framed));
	const batch = new Batch('t', '0', {partition: 0, highWatermark: '0', abortedTransactions: [], messages});
	return toRawRecords('t', 0, batch.messages).length;
};
const decompress = (codec: number, compressed: Buffer) => CompressionCodecs[codec]().decompress(compressed);
const viaOurs = async () => {
	const set = await decodeRecordSet('t', 0, bytes, 0, [], decompress);
	if (set.kind !== 'records') throw new Error(set.kind);
	return set.records.length;
};

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const timed = async (run: () => Promise<number>) => {
	const start = process.hrtime.bigint();
	const count = await run();
	return {ns: Number(process.hrtime.bigint() - start) / count, count};
};

for (let warm = 0; warm < 3; warm++) {
	await viaKafkajs();
	await viaOurs();
}
const theirs: number[] = [];
const ours: number[] = [];
let records = 0;
for (let run = 0; run < Number(args.runs); run++) {
	const a = await timed(viaKafkajs);
	const b = await timed(viaOurs);
	if (a.count !== b.count) throw new Error(`kafkajs ${a.count} records, ours ${b.count}`);
	records = a.count;
	theirs.push(a.ns);
	ours.push(b.ns);
}
const k = median(theirs);
const o = median(ours);
console.log(
	`${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${records} records: kafkajs decode + Batch + toRawRecords ${k.toFixed(0)} ns/record, ours ${o.toFixed(0)} ns/record (${(o / k).toFixed(2)}x)`,
);
