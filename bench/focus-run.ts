/**
 * A `--focus` run (`npm run bench -- --focus plain|hunt`): a broker of its own, one section's
 * rows measured, and that section of bench/RESULTS.md replaced (the others stay as the last
 * full run wrote them).
 */
import fs from 'node:fs';
import path from 'node:path';
import {ensureJars, type KafkaCluster, startKafka} from '../tools/kafka/kafka-broker.js';
import {ensureBenchTools} from './bench-tools.js';
import {cliScript, repoRoot} from './contenders.js';
import {spliceSection} from './markdown-sections.js';
import {log, scratchDir} from './timed-runs.js';

export async function runFocused<Report>(
	title: string,
	measure: (cluster: KafkaCluster) => Promise<Report>,
	section: (report: Report) => string[],
): Promise<void> {
	const started = performance.now();
	fs.mkdirSync(scratchDir, {recursive: true});
	ensureBenchTools(log);
	if (!fs.existsSync(cliScript)) throw new Error('dist/cli.js is missing: run `npm run build`');
	await ensureJars({onDownload: log});
	const cluster = await startKafka({heap: '1g'});
	log(`broker ${cluster.bootstrap} (Kafka ${cluster.version})`);
	let report: Report;
	try {
		report = await measure(cluster);
	} finally {
		await cluster.stop();
		fs.rmSync(scratchDir, {recursive: true, force: true});
	}
	const lines = section(report);
	const file = path.join(repoRoot, 'bench', 'RESULTS.md');
	fs.writeFileSync(file, spliceSection(fs.readFileSync(file, 'utf8'), title, lines));
	process.stdout.write(`${lines.join('\n')}\n`);
	log(
		`replaced its section of bench/RESULTS.md (${((performance.now() - started) / 1000).toFixed(0)} s in all)`,
	);
}
