import {Box} from 'ink';
import type {ServiceCount} from '../core/log-store.js';
import {type ServiceColourOverrides, serviceColour} from '../core/service-colour.js';
import {formatCount, formatRate} from './format-count.js';
import {fitCell, type Segment, SegmentLine} from './segment-line.js';
import {bucketHistory, sparkline} from './sparkline.js';

export type ServiceListProps = {
	/** All services, sorted by name; each keeps its own number (the keys 1-9). */
	services: readonly ServiceCount[];
	/** Highlighted row and first visible row (see the view state). */
	cursor: number;
	scroll: number;
	focused: boolean;
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

function serviceSegments(
	service: ServiceCount,
	countWidth: number,
	highlighted: boolean,
	width: number,
	overrides: ServiceColourOverrides | undefined,
): Segment[] {
	const number = service.number <= 9 ? `${service.number}` : ' ';
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
	const colour = service.hidden ? undefined : serviceColour(service.service, overrides);
	return [
		{text: highlighted ? '▶' : ' ', color: 'cyan', bold: true},
		{text: number, dim: service.hidden, bold: !service.hidden},
		{text: service.hidden ? ' ○ ' : ' ● ', color: colour, dim: service.hidden},
		{text: fitCell(service.service, nameWidth), color: colour, dim: service.hidden, inverse: highlighted},
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
export function ServiceList({
	services,
	cursor,
	scroll,
	focused,
	width,
	height,
	serviceColours,
}: ServiceListProps) {
	const rows = serviceRows(height);
	const shown = services.slice(scroll, scroll + rows);
	const hiddenCount = services.filter((service) => service.hidden).length;
	const countWidth = Math.max(0, ...shown.map((service) => formatCount(service.count).length));
	const title: Segment[] = [
		{text: ' Services', bold: true, color: focused ? 'cyan' : undefined, inverse: focused},
		{text: ` ${services.length}`, dim: true},
		{text: hiddenCount > 0 ? ` (${hiddenCount} hidden)` : '', dim: true},
		{text: services.length > rows ? ` ${scroll + 1}-${scroll + shown.length}` : '', dim: true},
	];
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			<SegmentLine segments={title} width={width} />
			{shown.map((service, offset) => (
				<SegmentLine
					key={service.service}
					segments={serviceSegments(
						service,
						countWidth,
						focused && scroll + offset === cursor,
						width,
						serviceColours,
					)}
					width={width}
				/>
			))}
		</Box>
	);
}
