import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {FlagSpec} from '../../../../source/cli/flag-spec.js';
import {FLAGS} from '../../../../source/cli/flag-table.js';
import {helpText} from '../../../../source/cli/help-text.js';
import {RECORD_SHAPES} from '../../../../source/record/shapes/record-shapes.js';
import {FILTER_NOTES, FILTER_SYNTAX} from '../../../../source/store/filter/filter-syntax.js';
import {helpSections} from '../../../../source/view/keys/key-help.js';
import {repoRoot} from '../../../../tools/kafka/kafka-jars.js';
import {
	codeSpan,
	endMarker,
	inlineMarkdown,
	markdownTable,
	README_SECTIONS,
	type ReadmeInputs,
	readSection,
	renderBench,
	renderFlags,
	renderSections,
	replaceSection,
	SECTION_SOURCES,
	startMarker,
	tableCells,
	updateReadme,
} from '../../../../tools/readme/readme-sections.js';

/**
 * The same Markdown whatever the table padding: `npm run readme` runs Biome's formatter after
 * writing, so the comparison must not hang on how wide a column is padded, only on what the
 * cells say (and on each column's alignment).
 */
function normalise(markdown: string): string {
	return markdown
		.split('\n')
		.map((line) => {
			if (!line.trimStart().startsWith('|')) return line.trimEnd();
			const cells = tableCells(line).map((cell) =>
				/^:?-+:?$/.test(cell) ? cell.replace(/-+/, '-') : cell.replace(/\s+/g, ' '),
			);
			return `| ${cells.join(' | ')} |`;
		})
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

function currentInputs(): ReadmeInputs {
	return {
		flags: FLAGS,
		filterSyntax: FILTER_SYNTAX,
		filterNotes: FILTER_NOTES,
		keySections: helpSections(),
		shapes: RECORD_SHAPES,
		benchResults: fs.readFileSync(path.join(repoRoot, 'bench', 'RESULTS.md'), 'utf8'),
	};
}

describe('README.md generated sections', () => {
	const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
	const expected = updateReadme(readme, currentInputs());

	for (const name of README_SECTIONS) {
		it(`${name} is up to date with ${SECTION_SOURCES[name]}`, () => {
			expect(
				normalise(readSection(readme, name)),
				`README.md's ${name} section is out of date with ${SECTION_SOURCES[name]}: run \`npm run readme\``,
			).toBe(normalise(readSection(expected, name)));
		});
	}

	it('has no placeholder left', () => {
		expect(readme).not.toMatch(/[A-Z]+_PLACEHOLDER/);
	});
});

describe('the sections follow their sources', () => {
	const inputs = currentInputs();

	it('a new flag changes the flags section (so a stale README fails the check above)', () => {
		const extra: FlagSpec = {
			name: 'new-flag',
			type: 'string',
			valueName: '<x>',
			description: 'Something new',
			commands: ['view'],
		};
		const before = renderFlags(inputs.flags);
		const after = renderFlags([...inputs.flags, extra]);
		expect(before).not.toContain('--new-flag');
		expect(after).toContain('| `--new-flag <x>`');
	});

	it('lists viewer flags and demo-only flags apart, with the flags both take', () => {
		const flags = renderFlags(FLAGS);
		const [viewer, demo] = flags.split('Options of `klog-tui demo`');
		expect(viewer).toContain('`--tail <n>`');
		expect(viewer).not.toContain('`--rate <n>`');
		expect(demo).toContain('`--rate <n>`');
		expect(demo).toContain('which also takes `--brokers`, `--topic`');
		expect(demo).not.toContain('`--tail');
	});

	it('--help and the README name the same flags for the demo, its own and the ones it shares', () => {
		const help = helpText();
		const demoHelp = help.slice(
			help.indexOf('Demo options'),
			help.indexOf('\n\n', help.indexOf('Demo options')),
		);
		const demoReadme = renderFlags(FLAGS).split('Options of `klog-tui demo`')[1]!;
		const named = (text: string) => new Set([...text.matchAll(/--[a-z][a-z-]*/g)].map((match) => match[0]));
		expect(named(demoHelp)).toEqual(named(demoReadme));
		expect(named(demoHelp)).toContain('--sasl-mechanism');
		expect(named(demoHelp)).not.toContain('--tail');
	});

	it('has a table per help section, every documented key in it', () => {
		const keys = renderSections(inputs).keys;
		for (const group of helpSections()) {
			expect(keys).toContain(`**${group.section}**`);
			for (const row of group.rows) expect(keys).toContain(codeSpan(row.label));
		}
	});
});

describe('markdownTable', () => {
	it('pads columns to their display width, as Biome does', () => {
		expect(
			markdownTable(
				['Key', 'What'],
				[
					['`k/↑`', 'up'],
					['中', 'wide'],
				],
			),
		).toBe(['| Key   | What |', '| ----- | ---- |', '| `k/↑` | up   |', '| 中    | wide |'].join('\n'));
	});

	it('keeps alignment, at least three dashes, and fills short rows', () => {
		expect(markdownTable(['a', 'n'], [['x', '1,000'], ['y']], ['left', 'right'])).toBe(
			['| a   |     n |', '| :-- | ----: |', '| x   | 1,000 |', '| y   |       |'].join('\n'),
		);
	});
});

describe('inline Markdown', () => {
	it('turns flags, variables and paths into code, and escapes the rest', () => {
		expect(inlineMarkdown('With --exit (or $KLOG_PASSWORD, NO_COLOR, ~/.config/x.json; *a* <b> c|d)')).toBe(
			'With `--exit` (or `$KLOG_PASSWORD`, `NO_COLOR`, `~/.config/x.json`; \\*a\\* \\<b\\> c\\|d)',
		);
	});

	it('makes code spans that hold backticks and pipes', () => {
		expect(codeSpan('a|b')).toBe('`a\\|b`');
		expect(codeSpan('`')).toBe('`` ` ``');
	});
});

describe('markers', () => {
	const readme = `# T\n\nbefore\n${startMarker('keys')}\nold\n${endMarker('keys')}\nafter\n`;

	it('replaces only the text between the markers', () => {
		const updated = replaceSection(readme, 'keys', 'NEW');
		expect(
			updated.startsWith('# T\n\nbefore\n<!-- keys:start -->\n<!-- Generated from source/view/key-map.ts'),
		).toBe(true);
		expect(updated.endsWith('\n\nNEW\n\n<!-- keys:end -->\nafter\n')).toBe(true);
		expect(replaceSection(updated, 'keys', 'NEW')).toBe(updated);
	});

	it('says which markers are missing', () => {
		expect(() => readSection(readme, 'flags')).toThrow('<!-- flags:start --> and <!-- flags:end -->');
	});
});

describe('renderBench', () => {
	const results = [
		'# klog-tui benchmark results',
		'',
		'Written by `npm run bench` on 2030-01-01. Machine: 2 cores.',
		'',
		'## Reading the whole topic from the beginning to the end',
		'',
		'Intro.',
		'',
		'| Contender | records/s |',
		'|---|---:|',
		'| kcat | 100,000 |',
		'',
		'## The TUI under a live stream',
		'',
		'| Measure | p99 |',
		'|---|---:|',
		'| Frame | 9.5 |',
		'',
		'## How cost grows',
		'',
		'| a | b |',
		'|---|---|',
		'',
		'## Targets (issue 5)',
		'',
		'| Target | Met |',
		'|---|---|',
		'| fast | met |',
		'',
		'## Time to the first line (broker with production defaults)',
		'',
		'| Row | Median ms |',
		'|---|---:|',
		'| kcat | 530 |',
		'',
		'## Plain output and compressed topics (issue 15)',
		'',
		'| Variant | CPU µs/record |',
		'|---|---:|',
		'| 200 B lz4 | 8.6 |',
		'',
		'## Notes',
		'',
		'- a note',
	].join('\n');

	it('quotes the date line, the main tables and the targets, and links the rest', () => {
		const bench = renderBench(results);
		expect(bench).toContain('Written by `npm run bench` on 2030-01-01. Machine: 2 cores.');
		expect(bench).toContain('### Reading the whole topic from the beginning to the end\n\nIntro.\n\n');
		expect(bench).toContain('| kcat      |   100,000 |');
		expect(bench).toContain('| --------- | --------: |');
		expect(bench).toContain('### The TUI under a live stream');
		expect(bench).toContain('### Targets (issue 5)');
		expect(bench).toContain('### Time to the first line (broker with production defaults)');
		expect(bench).toContain('### Plain output and compressed topics (issue 15)');
		expect(bench).not.toContain('How cost grows\n');
		expect(bench).not.toContain('a note');
		expect(bench.endsWith('Also in [bench/RESULTS.md](bench/RESULTS.md): How cost grows; Notes.')).toBe(true);
	});

	it('fails loudly when the report lost a quoted section', () => {
		expect(() => renderBench(results.replace('## Targets (issue 5)', '## Goals'))).toThrow(
			'has no "## Targets..." section',
		);
	});
});
