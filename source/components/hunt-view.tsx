import {Box, Text} from 'ink';
import type {HuntScreen} from '../hooks/use-hunt.js';
import type {LogRecord} from '../record/log-record.js';
import {formatEta, formatRate, huntProgressLine, type PartitionProgress} from '../stream/hunt-progress.js';
import {formatTime} from '../terminal-text/format-time.js';
import {truncateToWidth} from '../terminal-text/truncate-to-width.js';

/** Partitions listed with their own progress row; more are summed in the top line only. */
const MAX_PARTITION_ROWS = 8;

function outcomeText(screen: HuntScreen): string {
	switch (screen.outcome?.kind) {
		case undefined:
			return 'hunting (Esc cancels)';
		case 'done':
			return 'done';
		case 'cancelled':
			return 'cancelled';
		case 'tooMany':
			return 'stopped: too many matches';
		case 'failed':
			return `failed: ${screen.outcome.reason}`;
	}
}

function partitionRow(row: PartitionProgress): string {
	const percent = row.total > 0 ? Math.floor((row.scanned * 100) / row.total) : 100;
	return (
		`  ${row.topic}[${row.partition}]  ${row.scanned.toLocaleString('en-US')}/${row.total.toLocaleString('en-US')} ` +
		`${String(percent).padStart(3)}%  ${formatRate(row.rate)}  ETA ${row.done ? '0s' : formatEta(row.etaMs)}  ` +
		`${row.matches} match${row.matches === 1 ? '' : 'es'}`
	);
}

/** A match or context row: where it is (offset), when, who, what. Record strings are already terminal-safe. */
function recordRow(record: LogRecord): string {
	return `${record.partition}:${record.offset}  ${formatTime(record.time)}  ${record.service}  ${record.message}`;
}

function Rows({rows, selected, width}: {rows: readonly string[]; selected: number; width: number}) {
	return (
		<>
			{rows.map((row, index) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: rows are positional, redrawn whole
				<Text key={index} inverse={index === selected}>
					{truncateToWidth(row, width)}
				</Text>
			))}
		</>
	);
}

/** The hunt's screen: progress per partition, then the matches with their offsets, or the context of one (`C`). */
export function HuntView({screen, width, height}: {screen: HuntScreen; width: number; height: number}) {
	const head = [
		`hunt: ${screen.line} (${screen.startLabel}): ${outcomeText(screen)}`,
		screen.progress ? huntProgressLine(screen.progress) : 'starting…',
		...(screen.progress?.partitions.slice(0, MAX_PARTITION_ROWS).map(partitionRow) ?? []),
		'',
	];
	const room = Math.max(1, height - head.length - 1);
	let title: string;
	let rows: string[];
	let selected: number;
	if (screen.context) {
		const {match, records, error, scroll} = screen.context;
		title = `context of ${match.topic}[${match.partition}] offset ${match.offset}: 20 records each side (Esc back)`;
		const list = records ?? [];
		rows = error ? [`could not read it: ${error}`] : records ? list.map(recordRow) : ['reading…'];
		const at = list.findIndex((record) => record.offset === match.offset);
		const top = Math.max(0, Math.min(scroll, list.length - room));
		rows = rows.slice(top, top + room);
		selected = at - top;
	} else {
		title = `${screen.matches.length} match${screen.matches.length === 1 ? '' : 'es'} (partition:offset; j/k, C context, Esc back)`;
		const top = Math.max(0, screen.cursor - room + 1);
		rows = screen.matches.slice(top, top + room).map(recordRow);
		selected = screen.cursor - top;
	}
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			<Rows rows={[...head.slice(0, Math.max(0, height - 2)), title]} selected={-1} width={width} />
			<Rows rows={rows} selected={selected} width={width} />
		</Box>
	);
}
