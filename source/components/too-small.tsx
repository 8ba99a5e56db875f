import {Box, Text} from 'ink';
import {truncateToWidth} from '../terminal-text/truncate-to-width.js';

/** Smallest terminal the full layout is drawn in. */
export const MIN_COLUMNS = 60;
export const MIN_ROWS = 12;

/** True when the terminal is too small for the layout. */
export function isTooSmall(columns: number, rows: number): boolean {
	return columns < MIN_COLUMNS || rows < MIN_ROWS;
}

/**
 * The one line shown instead of a broken layout, in a frame as tall as the terminal like every
 * other frame: Ink draws a frame that fills the terminal on a cleared screen, a shorter one
 * relative to where the cursor is (see use-terminal-size.ts for why that matters on resize).
 */
export function TooSmall({columns, rows}: {columns: number; rows: number}) {
	const text = `Terminal too small (${columns}x${rows}); klog-tui needs at least ${MIN_COLUMNS}x${MIN_ROWS}. q quits.`;
	return (
		<Box width={columns} height={rows} overflow="hidden">
			<Text wrap="truncate-end">{truncateToWidth(text, Math.max(1, columns))}</Text>
		</Box>
	);
}
