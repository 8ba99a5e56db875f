/**
 * `npm run bench -- --focus plain`, and the same rows in the full run: issue 15's plain-output
 * rows (plain-focus.ts) measured on a broker of the bench's own.
 */
import fs from 'node:fs';
import path from 'node:path';
import {ensureJars, type KafkaCluster, startKafka} from '../tools/kafka/kafka-broker.js';
import type {BenchConfig} from './bench-config.js';
import {ensureBenchTools} from './bench-tools.js';
import {cliScript, contenders, plainFocusIds, repoRoot} from './contenders.js';
import {spliceSection} from './markdown-sections.js';
import {
	COMPRESSED_CODECS,
	compressedVariant,
	PLAIN_FOCUS_TITLE,
	type PlainFocusReport,
	plainFocusSection,
} from './plain-focus.js';
import {type ContenderResult, mainVariant} from './results-table.js';
import {fill, loadAverage, log, scratchDir, timeAlternating} from './timed-runs.js';

/** Issue 15's rows: kcat, bare kafkajs and plain on 200 B records, uncompressed, lz4 and zstd. */
export async function measurePlainFocus(
	cluster: KafkaCluster,
	config: BenchConfig,
	options: {plainAvailable: boolean; focused: boolean},
): Promise<PlainFocusReport> {
	const loadBefore = loadAverage();
	const list = contenders.filter(
		(c) => plainFocusIds.includes(c.id) && (c.id !== 'plain' || options.plainAvailable),
	);
	const records = config.compressedRecords;
	const results: ContenderResult[] = [];
	const uncompressed = await fill(cluster.bootstrap, 'bench-plain', records, 6, 200, mainVariant);
	results.push(...(await timeAlternating(list, uncompressed, cluster.bootstrap, config.runs)));
	for (const codec of COMPRESSED_CODECS) {
		const target = await fill(
			cluster.bootstrap,
			`bench-${codec}`,
			records,
			6,
			200,
			compressedVariant(codec),
			codec,
		);
		results.push(...(await timeAlternating(list, target, cluster.bootstrap, config.runs)));
	}
	return {
		results,
		focused: options.focused,
		date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
		loadBefore,
		loadAfter: loadAverage(),
	};
}

/** `--focus plain`: measures only plain-focus.ts's rows and replaces their section of RESULTS.md. */
export async function mainFocusPlain(config: BenchConfig): Promise<void> {
	const started = performance.now();
	fs.mkdirSync(scratchDir, {recursive: true});
	ensureBenchTools(log);
	if (!fs.existsSync(cliScript)) throw new Error('dist/cli.js is missing: run `npm run build`');
	await ensureJars({onDownload: log});
	const cluster = await startKafka({heap: '1g'});
	log(`broker ${cluster.bootstrap} (Kafka ${cluster.version})`);
	let report: PlainFocusReport;
	try {
		report = await measurePlainFocus(cluster, config, {plainAvailable: true, focused: true});
	} finally {
		await cluster.stop();
		fs.rmSync(scratchDir, {recursive: true, force: true});
	}
	const section = plainFocusSection(report);
	const file = path.join(repoRoot, 'bench', 'RESULTS.md');
	fs.writeFileSync(file, spliceSection(fs.readFileSync(file, 'utf8'), PLAIN_FOCUS_TITLE, section));
	process.stdout.write(`${section.join('\n')}\n`);
	log(
		`replaced its section of bench/RESULTS.md (${((performance.now() - started) / 1000).toFixed(0)} s in all)`,
	);
}
