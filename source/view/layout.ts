import {effectiveServicesPanel, type ServicesPanel} from './services-panel.js';
import type {ViewState} from './view-state.js';

/** Where the TUI's panels go at one terminal size: heights and widths in cells. */
export type Layout = {
	/** Rows between header and footer, and of those the log pane's, the partitions' and the timeline's. */
	body: number;
	partitions: number;
	timeline: number;
	main: number;
	/** The services panel drawn (see `ServicesPanel`), its width (0 when hidden) and the log's. */
	servicesPanel: ServicesPanel;
	servicesWidth: number;
	logWidth: number;
};

/** Width of the wide services panel: 30% of the terminal, within 20 to 40 cells. */
function wideServicesWidth(columns: number): number {
	return Math.max(20, Math.min(40, Math.floor(columns * 0.3)));
}

/** Panel sizes for a terminal size and view state. Every height sums to at most `rows`. */
export function computeLayout(
	columns: number,
	rows: number,
	view: ViewState,
	partitionCount: number,
): Layout {
	const body = Math.max(0, rows - HEADER_HEIGHT - FOOTER_HEIGHT);
	const partitions = view.showPartitions
		? Math.min(partitionPanelHeight(partitionCount), Math.max(0, Math.floor(body / 2)))
		: 0;
	const timeline = view.timeline.open ? timelineHeight(body - partitions) : 0;
	const main = body - partitions - timeline;
	const servicesPanel = effectiveServicesPanel(view.servicesPanel, columns);
	const servicesWidth =
		servicesPanel === 'hidden'
			? 0
			: servicesPanel === 'narrow'
				? NARROW_SERVICES_WIDTH
				: wideServicesWidth(columns);
	// One blank column between the panels, none when the services panel is hidden.
	const logWidth = servicesWidth > 0 ? columns - servicesWidth - 1 : columns;
	return {body, partitions, timeline, main, servicesPanel, servicesWidth, logWidth};
}

/** Rows of the timeline (`T`): two fifths of the rows it shares with the log, 5 to 14, leaving the log 3. */
function timelineHeight(rows: number): number {
	return Math.max(0, Math.min(14, Math.max(5, Math.floor(rows * 0.4)), rows - 3));
}

/** Rows the footer takes. */
export const FOOTER_HEIGHT = 2;

/** Rows the header takes. */
export const HEADER_HEIGHT = 2;

/** Rows the panel wants for this many partitions (title + header + one per partition). */
export function partitionPanelHeight(partitionCount: number): number {
	return 2 + Math.max(1, partitionCount);
}

/** Width of the narrow panel: marker, number key and dot (5), then 9 cells of name. */
export const NARROW_SERVICES_WIDTH = 14;
