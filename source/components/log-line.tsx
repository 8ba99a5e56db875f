import type {LogRecord} from '../record/log-record.js';
import {type FilterTerm, findMatchRanges} from '../store/filter/record-filter.js';
import {isMark, type ViewLine} from '../store/log-store-types.js';
import {LEVEL_LABELS} from '../terminal-text/format-line.js';
import {CLOCK_WIDTH, DATE_WIDTH, formatDatedTime, formatTime} from '../terminal-text/format-time.js';
import {fitCell, type Segment} from '../terminal-text/segments.js';
import {levelColour, type ServiceColourOverrides, serviceColour} from '../terminal-text/service-colour.js';
import {splitAtWord} from '../terminal-text/truncate-to-width.js';

/** Column layout shared by every line of the pane (computed once per frame). */
export type LogLineLayout = {
	width: number;
	/** Cells for the service name column. */
	serviceWidth: number;
	/** Cells for the partition:offset column, 0 when hidden. */
	offsetWidth: number;
	/** The search term whose matches are highlighted in messages, or undefined. */
	highlight?: FilterTerm | undefined;
	/** Cells for the topic column (shown when several topics are read), 0 or absent when hidden. */
	topicWidth?: number;
	/** Colours chosen in the config file, by service name. */
	serviceColours?: ServiceColourOverrides | undefined;
	/** Dates in the time column (`YYYY-MM-DD HH:MM:SS.mmm`): some line on screen is not from today. */
	dated?: boolean;
};

/** Width of the time column plus its gap: `HH:MM:SS.mmm `, or with the date before it. */
function timeWidth(layout: LogLineLayout): number {
	return CLOCK_WIDTH + 1 + (layout.dated ? DATE_WIDTH : 0);
}

/** Split a message into plain and highlighted runs for the search. */
function highlightSegments(message: string, highlight: FilterTerm | undefined, base: Segment): Segment[] {
	if (!highlight || message === '') return [{...base, text: message}];
	const segments: Segment[] = [];
	let last = 0;
	for (const [start, end] of findMatchRanges(message, highlight)) {
		if (start > last) segments.push({...base, text: message.slice(last, start)});
		segments.push({text: message.slice(start, end), color: 'black', backgroundColor: 'yellow'});
		last = end;
	}
	if (last < message.length) segments.push({...base, text: message.slice(last)});
	return segments;
}

/** The columns before the message: selection marker, time, (offset), (topic), service, level. */
function prefixSegments(record: LogRecord, selected: boolean, layout: LogLineLayout): Segment[] {
	const topicWidth = layout.topicWidth ?? 0;
	return [
		{text: selected ? '▌' : ' ', color: 'cyan', bold: true},
		{
			text: `${layout.dated ? formatDatedTime(record.time) : formatTime(record.time)} `,
			dim: !selected,
			inverse: selected,
		},
		...(layout.offsetWidth > 0
			? [{text: `${fitCell(`${record.partition}:${record.offset}`, layout.offsetWidth - 1)} `, dim: true}]
			: []),
		...(topicWidth > 0 ? [{text: `${fitCell(record.topic, topicWidth - 1)} `, dim: true}] : []),
		{
			text: `${fitCell(record.service, layout.serviceWidth)} `,
			color: serviceColour(record.service, layout.serviceColours),
		},
		{text: `${LEVEL_LABELS[record.level]} `, color: levelColour(record.level), bold: record.level !== 'info'},
	];
}

/** Cells before the message column. */
export function prefixWidth(layout: LogLineLayout): number {
	return 1 + timeWidth(layout) + layout.offsetWidth + (layout.topicWidth ?? 0) + layout.serviceWidth + 1 + 6;
}

/**
 * The terminal rows of one view line: one row, or with `wrap` up to `maxRows` rows (the
 * message continues under the message column). Every row fits `layout.width` cells.
 */
export function logLineRows(
	line: ViewLine,
	selected: boolean,
	layout: LogLineLayout,
	wrap = false,
	maxRows = 1,
): Segment[][] {
	if (isMark(line)) {
		const text = ` ── ${line.label} · ${formatTime(line.time)} `;
		return [
			[
				{text: selected ? '▌' : ' ', color: 'cyan', bold: true},
				{text: text + '─'.repeat(Math.max(0, layout.width - text.length - 1)), color: 'magenta', bold: true},
			],
		];
	}
	const prefix = prefixSegments(line, selected, layout);
	const messageBase: Segment = {
		bold: selected,
		color: line.level === 'error' || line.level === 'fatal' ? 'red' : undefined,
		text: '',
	};
	const messageWidth = Math.max(1, layout.width - prefixWidth(layout));
	if (!wrap || maxRows <= 1)
		return [[...prefix, ...highlightSegments(line.message, layout.highlight, messageBase)]];
	const rows: Segment[][] = [];
	let rest = line.message;
	const indent: Segment = {text: ' '.repeat(Math.min(layout.width - 1, prefixWidth(layout)))};
	while (rows.length < maxRows) {
		const [head, tail] = splitAtWord(rest, messageWidth);
		const isLast = tail === '' || rows.length === maxRows - 1;
		// The last allowed row keeps the rest so it is cut with an ellipsis, showing there is more.
		const text = isLast ? rest : head;
		rows.push([
			...(rows.length === 0 ? prefix : [indent]),
			...highlightSegments(text, layout.highlight, messageBase),
		]);
		if (isLast || head === '') break;
		rest = tail;
	}
	return rows;
}
