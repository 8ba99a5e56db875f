import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {tuiLaunchFlagsHere} from '../source/cli/relaunch.js';
import {LAUNCH_V8_FLAGS} from '../source/tui/heap-tuning.js';

/** The repository root (this file lives in `<root>/bench/`). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the bench's compiled TypeScript (the TUI pipeline) goes; git-ignored. */
export const benchBuildDir = path.join(repoRoot, 'bench', 'out', 'build');

/** The compiled TUI pipeline script. */
export const tuiPipelineScript = path.join(benchBuildDir, 'bench', 'tui-pipeline.js');

/** The built CLI (`npm run build`). */
export const cliScript = path.join(repoRoot, 'dist', 'cli.js');

export type ContenderId = 'kcat' | 'classic' | 'bare' | 'plain' | 'tui' | 'hunt' | 'kcatGrep';

/** What one timed run reads: the whole topic, from the beginning to the end. */
export type RunTarget = {
	bootstrap: string;
	topic: string;
	/** Records in the topic (contenders that cannot see the end stop at this count). */
	records: number;
	/** A consumer group id of its own for this run. */
	groupId: string;
	/** For contenders that report details: where to write them (JSON). */
	resultFile: string;
	/** The producer compressed the topic's batches with this codec. */
	compression?: string;
	/** For the hunt rows: the trace id one record of the topic holds (hunt-focus.ts). */
	needle?: string;
};

export type Contender = {
	id: ContenderId;
	/** Row label in the table. */
	label: string;
	/** How it knows it is done, for the note under the table. */
	stop: string;
	command(target: RunTarget): {command: string; args: string[]};
};

/** The contenders of the compressed variants and of `--focus plain`: klog-tui plain beside kcat and bare kafkajs. */
export const plainFocusIds: readonly ContenderId[] = ['kcat', 'bare', 'plain'];

/**
 * `klog-tui --plain --output json --from-beginning --exit` over the target's topic, with `extra`
 * flags; no LAUNCH_V8_FLAGS: the CLI adds them only when stdout is a terminal (cli/relaunch.ts).
 */
function plainJsonRun(t: RunTarget, extra: readonly string[] = []) {
	return {
		command: process.execPath,
		args: [
			cliScript,
			'--plain',
			'--output',
			'json',
			'--from-beginning',
			...extra,
			'--exit',
			'-b',
			t.bootstrap,
			'-t',
			t.topic,
		],
	};
}

/** Every contender of the throughput table, in the order they alternate. */
const TUI_LABEL = 'klog-tui TUI pipeline (200x50 virtual terminal)';

export const contenders: readonly Contender[] = [
	{
		id: 'kcat',
		label: 'kcat -C -e (reference)',
		stop: 'exits by itself at the end of every partition (-e)',
		command: (t) => ({
			command: 'kcat',
			args: ['-C', '-b', t.bootstrap, '-t', t.topic, '-e', '-o', 'beginning', '-q'],
		}),
	},
	{
		id: 'classic',
		label: 'classic consumer (eachMessage + JSON.parse + console.log)',
		stop: 'exits in its handler once it has printed N records',
		command: (t) => ({
			command: process.execPath,
			args: [
				path.join(repoRoot, 'bench', 'classic-consumer.js'),
				t.bootstrap,
				t.topic,
				t.groupId,
				String(t.records),
			],
		}),
	},
	{
		id: 'bare',
		label: 'bare kafkajs eachBatch (ceiling)',
		stop: 'exits in its handler once it has counted N records',
		command: (t) => ({
			command: process.execPath,
			args: [
				path.join(repoRoot, 'bench', 'bare-each-batch.js'),
				t.bootstrap,
				t.topic,
				t.groupId,
				String(t.records),
				// kafkajs reads only gzip itself: klog-tui's codecs for the others.
				...(t.compression ? ['--codecs'] : []),
			],
		}),
	},
	{
		id: 'plain',
		label: 'klog-tui --plain --output json --exit',
		stop: 'exits by itself when every partition reached the end offsets seen at start (--exit)',
		command: (t) => plainJsonRun(t),
	},
	tuiIngestContender(tuiLaunchFlagsHere()),
];

/**
 * The TUI pipeline reading a topic, node started with `launchFlags`: by default those the CLI
 * starts the TUI with on the node running the bench (cli/relaunch.ts: `LAUNCH_V8_FLAGS` only
 * where node can relaunch itself, Node 22.15+ and 23.11+), so its rows are what a user gets here.
 */
export function tuiIngestContender(launchFlags: readonly string[], label = TUI_LABEL): Contender {
	return {
		id: 'tui',
		label,
		stop: "once the store's total reaches N it presses q (the app leaves its group, as a user's quit does) and exits",
		command: (t) => ({
			command: process.execPath,
			args: [
				...launchFlags,
				tuiPipelineScript,
				'--mode',
				'ingest',
				'--bootstrap',
				t.bootstrap,
				'--topic',
				t.topic,
				'--records',
				String(t.records),
				'--group',
				t.groupId,
				'--result-file',
				t.resultFile,
			],
		}),
	};
}

/**
 * The one extra TUI run: the other side of the relaunch from the TUI rows, so both are in
 * RESULTS.md (with `LAUNCH_V8_FLAGS` on Node 20, where users run without them; without them
 * where the TUI rows have them).
 */
export function otherLaunchContender(): Contender {
	const applied = tuiLaunchFlagsHere().length > 0;
	return applied
		? tuiIngestContender([], `${TUI_LABEL}, without ${LAUNCH_V8_FLAGS.join(' ')} (as on Node 20)`)
		: tuiIngestContender(
				LAUNCH_V8_FLAGS,
				`${TUI_LABEL}, with ${LAUNCH_V8_FLAGS.join(' ')} (as on Node 22.15+)`,
			);
}

/** The hunt rows (hunt-focus.ts): klog-tui's hunt beside kcat + grep; bare kafkajs from the table above. */
export const huntContenders: readonly Contender[] = [
	{
		id: 'kcatGrep',
		// The bar is escaped: the label is a cell of a Markdown table.
		label: 'kcat -C -e \\| grep -F <id> (reference)',
		stop: 'kcat exits at the end of every partition (-e), grep at the end of its input',
		command: (t) => ({
			command: 'sh',
			args: [
				'-c',
				// grep exits 1 when nothing matched: the hunt's id is in the topic, so 0 means found.
				`kcat -C -b '${t.bootstrap}' -t '${t.topic}' -e -o beginning -q | grep -F '${t.needle}'`,
			],
		}),
	},
	{
		id: 'hunt',
		label: 'klog-tui --plain --output json --from-beginning --grep trace_id=<id> --exit',
		stop: 'exits by itself at the end offsets seen at start (--exit); the filter runs in the stream worker',
		// The matched record whole (JSON), as grep prints kcat's line.
		command: (t) => plainJsonRun(t, ['--grep', `trace_id=${t.needle}`]),
	},
];
