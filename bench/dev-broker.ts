/**
 * For optimising between bench runs: starts a broker (free port), fills a 200 B topic
 * (`--records`, default 100 000, 6 partitions), writes `bootstrap topic` to
 * `bench/out/dev-broker.txt` and keeps running until SIGINT/SIGTERM, so one contender
 * can be timed and profiled again and again (`npx tsx bench/dev-broker.ts &`).
 */
import fs from 'node:fs';
import path from 'node:path';
import {startKafka} from '../tools/kafka/kafka-broker.js';
import {fillTopic} from '../tools/load/fill-topic.js';
import {repoRoot} from './contenders.js';

const recordsFlag = process.argv.indexOf('--records');
const records = recordsFlag === -1 ? 100_000 : Number(process.argv[recordsFlag + 1]);
const cluster = await startKafka({heap: '1g'});
const topic = `dev-${records}`;
await fillTopic({bootstrap: cluster.bootstrap, topic, partitions: 6, records, recordBytes: 200});
const infoFile = path.join(repoRoot, 'bench', 'out', 'dev-broker.txt');
fs.mkdirSync(path.dirname(infoFile), {recursive: true});
fs.writeFileSync(infoFile, `${cluster.bootstrap} ${topic}\n`);
process.stderr.write(`[dev-broker] ${cluster.bootstrap} ${topic} (${records} records)\n`);
const stop = () => {
	void cluster.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => undefined, 1 << 30);
