/**
 * `npm run readme`: regenerates README.md's generated sections (flags, keys, formats, bench; see
 * tools/readme/readme-sections.ts) from the flag table, the key map and bench/RESULTS.md, then runs
 * Biome's formatter on README.md so the whole file stays as `npm run lint` wants it.
 * test/unit/tools/readme/readme-sections.test.ts fails when these sections are out of date.
 */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {FLAGS} from '../source/cli/flag-table.js';
import {RECORD_SHAPES} from '../source/record/shapes/record-shapes.js';
import {FILTER_NOTES, FILTER_SYNTAX} from '../source/store/filter/filter-syntax.js';
import {helpSections} from '../source/view/keys/key-help.js';
import {repoRoot} from '../tools/kafka/kafka-jars.js';
import {README_SECTIONS, updateReadme} from '../tools/readme/readme-sections.js';

const readmePath = path.join(repoRoot, 'README.md');
const resultsPath = path.join(repoRoot, 'bench', 'RESULTS.md');
const say = (line: string) => process.stderr.write(`readme: ${line}\n`);

function main(): number {
	const before = fs.readFileSync(readmePath, 'utf8');
	if (!fs.existsSync(resultsPath)) {
		say('bench/RESULTS.md is missing: run `npm run bench` (or `npm run bench -- --quick`) first.');
		return 1;
	}
	const generated = updateReadme(before, {
		flags: FLAGS,
		filterSyntax: FILTER_SYNTAX,
		filterNotes: FILTER_NOTES,
		keySections: helpSections(),
		benchResults: fs.readFileSync(resultsPath, 'utf8'),
		shapes: RECORD_SHAPES,
	});
	fs.writeFileSync(readmePath, generated);
	// The sections come out in Biome's format already; this also keeps the hand-written rest of
	// the README formatted, so `npm run lint` passes after every run.
	const biome = spawnSync(
		path.join(repoRoot, 'node_modules', '.bin', 'biome'),
		['format', '--write', readmePath],
		{
			cwd: repoRoot,
			encoding: 'utf8',
		},
	);
	if (biome.error || biome.status !== 0) {
		say(`biome format README.md failed: ${biome.error?.message ?? biome.stderr.trim()}`);
		return 1;
	}
	const after = fs.readFileSync(readmePath, 'utf8');
	say(
		after === before
			? `README.md was up to date (${README_SECTIONS.join(', ')})`
			: `README.md updated (${README_SECTIONS.join(', ')})`,
	);
	return 0;
}

try {
	process.exit(main());
} catch (error) {
	say(error instanceof Error ? error.message : String(error));
	process.exit(1);
}
