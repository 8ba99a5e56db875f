/**
 * Issue 15's plain-output rows: klog-tui `--plain --output json --exit` beside kcat and bare
 * kafkajs on 200 B records, uncompressed and with lz4 and zstd batches (as a producer with
 * `compression.type` writes them), and the targets: plain output's CPU per record at most 1.5x
 * bare kafkajs' and its records/s at least 0.7x, and a compressed topic at most 1.5x the CPU
 * per record of the uncompressed one. `npm run bench` writes this section with the rest;
 * `npm run bench -- --focus plain` measures only these rows and replaces this section of
 * bench/RESULTS.md, leaving the others as the last full run wrote them.
 */

import {summarise} from '../tools/load/measure.js';
import type {ContenderId} from './contenders.js';
import {type ContenderResult, mainVariant, medianRate, throughputTable} from './results-table.js';

/** The section's heading; the README quotes the section by its start. */
export const PLAIN_FOCUS_TITLE = '## Plain output and compressed topics (issue 15)';

/** The producer codecs of the compressed variants. */
export const COMPRESSED_CODECS = ['lz4', 'zstd'] as const;

/** The row label of a compressed variant. */
export const compressedVariant = (codec: string) => `${mainVariant} ${codec}`;

export type PlainFocusReport = {
	/** The uncompressed 200 B rows and the compressed variants' rows. */
	results: ContenderResult[];
	/** True for `--focus plain` (only these rows were measured in that run). */
	focused: boolean;
	date: string;
	loadBefore: string;
	loadAfter: string;
};

/** Why a target is not met, from the CPU profile of the run that set it (bench/README.md, Profiling). */
const NOT_MET_REASONS: Readonly<Record<string, string>> = {
	cpu:
		'the stream worker decodes the fetch responses itself and ships the records as read, and the main thread ' +
		'writes the lines from the value bytes in one pass, then the time order and output; on top of that the ' +
		'second isolate starts (~0.25 s). Profile the run (bench/README.md, Profiling) for where the time goes now.',
	rate:
		'kafkajs (stream worker) and the line writing (main thread) now run in parallel, each busy about the same; ' +
		'on two cores shared with the broker both wait for a core, so more speed needs less CPU per record on both.',
	codec:
		'decompression runs in the stream worker (lz4 in JavaScript, zstd as WebAssembly) beside the record decoder.',
};

type Target = {text: string; measured: string; met: boolean | undefined; reason: string};

const fmtRatio = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}x` : '–');

/** CPU µs per record, median over the runs; NaN when the row failed. */
function cpuPerRecord(result: ContenderResult | undefined): number {
	if (!result || result.error || result.samples.length === 0) return Number.NaN;
	return (summarise(result.samples.map((s) => s.cpuSeconds)).median * 1e6) / result.records;
}

function targets(results: readonly ContenderResult[]): Target[] {
	const row = (contender: ContenderId, variant: string) =>
		results.find((r) => r.contender === contender && r.variant === variant);
	const check = (value: number, ok: (v: number) => boolean) =>
		Number.isFinite(value) ? ok(value) : undefined;
	const plainCpu = cpuPerRecord(row('plain', mainVariant));
	const cpuRatio = plainCpu / cpuPerRecord(row('bare', mainVariant));
	const rateRatio = medianRate(row('plain', mainVariant)) / medianRate(row('bare', mainVariant));
	const list: Array<Omit<Target, 'reason'> & {why: string}> = [
		{
			text: '`--plain --output json --exit` CPU per record at most 1.5x bare kafkajs (200 B)',
			measured: fmtRatio(cpuRatio),
			met: check(cpuRatio, (v) => v <= 1.5),
			why: 'cpu',
		},
		{
			text: '`--plain --output json --exit` records/s at least 0.7x bare kafkajs (200 B)',
			measured: fmtRatio(rateRatio),
			met: check(rateRatio, (v) => v >= 0.7),
			why: 'rate',
		},
		...COMPRESSED_CODECS.map((codec) => {
			const ratio = cpuPerRecord(row('plain', compressedVariant(codec))) / plainCpu;
			return {
				text: `${codec}: \`--plain\` CPU per record at most 1.5x the uncompressed topic's`,
				measured: fmtRatio(ratio),
				met: check(ratio, (v) => v <= 1.5),
				why: 'codec',
			};
		}),
	];
	return list.map(({why, ...target}) => ({
		...target,
		reason: target.met === false ? NOT_MET_REASONS[why]! : '',
	}));
}

/** The section as Markdown lines. */
export function plainFocusSection(report: PlainFocusReport | undefined): string[] {
	if (!report) return [PLAIN_FOCUS_TITLE, '', 'Not measured.'];
	const first = report.results[0];
	const records = first ? first.records.toLocaleString('en-US') : '–';
	const codecCpu = (contender: ContenderId) =>
		COMPRESSED_CODECS.map((codec) => {
			const ratio =
				cpuPerRecord(
					report.results.find((r) => r.contender === contender && r.variant === compressedVariant(codec)),
				) / cpuPerRecord(report.results.find((r) => r.contender === contender && r.variant === mainVariant));
			return `${codec} ${fmtRatio(ratio)}`;
		}).join(', ');
	return [
		PLAIN_FOCUS_TITLE,
		'',
		`${report.focused ? `Measured by \`npm run bench -- --focus plain\` on ${report.date} (only this section; the others are from the last full run). ` : ''}` +
			`${records} records of ~200 B in 6 partitions, uncompressed and with the producer's (kcat, librdkafka) lz4 and zstd ` +
			`batches; kcat, bare kafkajs (with klog-tui's codecs for the compressed topics: kafkajs ships only gzip) and ` +
			'klog-tui plain read each topic whole, alternating, as in the table above. ' +
			`Load average ${report.loadBefore} before and ${report.loadAfter} after.`,
		'',
		...throughputTable(report.results),
		'',
		`CPU per record of a compressed topic vs the uncompressed one: kcat ${codecCpu('kcat')}; bare kafkajs ${codecCpu('bare')}; klog-tui plain ${codecCpu('plain')}.`,
		'',
		'| Target | Measured | Met | Why not |',
		'|---|---|---|---|',
		...targets(report.results).map(
			(t) =>
				`| ${t.text} | ${t.measured} | ${t.met === undefined ? 'not measured' : t.met ? 'met' : 'NOT met'} | ${t.reason} |`,
		),
	];
}
