// The kafkajs ceiling: a consumer that does nothing with its records but count them.
// Same client library and group protocol as klog-tui, no decoding, no parsing, no output,
// so whatever time this takes is kafkajs' own (fetch, decode of the record batches).
// Usage: node bench/bare-each-batch.js <brokers> <topic> <groupId> <expected> [--codecs]
// --codecs: with klog-tui's codecs registered (dist/, `npm run build`): kafkajs ships only gzip,
// and a compressed topic's rows should show what decompressing costs a kafkajs reader.
import {Kafka, logLevel} from 'kafkajs';

const [brokers, topic, groupId, expected, codecs] = process.argv.slice(2);
if (codecs === '--codecs') await import('../dist/kafka/codecs/index.js');
const kafka = new Kafka({clientId: 'bench-bare', brokers: brokers.split(','), logLevel: logLevel.NOTHING});
// The same fetch wait as klog-tui's log stream (source/kafka/log-stream/log-stream.ts), other settings kafkajs' defaults.
const consumer = kafka.consumer({groupId, maxWaitTimeInMs: 250});
let seen = 0;

await consumer.connect();
await consumer.subscribe({topic, fromBeginning: true});
await consumer.run({
	eachBatch: async ({batch}) => {
		seen += batch.messages.length;
		if (seen >= Number(expected)) process.exit(0);
	},
});
