/**
 * How wide the services panel is drawn. The user picks one with `S`; until then it follows
 * the terminal: narrow below `NARROW_BELOW` columns, so that an 80-column terminal leaves the
 * log messages most of the row, wide above.
 */
export type ServicesPanel = 'wide' | 'narrow' | 'hidden';

/** Terminals narrower than this start with a narrow services panel. */
export const NARROW_BELOW = 100;

/** The panel drawn: the user's choice, or the default for the terminal's width. */
export function effectiveServicesPanel(choice: ServicesPanel | undefined, columns: number): ServicesPanel {
	return choice ?? (columns < NARROW_BELOW ? 'narrow' : 'wide');
}

/** What `S` turns the panel into: wide, narrow, hidden, wide again. */
export function nextServicesPanel(current: ServicesPanel): ServicesPanel {
	return current === 'wide' ? 'narrow' : current === 'narrow' ? 'hidden' : 'wide';
}
