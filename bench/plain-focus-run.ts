/**
 * `npm run bench -- --focus plain`, and the same rows in the full run: issue 15's plain-output
 * rows (plain-focus.ts) measured on a broker of the bench's own.
 */
import type {KafkaCluster} from '../tools/kafka/kafka-broker.js';
import type {BenchConfig} from './bench-config.js';
import {contenders, plainFocusIds} from './contenders.js';
import {runFocused} from './focus-run.js';
import {
	COMPRESSED_CODECS,
	compressedVariant,
	PLAIN_FOCUS_TITLE,
	type PlainFocusReport,
	plainFocusSection,
} from './plain-focus.js';
import {type ContenderResult, mainVariant} from './results-table.js';
import {fill, loadAverage, timeAlternating} from './timed-runs.js';

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
export function mainFocusPlain(config: BenchConfig): Promise<void> {
	return runFocused(
		PLAIN_FOCUS_TITLE,
		(cluster) => measurePlainFocus(cluster, config, {plainAvailable: true, focused: true}),
		plainFocusSection,
	);
}
