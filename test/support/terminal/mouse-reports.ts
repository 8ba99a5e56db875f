import type {MouseReport} from '../../../source/terminal-text/mouse-report.js';

/** A left press at the top-left cell, with whatever the test changes. */
export function mouseReport(overrides: Partial<MouseReport> = {}): MouseReport {
	return {
		button: 'left',
		release: false,
		motion: false,
		shift: false,
		alt: false,
		ctrl: false,
		column: 0,
		row: 0,
		...overrides,
	};
}
