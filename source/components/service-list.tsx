import {Box} from 'ink';
import type {ServiceCount} from '../core/log-store.js';
import {serviceColour} from '../core/service-colour.js';
import {formatCount, formatRate} from './format-count.js';
import {fitCell, type Segment, SegmentLine} from './segment-line.js';

export type ServiceListProps = {
	/** All services, sorted by name (the number keys 1-9 follow this order). */
	services: readonly ServiceCount[];
	/** Highlighted row and first visible row (see the view state). */
	cursor: number;
	scroll: number;
	focused: boolean;
	width: number;
	height: number;
};

/** Rows of services the list shows: its height minus the title row. */
export function serviceRows(height: number): number {
	return Math.max(0, height - 1);
}

function serviceSegments(
	service: ServiceCount,
	index: number,
	highlighted: boolean,
	width: number,
): Segment[] {
	const number = index < 9 ? `${index + 1}` : ' ';
	const numbers = `${formatCount(service.count)} ${`${formatRate(service.rate)}/s`.padStart(6)}`;
	// Marker, number key and dot take 5 cells; one space before the numbers.
	const nameWidth = Math.max(1, width - 5 - numbers.length - 1);
	const colour = service.hidden ? undefined : serviceColour(service.service);
	return [
		{text: highlighted ? '▶' : ' ', color: 'cyan', bold: true},
		{text: number, dim: service.hidden, bold: !service.hidden},
		{text: service.hidden ? ' ○ ' : ' ● ', color: colour, dim: service.hidden},
		{text: fitCell(service.service, nameWidth), color: colour, dim: service.hidden, inverse: highlighted},
		{text: ' '},
		{text: numbers, dim: true},
	];
}

/** The services panel: one row per service, its colour, number key, count and rate; hidden ones dimmed. */
export function ServiceList({services, cursor, scroll, focused, width, height}: ServiceListProps) {
	const rows = serviceRows(height);
	const shown = services.slice(scroll, scroll + rows);
	const hiddenCount = services.filter((service) => service.hidden).length;
	const title: Segment[] = [
		{text: ' Services', bold: true, color: focused ? 'cyan' : undefined, inverse: focused},
		{text: ` ${services.length}`, dim: true},
		{text: hiddenCount > 0 ? ` (${hiddenCount} hidden)` : '', dim: true},
		{text: services.length > rows ? ` ${scroll + 1}-${scroll + shown.length}` : '', dim: true},
	];
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<SegmentLine segments={title} width={width} />
			{shown.map((service, offset) => (
				<SegmentLine
					key={service.service}
					segments={serviceSegments(service, scroll + offset, focused && scroll + offset === cursor, width)}
					width={width}
				/>
			))}
		</Box>
	);
}
