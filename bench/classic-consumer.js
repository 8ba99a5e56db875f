// The classic Node log consumer, as the Kafka log-aggregation tutorials write it: kafkajs
// `eachMessage`, `JSON.parse`, one `console.log` per record. Kept as small as the original.
// Bench-only additions: brokers/topic/group from argv (a fresh group per run, so
// `fromBeginning` really starts at the beginning) and an exit once `expected` records were
// printed, because the original never exits by itself.
import {Kafka} from 'kafkajs';

const [brokers, topic, groupId, expected] = process.argv.slice(2);
const kafka = new Kafka({clientId: 'log-consumer', brokers: brokers.split(',')});
const consumer = kafka.consumer({groupId});
let printed = 0;

await consumer.connect();
await consumer.subscribe({topic, fromBeginning: true});
await consumer.run({
	eachMessage: async ({message}) => {
		const log = JSON.parse(message.value.toString());
		console.log(`${log.timestamp} [${log.level}] ${log.service}: ${log.message}`);
		if (++printed === Number(expected)) process.exit(0);
	},
});
