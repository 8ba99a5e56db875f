/**
 * Issue 15's hunt rows: "find request id X" through a whole topic, klog-tui's hunt (plain
 * `--grep trace_id=X --exit`, the filter in the stream worker, before packing) beside bare
 * kafkajs `eachBatch` (the client's ceiling, counting only) and kcat + grep, on 200 B records
 * in 6 partitions, one of which holds the id. Target: the hunt's scan rate at least 0.8x bare
 * kafkajs', in the same run. `npm run bench -- --focus hunt` measures only these rows.
 */
import {summarise} from '../tools/load/measure.js';
import {type ContenderResult, medianRate, throughputTable} from './results-table.js';

export const HUNT_FOCUS_TITLE = '## Hunt: one id in a whole topic (issue 15)';

export type HuntFocusReport = {
	results: ContenderResult[];
	focused: boolean;
	date: string;
	loadBefore: string;
	loadAfter: string;
	/** The id looked for, and the lines the hunt printed for it in a check run after the timed ones. */
	needle: string;
	matchedLines: number;
};

const fmtRatio = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}x` : '–');

function cpuPerRecord(result: ContenderResult | undefined): number {
	if (!result || result.error || result.samples.length === 0) return Number.NaN;
	return (summarise(result.samples.map((s) => s.cpuSeconds)).median * 1e6) / result.records;
}

export function huntFocusSection(report: HuntFocusReport | undefined): string[] {
	if (!report) return [HUNT_FOCUS_TITLE, '', 'Not measured.'];
	const row = (id: string) => report.results.find((r) => r.contender === id);
	const rateRatio = medianRate(row('hunt')) / medianRate(row('bare'));
	const cpuRatio = cpuPerRecord(row('hunt')) / cpuPerRecord(row('bare'));
	const met = Number.isFinite(rateRatio) ? (rateRatio >= 0.8 ? 'met' : 'NOT met') : 'not measured';
	const records = report.results[0]?.records.toLocaleString('en-US') ?? '–';
	return [
		HUNT_FOCUS_TITLE,
		'',
		`${report.focused ? `Measured by \`npm run bench -- --focus hunt\` on ${report.date} (only this section). ` : ''}` +
			`${records} records of ~200 B in 6 partitions; one holds trace id \`${report.needle}\`. Each contender reads the ` +
			'whole topic from the beginning, alternating: bare kafkajs counts records, kcat pipes every record to ' +
			'`grep -F`, klog-tui filters in its stream worker (a raw-bytes check on the id first, then the filter line ' +
			'itself on what is parsed) and only the match crosses to the main thread. ' +
			`The check run after the timed ones printed ${report.matchedLines} line(s) for the id. ` +
			`Load average ${report.loadBefore} before and ${report.loadAfter} after.`,
		'',
		...throughputTable(report.results),
		'',
		`Hunt vs bare kafkajs: scan rate ${fmtRatio(rateRatio)}, CPU per record ${fmtRatio(cpuRatio)}; kcat + grep ` +
			`${fmtRatio(medianRate(row('kcatGrep')) / medianRate(row('bare')))} of bare kafkajs' rate.`,
		'',
		'| Target | Measured | Met |',
		'|---|---|---|',
		`| Hunt scan rate at least 0.8x bare kafkajs \`eachBatch\` (same topic, same run) | ${fmtRatio(rateRatio)} | ${met} |`,
	];
}
