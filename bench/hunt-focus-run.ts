/**
 * `npm run bench -- --focus hunt`, and the same rows in the full run: the hunt rows
 * (hunt-focus.ts) on a broker of the bench's own.
 */
import {spawnSync} from 'node:child_process';
import type {KafkaCluster} from '../tools/kafka/kafka-broker.js';
import {createLogLineGenerator} from '../tools/load/log-lines.js';
import type {BenchConfig} from './bench-config.js';
import {contenders, huntContenders, repoRoot} from './contenders.js';
import {runFocused} from './focus-run.js';
import {HUNT_FOCUS_TITLE, type HuntFocusReport, huntFocusSection} from './hunt-focus.js';
import {mainVariant} from './results-table.js';
import {fill, loadAverage, timeAlternating} from './timed-runs.js';

/** The trace id of record `index` as the fill writes it (the same seeded generator, in order). */
function traceIdAt(index: number): string {
	const next = createLogLineGenerator(200);
	let line = '';
	for (let at = 0; at <= index; at++) line = next();
	return /"trace_id":"([0-9a-f]+)"/.exec(line)![1]!;
}

export async function measureHuntFocus(
	cluster: KafkaCluster,
	config: BenchConfig,
	focused: boolean,
): Promise<HuntFocusReport> {
	const loadBefore = loadAverage();
	const records = config.compressedRecords;
	const needle = traceIdAt(Math.floor(records * 0.7));
	const target = {...(await fill(cluster.bootstrap, 'bench-hunt', records, 6, 200, mainVariant)), needle};
	const bare = contenders.filter((c) => c.id === 'bare');
	const results = await timeAlternating([...bare, ...huntContenders], target, cluster.bootstrap, config.runs);
	const hunt = huntContenders
		.find((c) => c.id === 'hunt')!
		.command({
			bootstrap: cluster.bootstrap,
			topic: target.topic,
			records,
			groupId: '',
			resultFile: '',
			needle,
		});
	const check = spawnSync(hunt.command, hunt.args, {encoding: 'utf8', cwd: repoRoot});
	const matchedLines = check.stdout.split('\n').filter((line) => line.includes(needle)).length;
	return {
		results,
		focused,
		date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
		loadBefore,
		loadAfter: loadAverage(),
		needle,
		matchedLines,
	};
}

/** `--focus hunt`: measures only the hunt rows and replaces their section of RESULTS.md. */
export function mainFocusHunt(config: BenchConfig): Promise<void> {
	return runFocused(HUNT_FOCUS_TITLE, (cluster) => measureHuntFocus(cluster, config, true), huntFocusSection);
}
