import {Box} from 'ink';
import {memo} from 'react';
import type {ServiceCount} from '../store/log-store-types.js';
import {formatCount, formatRate} from '../terminal-text/format-count.js';
import {fitCell, type Segment} from '../terminal-text/segments.js';
import {type ServiceColourOverrides, serviceColour} from '../terminal-text/service-colour.js';
import {fitItems} from '../view/fit-items.js';
import {SegmentLine, SegmentRows} from './segment-line.js';
import {bucketHistory, sparkline} from './sparkline.js';

export type ServiceListProps = {
	/** All services, sorted by name; each keeps its own number (the keys 1-9). */
	services: readonly ServiceCount[];
	/** Highlighted row and first visible row (see the view state). */
	cursor: number;
	scroll: number;
	focused: boolean;
	/** Only the number key, the dot and the name (see `NARROW_SERVICES_WIDTH`). */
	narrow?: boolean;
	width: number;
	height: number;
	/** Colours chosen in the config file, by service name. */
	serviceColours?: ServiceColourOverrides | undefined;
};

/** Rows of services the list shows: its height minus the title row. */
export function serviceRows(height: number): number {
	return Math.max(0, height - 1);
}

/** Cells a service name keeps before the sparkline gives way. */
const MIN_NAME_WIDTH = 8;
/** Most cells a per-service sparkline takes. */
const MAX_SPARK_WIDTH = 12;

/**
 * Cells for a row's sparkline: what is left once the marker, number key and dot (5),
 * the name (at least `MIN_NAME_WIDTH`), the numbers and the gaps between them are placed.
 */
export function serviceSparkWidth(width: number, numbersWidth: number): number {
	return Math.max(0, Math.min(MAX_SPARK_WIDTH, width - 5 - MIN_NAME_WIDTH - 1 - numbersWidth - 1));
}

type RowStyle = {
	countWidth: number;
	narrow: boolean;
	width: number;
	overrides: ServiceColourOverrides | undefined;
};

function serviceSegments(service: ServiceCount, highlighted: boolean, style: RowStyle): Segment[] {
	const {countWidth, width, overrides} = style;
	const number = service.number <= 9 ? `${service.number}` : ' ';
	const colour = service.hidden ? undefined : serviceColour(service.service, overrides);
	const head: Segment[] = [
		{text: highlighted ? '▶' : ' ', color: 'cyan', bold: true},
		{text: number, dim: service.hidden, bold: !service.hidden},
		{text: service.hidden ? ' ○ ' : ' ● ', color: colour, dim: service.hidden},
	];
	const name = (cells: number): Segment => ({
		text: fitCell(service.service, cells),
		color: colour,
		dim: service.hidden,
		inverse: highlighted,
	});
	if (style.narrow) return [...head, name(Math.max(1, width - 5))];
	// Counts right-aligned in one column, so the sparklines before them line up.
	const numbers = `${formatCount(service.count).padStart(countWidth)} ${`${formatRate(service.rate)}/s`.padStart(6)}`;
	const sparkWidth = serviceSparkWidth(width, numbers.length);
	// The whole history (minutes) squeezed into the cells there are, padded to line up.
	const spark =
		sparkWidth > 0
			? sparkline(bucketHistory(service.history, sparkWidth), sparkWidth).padStart(sparkWidth)
			: '';
	// Marker, number key and dot take 5 cells; one space before the sparkline and the numbers.
	const nameWidth = Math.max(1, width - 5 - (spark ? spark.length + 1 : 0) - numbers.length - 1);
	return [
		...head,
		name(nameWidth),
		...(spark ? [{text: ' '}, {text: spark, color: colour, dim: service.hidden}] : []),
		{text: ' '},
		{text: numbers, dim: true},
	];
}

/**
 * The services panel: one row per service, its colour, number key, a sparkline of its
 * records/s over the last minutes (when the panel is wide enough), count and rate;
 * hidden ones dimmed.
 */
export const ServiceList = memo(function ServiceList({
	services,
	cursor,
	scroll,
	focused,
	narrow = false,
	width,
	height,
	serviceColours,
}: ServiceListProps) {
	const rows = serviceRows(height);
	const shown = services.slice(scroll, scroll + rows);
	const hiddenCount = services.filter((service) => service.hidden).length;
	const countWidth = Math.max(0, ...shown.map((service) => formatCount(service.count).length));
	// The title drops what does not fit whole (the narrow panel has room for the count only).
	const title = fitItems(
		[
			{
				forms: [[{text: ' Services', bold: true, color: focused ? 'cyan' : undefined, inverse: focused}]],
				priority: 3,
			},
			{forms: [[{text: ` ${services.length}`, dim: true}]], priority: 2, glue: true},
			{
				forms: [[{text: hiddenCount > 0 ? ` (${hiddenCount} hidden)` : '', dim: true}]],
				priority: 1,
				glue: true,
			},
			{
				forms: [[{text: services.length > rows ? ` ${scroll + 1}-${scroll + shown.length}` : '', dim: true}]],
				priority: 1,
				glue: true,
			},
		],
		width,
	);
	const style: RowStyle = {countWidth, narrow, width, overrides: serviceColours};
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			<SegmentLine segments={title} width={width} />
			<SegmentRows
				rows={shown.map((service, offset) =>
					serviceSegments(service, focused && scroll + offset === cursor, style),
				)}
				width={width}
			/>
		</Box>
	);
});
