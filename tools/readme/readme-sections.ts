/**
 * The generated sections of README.md: the flag tables (from the CLI's flag table), the filter
 * syntax (from its table in source/store/filter/filter-syntax.ts), the key
 * tables (from the key map) and the benchmark summary (quoted from bench/RESULTS.md). Each sits
 * between `<!-- name:start -->` and `<!-- name:end -->`; everything outside the markers is
 * written by hand and left as it is.
 *
 * Pure: text and data in, text out. `scripts/readme.ts` reads the files and writes README.md;
 * `test/unit/tools/readme/readme-sections.test.ts` uses the same functions to fail when README.md is stale.
 *
 * Tables come out padded the way Biome formats Markdown (cells padded to the column's
 * display width, separator dashes as wide as the column), so Biome leaves them alone.
 */
import stringWidth from 'string-width';
import type {FlagSpec} from '../../source/cli/flag-spec.js';
import {flagGroups, flagLabel} from '../../source/cli/help-text.js';
import type {RecordShape} from '../../source/record/shapes/record-shape.js';
import type {FilterSyntaxRow} from '../../source/store/filter/filter-syntax.js';
import type {HelpRow} from '../../source/view/keys/key-help.js';
import type {HelpSection} from '../../source/view/keys/key-types.js';
import {renderFormats} from './readme-formats.js';

/** The generated sections, in README order. */
export const README_SECTIONS = ['flags', 'filters', 'keys', 'formats', 'bench'] as const;
export type ReadmeSectionName = (typeof README_SECTIONS)[number];

/** The command that regenerates the sections (`"readme"` in package.json). */
export const REGENERATE_COMMAND = 'npm run readme';

/** Where each section's content comes from: named in the section's notice and in test failures. */
export const SECTION_SOURCES: Readonly<Record<ReadmeSectionName, string>> = {
	flags: 'source/cli/flag-table.ts',
	filters: 'source/store/filter/filter-syntax.ts',
	keys: 'source/view/key-map.ts',
	formats: 'source/record/shapes/record-shapes.ts',
	bench: 'bench/RESULTS.md',
};

/** Everything the sections are made from. */
export type ReadmeInputs = {
	/** The CLI's flags, in help order (`FLAGS`). */
	flags: readonly FlagSpec[];
	/** The filter syntax (`FILTER_SYNTAX`) and the notes under it (`FILTER_NOTES`). */
	filterSyntax: readonly FilterSyntaxRow[];
	filterNotes: readonly string[];
	/** The help overlay's sections (`helpSections()`). */
	keySections: readonly {section: HelpSection; rows: readonly HelpRow[]}[];
	/** The text of bench/RESULTS.md. */
	benchResults: string;
	/** The record-shape table (`RECORD_SHAPES`). */
	shapes: readonly RecordShape[];
};

/** `<!-- flags:start -->` */
export function startMarker(name: ReadmeSectionName): string {
	return `<!-- ${name}:start -->`;
}

/** `<!-- flags:end -->` */
export function endMarker(name: ReadmeSectionName): string {
	return `<!-- ${name}:end -->`;
}

// ---------------------------------------------------------------------------------------------
// Markdown building blocks

/** Column alignment, as the separator row writes it (`---`, `:--`, `--:`, `:-:`). */
export type Align = 'none' | 'left' | 'right' | 'center';

function separatorCell(align: Align, width: number): string {
	switch (align) {
		case 'left':
			return `:${'-'.repeat(width - 1)}`;
		case 'right':
			return `${'-'.repeat(width - 1)}:`;
		case 'center':
			return `:${'-'.repeat(width - 2)}:`;
		default:
			return '-'.repeat(width);
	}
}

function padCell(text: string, align: Align, width: number): string {
	const missing = width - stringWidth(text);
	if (missing <= 0) return text;
	if (align === 'right') return ' '.repeat(missing) + text;
	if (align === 'center') {
		const left = Math.floor(missing / 2);
		return ' '.repeat(left) + text + ' '.repeat(missing - left);
	}
	return text + ' '.repeat(missing);
}

/**
 * A GFM table in Biome's format: every column as wide as its widest cell (display width, so
 * `↑` counts one and `中` two), at least 3, the separator row's dashes filling the column.
 * Cells are Markdown already (see {@link inlineMarkdown}); short rows get empty cells.
 */
export function markdownTable(
	header: readonly string[],
	rows: readonly (readonly string[])[],
	align: readonly Align[] = [],
): string {
	const columns = Math.max(header.length, ...rows.map((row) => row.length));
	const cell = (row: readonly string[], column: number) => row[column] ?? '';
	const widths = Array.from({length: columns}, (_, column) =>
		Math.max(3, stringWidth(cell(header, column)), ...rows.map((row) => stringWidth(cell(row, column)))),
	);
	const alignOf = (column: number) => align[column] ?? 'none';
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	return [
		line(widths.map((width, column) => padCell(cell(header, column), alignOf(column), width))),
		line(widths.map((width, column) => separatorCell(alignOf(column), width))),
		...rows.map((row) =>
			line(widths.map((width, column) => padCell(cell(row, column), alignOf(column), width))),
		),
	].join('\n');
}

