/**
 * Micro-benchmark of reading compressed batches: kafkajs' own decoding of a fetch response's
 * records (decodeMessages, the code a consumer runs) with klog-tui's codecs registered, for
 * batches of 1 000 records of ~200 bytes (the demo's shape) written with each codec.
 * Prints µs per record (decompression plus kafkajs' record decoding), the median of 7 timed
 * runs after a warm-up, and the compressed size. Not part of `npm run bench`.
 *
 *   npx tsx bench/codec-micro.ts [batches-per-run]
 */
import {createRequire} from 'node:module';
import {registerCodecs} from '../source/kafka/codecs/index.js';

const BATCHES = Number(process.argv[2] ?? 50);
const RECORDS_PER_BATCH = 1000;
const RUNS = 7;
const CODECS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;

registerCodecs();
const require = createRequire(import.meta.url);
const Decoder = require('kafkajs/src/protocol/decoder.js');
const decodeMessages = require('kafkajs/src/protocol/requests/fetch/v4/decodeMessages.js');
const {RecordBatch} = require('kafkajs/src/protocol/recordBatch/v0/index.js');
const Record = require('kafkajs/src/protocol/recordBatch/record/v0/index.js');

function value(index: number): Buffer {
	const json = JSON.stringify({
		message: `request ${index} GET /api/v1/orders/${(index * 7919) % 100_000} completed in ${index % 250} ms`,
		timestamp: new Date(1_714_564_800_000 + index * 13).toISOString(),
		service: ['api', 'auth', 'payments', 'worker'][index % 4],
		level: ['info', 'info', 'warn', 'error'][index % 4],
	});
	return Buffer.from(`${json.slice(0, -1)},"requestId":"${'r'.repeat(Math.max(1, 183 - json.length))}"}`);
}

/** One fetch response's partition records: BATCHES batches, size-prefixed. */
async function response(type: number): Promise<Buffer> {
	const batches: Buffer[] = [];
	for (let batch = 0; batch < BATCHES; batch++) {
		const records = Array.from({length: RECORDS_PER_BATCH}, (_, offsetDelta) =>
			Record({
				offsetDelta,
				timestampDelta: offsetDelta,
				key: null,
				value: value(batch * RECORDS_PER_BATCH + offsetDelta),
			}),
		);
		const encoded = await RecordBatch({
			compression: type,
			firstOffset: String(batch * RECORDS_PER_BATCH),
			records,
		});
		batches.push(encoded.buffer as Buffer);
	}
	const body = Buffer.concat(batches);
	const out = Buffer.alloc(body.length + 4);
	out.writeInt32BE(body.length, 0);
	body.copy(out, 4);
	return out;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

for (const [type, codec] of CODECS.entries()) {
	const bytes = await response(type);
	const records = BATCHES * RECORDS_PER_BATCH;
	await decodeMessages(new Decoder(bytes));
	const times: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		const started = performance.now();
		const decoded = await decodeMessages(new Decoder(bytes));
		times.push(performance.now() - started);
		if (decoded.length !== records) throw new Error(`${codec}: ${decoded.length} records`);
	}
	const perRecord = (median(times) * 1000) / records;
	console.log(
		`${codec.padEnd(6)} ${perRecord.toFixed(2).padStart(6)} µs/record  ${(bytes.length / records).toFixed(0).padStart(4)} B/record on the wire`,
	);
}
