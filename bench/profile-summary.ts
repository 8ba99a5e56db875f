/**
 * Summarises a V8 CPU profile (`node --cpu-prof`) as self time by function and by source
 * file, the numbers to decide optimisations with.
 * Usage: tsx bench/profile-summary.ts <file.cpuprofile> [top=25]
 */
import fs from 'node:fs';
import path from 'node:path';

type ProfileNode = {
	id: number;
	callFrame: {functionName: string; url: string; lineNumber: number; columnNumber: number};
	hitCount?: number;
	children?: number[];
};

type CpuProfile = {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
	startTime: number;
	endTime: number;
};

export type SelfTimeRow = {name: string; where: string; ms: number; share: number};

/** Self time (ms) per function and per file, largest first. */
export function summariseProfile(profile: CpuProfile): {
	totalMs: number;
	byFunction: SelfTimeRow[];
	byFile: SelfTimeRow[];
} {
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	const selfMicros = new Map<number, number>();
	// Each sample's time is the delta to the next sample; attribute it to the sampled (leaf) node.
	for (let i = 0; i < profile.samples.length; i++) {
		const delta = profile.timeDeltas[i + 1] ?? 0;
		const id = profile.samples[i]!;
		selfMicros.set(id, (selfMicros.get(id) ?? 0) + delta);
	}
	const totalMicros = [...selfMicros.values()].reduce((sum, n) => sum + n, 0);
	const byFunction = new Map<string, SelfTimeRow>();
	const byFile = new Map<string, SelfTimeRow>();
	const add = (map: Map<string, SelfTimeRow>, key: string, name: string, where: string, micros: number) => {
		const row = map.get(key) ?? {name, where, ms: 0, share: 0};
		row.ms += micros / 1000;
		map.set(key, row);
	};
	for (const [id, micros] of selfMicros) {
		const frame = nodes.get(id)?.callFrame;
		if (!frame) continue;
		const file = shortFile(frame.url);
		const name = frame.functionName || (frame.url ? '(anonymous)' : '(native/VM)');
		const where = frame.url ? `${file}:${frame.lineNumber + 1}` : '';
		add(byFunction, `${name}@${where}`, name, where, micros);
		add(byFile, file || name, file || name, '', micros);
	}
	const finish = (map: Map<string, SelfTimeRow>) =>
		[...map.values()]
			.map((row) => ({...row, share: totalMicros > 0 ? (row.ms * 1000) / totalMicros : 0}))
			.sort((a, b) => b.ms - a.ms);
	return {totalMs: totalMicros / 1000, byFunction: finish(byFunction), byFile: finish(byFile)};
}

/** `file:///work/main/node_modules/kafkajs/src/x.js` → `kafkajs/src/x.js`; repo files relative to the repo. */
function shortFile(url: string): string {
	if (!url) return '';
	const file = url.replace(/^file:\/\//, '');
	const modules = file.lastIndexOf('/node_modules/');
	if (modules >= 0) return file.slice(modules + '/node_modules/'.length);
	if (file.startsWith('node:')) return file;
	return path.relative(process.cwd(), file);
}

/** The summary as Markdown tables. */
export function renderProfileSummary(file: string, top: number): string {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
	const summary = summariseProfile(profile);
	const rows = (list: SelfTimeRow[]) =>
		list
			.slice(0, top)
			.map(
				(row) => `| ${row.name} | ${row.where} | ${row.ms.toFixed(0)} | ${(row.share * 100).toFixed(1)}% |`,
			);
	return [
		`Profile ${path.basename(file)}: ${(summary.totalMs / 1000).toFixed(2)} s sampled.`,
		'',
		'| Function (self time) | Where | ms | share |',
		'|---|---|---:|---:|',
		...rows(summary.byFunction),
		'',
		'| File / package (self time) | | ms | share |',
		'|---|---|---:|---:|',
		...rows(summary.byFile),
	].join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
	const [file, top] = process.argv.slice(2);
	if (!file) {
		process.stderr.write('usage: tsx bench/profile-summary.ts <file.cpuprofile> [top]\n');
		process.exit(2);
	}
	process.stdout.write(`${renderProfileSummary(file, Number(top ?? 25))}\n`);
}