/** An inline code span that survives any content (a backtick inside needs a longer fence). */
export function codeSpan(text: string): string {
	const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
	const fence = '`'.repeat(longestRun + 1);
	const padded = text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text;
	// In a table cell a `|` ends the cell even inside a code span, unless escaped (GFM).
	return `${fence}${padded.replaceAll('|', '\\|')}${fence}`;
}

/**
 * Things that read best as code in prose: `--flags`, `$VARIABLES`, `NO_COLOR`-style names and
 * `~/paths` (up to a comma, semicolon, bracket or space).
 */
const CODE_TOKEN = /(--[a-z][a-z0-9-]*|\$[A-Z_][A-Z0-9_]*|\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|~\/[^\s,;)]+)/g;

/**
 * Plain text (a flag's or key's description) as Markdown for a table cell: flags, variables
 * and paths become code spans; the rest has Markdown's special characters escaped, so `*`,
 * `_`, `<name>` or `|` in a description can never turn into emphasis, HTML or a new cell.
 */
export function inlineMarkdown(text: string): string {
	return text
		.split(CODE_TOKEN)
		.map((part, index) => (index % 2 === 1 ? codeSpan(part) : part.replace(/[\\`*_[\]<>|~]/g, '\\$&')))
		.join('');
}

// ---------------------------------------------------------------------------------------------
// The sections

/** The flags: one table for the viewer, one for the demo's own flags. */
export function renderFlags(flags: readonly FlagSpec[]): string {
	const rowsOf = (chosen: readonly FlagSpec[]) =>
		chosen.map((flag) => [codeSpan(flagLabel(flag)), inlineMarkdown(flag.description)]);
	const {viewer, demoOnly, shared} = flagGroups(flags);
	const header = ['Flag', 'What it does'];
	return [
		'Options of `klog-tui` (`klog-tui --help` lists the same):',
		'',
		markdownTable(header, rowsOf(viewer)),
		'',
		`Options of \`klog-tui demo\`, which also takes ${shared.map((flag) => codeSpan(`--${flag.name}`)).join(', ')}:`,
		'',
		markdownTable(header, rowsOf(demoOnly)),
	].join('\n');
}

/** The filter syntax of `/`, `f`, `--grep` and `--service`-free text filters: one table. */
export function renderFilterSyntax(rows: readonly FilterSyntaxRow[], notes: readonly string[] = []): string {
	return [
		'The same terms work in the TUI (`/` filters, `f` searches) and in `--grep` (repeat it to AND).',
		'',
		markdownTable(
			['Term', 'Matches'],
			rows.map((row) => [codeSpan(row.example), inlineMarkdown(row.meaning)]),
		),
		// The notes are Markdown already (their code spans written in them).
		...(notes.length > 0 ? ['', ...notes.map((note) => `- ${note}`)] : []),
	].join('\n');
}

/** The keys: one table per section of the `?` overlay, in its order. */
export function renderKeys(sections: ReadmeInputs['keySections']): string {
	return [
		'The same list is in the TUI behind `?`.',
		...sections.flatMap(({section, rows}) => [
			'',
			`**${inlineMarkdown(section)}**`,
			'',
			markdownTable(
				['Key', 'What it does'],
				rows.map((row) => [codeSpan(row.label), inlineMarkdown(row.help)]),
			),
		]),
	].join('\n');
}

/** The sections of bench/RESULTS.md the README quotes (by the start of their `##` title); the rest is linked. */
export const QUOTED_BENCH_SECTIONS: readonly string[] = [
	'Reading the whole topic',
	'The TUI under a live stream',
	'Targets',
	'Time to the first line',
	'Plain output and compressed topics',
];

type MarkdownSection = {title: string; lines: string[]};

/** Splits Markdown at its `## ` headings; the text before the first one has the title ''. */
function splitSections(markdown: string): MarkdownSection[] {
	const sections: MarkdownSection[] = [{title: '', lines: []}];
	for (const line of markdown.replaceAll('\r\n', '\n').split('\n')) {
		const heading = /^## +(.*?)\s*$/.exec(line);
		if (heading) sections.push({title: heading[1]!, lines: []});
		else sections.at(-1)!.lines.push(line);
	}
	return sections;
}

/** A table row's cells, split at unescaped pipes, trimmed. */
export function tableCells(line: string): string[] {
	const inner = line
		.trim()
		.replace(/^\|/, '')
		.replace(/(?<!\\)\|$/, '');
	return inner.split(/(?<!\\)\|/).map((cell) => cell.trim());
}

function alignOfSeparator(cell: string): Align {
	const left = cell.startsWith(':');
	const right = cell.endsWith(':');
	if (left && right) return 'center';
	if (left) return 'left';
	if (right) return 'right';
	return 'none';
}

const isSeparatorRow = (cells: readonly string[]) => cells.every((cell) => /^:?-+:?$/.test(cell));

/**
 * Markdown lines with every table re-laid out by {@link markdownTable} (RESULTS.md's tables are
 * compact, `|---|`, since Biome does not format that generated file), other lines as they are.
 */
function relayTables(lines: readonly string[]): string[] {
	const out: string[] = [];
	let index = 0;
	while (index < lines.length) {
		if (!lines[index]!.trimStart().startsWith('|')) {
			out.push(lines[index]!);
			index += 1;
			continue;
		}
		const block: string[][] = [];
		while (index < lines.length && lines[index]!.trimStart().startsWith('|')) {
			block.push(tableCells(lines[index]!));
			index += 1;
		}
		const [header, separator, ...rows] = block;
		if (header && separator && isSeparatorRow(separator)) {
			out.push(markdownTable(header, rows, separator.map(alignOfSeparator)));
		} else {
			// Not a table after all (no separator row): leave the lines alone.
			out.push(...block.map((cells) => `| ${cells.join(' | ')} |`));
		}
	}
	return out;
}

/** Lines without leading and trailing blank ones, and runs of blank lines cut to one. */
function tidy(lines: readonly string[]): string[] {
	const kept: string[] = [];
	for (const line of lines.map((text) => text.trimEnd())) {
		if (line === '' && (kept.length === 0 || kept.at(-1) === '')) continue;
		kept.push(line);
	}
	while (kept.at(-1) === '') kept.pop();
	return kept;
}

/**
 * The benchmark summary: RESULTS.md's opening paragraph (date, machine, versions) and the
 * sections named in {@link QUOTED_BENCH_SECTIONS} (their tables re-laid out), then a link to
 * the file for the sections left out.
 * @throws Error when RESULTS.md lacks one of those sections (the bench's report changed shape).
 */
export function renderBench(results: string, resultsLink = 'bench/RESULTS.md'): string {
	const [opening, ...sections] = splitSections(results);
	const intro = opening!.lines.filter((line) => !/^# /.test(line));
	const quoted = QUOTED_BENCH_SECTIONS.map((prefix) => {
		const section = sections.find((candidate) => candidate.title.startsWith(prefix));
		if (!section) {
			throw new Error(
				`${resultsLink} has no "## ${prefix}..." section; update QUOTED_BENCH_SECTIONS in tools/readme/readme-sections.ts`,
			);
		}
		return section;
	});
	const left = sections.filter((section) => !quoted.includes(section)).map((section) => section.title);
	const link = `[${resultsLink}](${resultsLink})`;
	return tidy([
		`Quoted from ${link}, which \`npm run bench\` writes (what is measured and how: [bench/README.md](bench/README.md)).`,
		'',
		...intro,
		...quoted.flatMap((section) => ['', `### ${section.title}`, '', ...relayTables(section.lines)]),
		'',
		left.length > 0 ? `Also in ${link}: ${left.join('; ')}.` : '',
	]).join('\n');
}

/** Every section's content (without the markers and the notice). */
export function renderSections(inputs: ReadmeInputs): Record<ReadmeSectionName, string> {
	return {
		flags: renderFlags(inputs.flags),
		filters: renderFilterSyntax(inputs.filterSyntax, inputs.filterNotes),
		keys: renderKeys(inputs.keySections),
		formats: renderFormats(inputs.shapes, {codeSpan, inlineMarkdown, markdownTable}),
		bench: renderBench(inputs.benchResults),
	};
}

// ---------------------------------------------------------------------------------------------
// Markers

/** The comment at the top of each section, so nobody edits generated text by hand. */
export function sectionNotice(name: ReadmeSectionName): string {
	return `<!-- Generated from ${SECTION_SOURCES[name]} by \`${REGENERATE_COMMAND}\`: edit that, not this. -->`;
}

/** The start and end offsets of the text between a section's markers. */
function sectionRange(readme: string, name: ReadmeSectionName): {from: number; to: number} {
	const start = startMarker(name);
	const end = endMarker(name);
	const from = readme.indexOf(start);
	const to = readme.indexOf(end);
	if (from < 0 || to < 0 || to < from) {
		throw new Error(
			`README.md needs the markers ${start} and ${end} (in that order) around the ${name} section`,
		);
	}
	if (readme.indexOf(start, from + 1) >= 0 || readme.indexOf(end, to + 1) >= 0) {
		throw new Error(`README.md has the ${name} markers more than once`);
	}
	return {from: from + start.length, to};
}

/** The text between a section's markers, notice included. @throws Error when the markers are missing. */
export function readSection(readme: string, name: ReadmeSectionName): string {
	const {from, to} = sectionRange(readme, name);
	return readme.slice(from, to);
}

/**
 * README text with one section's content replaced (the notice on top, blank lines around the
 * content so Markdown sees the tables as blocks of their own). @throws Error when the markers are missing.
 */
export function replaceSection(readme: string, name: ReadmeSectionName, content: string): string {
	const {from, to} = sectionRange(readme, name);
	return `${readme.slice(0, from)}\n${sectionNotice(name)}\n\n${content}\n\n${readme.slice(to)}`;
}

/** README text with every generated section brought up to date; the rest untouched. */
export function updateReadme(readme: string, inputs: ReadmeInputs): string {
	const sections = renderSections(inputs);
	return README_SECTIONS.reduce((text, name) => replaceSection(text, name, sections[name]), readme);
}
