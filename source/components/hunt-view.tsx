import {Box} from 'ink';
import type {HuntScreen} from '../hooks/use-hunt.js';
import type {LogRecord} from '../record/log-record.js';
import {formatEta, formatRate, type HuntProgress, type PartitionProgress} from '../stream/hunt-progress.js';
import {LEVEL_LABELS} from '../terminal-text/format-line.js';
import {dayOf, formatDatedTime, formatTime} from '../terminal-text/format-time.js';
import {fitCell, type Segment} from '../terminal-text/segments.js';
import {levelColour, serviceColour} from '../terminal-text/service-colour.js';
import {textWidth} from '../terminal-text/truncate-to-width.js';
import {SegmentLine} from './segment-line.js';

/** Widest topic and service cells (as the log pane's), narrower on a narrow terminal; longer names are cut. */
const nameCap = (width: number) => Math.max(6, Math.min(16, Math.floor(width / 8)));

const plural = (count: number, word: string) =>
	`${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : word.endsWith('ch') ? 'es' : 's'}`;

function outcomeSegment(screen: HuntScreen): Segment {
	switch (screen.outcome?.kind) {
		case undefined:
			return {text: 'hunting (Esc cancels)', color: 'cyan', bold: true};
		case 'done':
			return {text: 'done', color: 'green', bold: true};
		case 'cancelled':
			return {text: 'cancelled', color: 'yellow', bold: true};
		case 'tooMany':
			return {text: 'stopped: too many matches', color: 'yellow', bold: true};
		case 'failed':
			return {text: `failed: ${screen.outcome.reason}`, color: 'red', bold: true};
	}
}

/**
 * The top row: what ends first when the row is cut is the filter line (the user knows it), so
 * the state and the start come before it.
 */
function titleRow(screen: HuntScreen): Segment[] {
	return [
		{text: ' '},
		{text: ' Hunt ', bold: true, inverse: true},
		{text: ' '},
		outcomeSegment(screen),
		{text: ` · ${screen.startLabel} · `, dim: true},
		{text: screen.line, bold: true},
	];
}

const percentOf = (scanned: number, total: number) =>
	`${total > 0 ? Math.floor((scanned * 100) / total) : 100}%`;

/**
 * The sums: scanned of total, and while the hunt runs its rate and ETA (once it ended they
 * would only say how fast it was going when it stopped).
 */
function progressRow(progress: HuntProgress | undefined, running: boolean): Segment[] {
	if (!progress) return [{text: ' starting…', dim: true}];
	const {scanned, total} = progress;
	const speed = running ? `, ${formatRate(progress.rate)}, ETA ${formatEta(progress.etaMs)}` : '';
	return [
		{text: ` scanned ${scanned.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`, bold: true},
		{text: ` (${percentOf(scanned, total)})${speed}, `},
		{text: plural(progress.matches, 'match'), color: progress.matches > 0 ? 'cyan' : undefined},
	];
}

/** One row per partition, in columns as wide as the widest value of any row. */
function partitionRows(
	partitions: readonly PartitionProgress[],
	room: number,
	running: boolean,
	width: number,
): Segment[][] {
	const shown = partitions.length > room ? partitions.slice(0, Math.max(0, room - 1)) : partitions;
	const cells = shown.map((row) => ({
		// A long topic is cut, never its partition: the rows must tell the partitions apart.
		label: `${fitCell(row.topic, nameCap(width) * 2).trimEnd()}[${row.partition}]`,
		counts: `${row.scanned.toLocaleString('en-US')}/${row.total.toLocaleString('en-US')}`,
		percent: percentOf(row.scanned, row.total),
		rate: running ? formatRate(row.rate) : '',
		eta: running ? `ETA ${row.done ? '0s' : formatEta(row.etaMs)}` : '',
		matches: plural(row.matches, 'match'),
		done: row.done,
	}));
	const widest = (pick: (cell: (typeof cells)[number]) => string) =>
		Math.max(0, ...cells.map((cell) => textWidth(pick(cell))));
	const label = widest((cell) => cell.label);
	const counts = widest((cell) => cell.counts);
	const rate = widest((cell) => cell.rate);
	const eta = widest((cell) => cell.eta);
	const rows = cells.map((cell): Segment[] => [
		{text: `   ${fitCell(cell.label, label)}  `},
		{text: cell.counts.padStart(counts), bold: true},
		{text: ` ${cell.percent.padStart(4)}  `, dim: cell.done},
		{text: running ? `${cell.rate.padStart(rate)}  ${fitCell(cell.eta, eta)}  ` : '', dim: cell.done},
		{text: cell.matches, color: cell.matches.startsWith('0 ') ? undefined : 'cyan'},
	]);
	// Never dropped silently: the rest are named, and counted in the top line's sums.
	if (shown.length < partitions.length)
		rows.push([
			{
				text: `   … ${plural(partitions.length - shown.length, 'more partition')} (in the sums above)`,
				dim: true,
			},
		]);
	return rows;
}

/** How a match or context row is laid out: the widths of its columns. */
type RowLayout = {position: number; topic: number; service: number; dated: boolean};

function rowLayout(records: readonly LogRecord[], severalTopics: boolean, width: number): RowLayout {
	const today = dayOf(Date.now());
	let position = 0;
	let topic = 0;
	let service = 4;
	let dated = false;
	for (const record of records) {
		position = Math.max(position, `${record.partition}:${record.offset}`.length);
		if (severalTopics) topic = Math.max(topic, textWidth(record.topic));
		service = Math.max(service, textWidth(record.service));
		dated ||= Number.isFinite(record.time) && dayOf(record.time) !== today;
	}
	const cap = nameCap(width);
	return {position, topic: Math.min(topic, cap), service: Math.min(service, cap), dated};
}

/**
 * A match or context row, as the log pane draws a line: the marker, where it is (partition:
 * offset), when, (topic), service, level, message. Record strings are already terminal-safe.
 */
function recordRow(record: LogRecord, layout: RowLayout, cursor: boolean, match: boolean): Segment[] {
	return [
		{text: cursor ? '▌' : ' ', color: 'cyan', bold: true},
		{
			text: fitCell(`${record.partition}:${record.offset}`, layout.position),
			bold: match,
			color: match ? 'yellow' : undefined,
			inverse: cursor,
		},
		{text: ` ${layout.dated ? formatDatedTime(record.time) : formatTime(record.time)} `, dim: true},
		...(layout.topic > 0 ? [{text: `${fitCell(record.topic, layout.topic)} `, dim: true}] : []),
		{text: `${fitCell(record.service, layout.service)} `, color: serviceColour(record.service)},
		{text: `${LEVEL_LABELS[record.level]} `, color: levelColour(record.level), bold: record.level !== 'info'},
		{
			text: record.message,
			bold: cursor || match,
			color: record.level === 'error' || record.level === 'fatal' ? 'red' : undefined,
		},
	];
}

/** The first row of a window of `room` rows over `length` rows that keeps `cursor` in it, centred when it can. */
function windowTop(cursor: number, length: number, room: number): number {
	return Math.max(0, Math.min(cursor - Math.floor(room / 2), length - room));
}

/** The list under the progress: the matches, or the context of one (`C`), with its title. */
function listRows(screen: HuntScreen, room: number, width: number): Segment[][] {
	const severalTopics = new Set(screen.progress?.partitions.map((row) => row.topic)).size > 1;
	const hint = (text: string): Segment => ({text, dim: true});
	if (screen.context) {
		const {match, records, error, cursor} = screen.context;
		const title: Segment[] = [
			{text: ` context of ${match.topic}[${match.partition}] offset ${match.offset}`, bold: true},
			hint(' · 20 records each side · Esc back'),
		];
		if (error) return [title, [{text: ` could not read it: ${error}`, color: 'red'}]];
		if (!records) return [title, [hint(' reading…')]];
		const layout = rowLayout(records, severalTopics, width);
		const top = windowTop(cursor, records.length, room);
		return [
			title,
			...records
				.slice(top, top + room)
				.map((record, index) =>
					recordRow(record, layout, top + index === cursor, record.offset === match.offset),
				),
		];
	}
	const title: Segment[] = [
		{text: ` ${plural(screen.matches.length, 'match')}`, bold: true},
		hint(' · partition:offset · C context · Esc back'),
	];
	const layout = rowLayout(screen.matches, severalTopics, width);
	const top = windowTop(screen.cursor, screen.matches.length, room);
	return [
		title,
		...screen.matches
			.slice(top, top + room)
			.map((record, index) => recordRow(record, layout, top + index === screen.cursor, false)),
	];
}

/**
 * The hunt's screen: what it looks for and how it is going, progress per partition, then the
 * matches with their offsets, or the context of one (`C`). Every row has the one-cell left
 * margin of the other views and is cut at the width.
 */
export function HuntView({screen, width, height}: {screen: HuntScreen; width: number; height: number}) {
	const partitions = screen.progress?.partitions ?? [];
	// Partitions take at most half the rows (title, sums, blank and list title aside); more
	// are summed in the top line.
	const partitionRoom = Math.max(0, Math.floor((height - 4) / 2));
	const running = screen.outcome === undefined;
	const head: Segment[][] = [
		titleRow(screen),
		progressRow(screen.progress, running),
		...partitionRows(partitions, partitionRoom, running, width),
		[],
	];
	const room = Math.max(1, height - head.length - 1);
	const rows = [...head, ...listRows(screen, room, width)].slice(0, height);
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			{rows.map((segments, row) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: rows are positions on the screen
				<SegmentLine key={row} segments={segments} width={width} />
			))}
		</Box>
	);
}
