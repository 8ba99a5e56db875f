import {useStdout} from 'ink';
import {useEffect, useRef, useState} from 'react';

export type TerminalSize = {columns: number; rows: number};

/** Used when the output is not a terminal and no size is given. */
const FALLBACK: TerminalSize = {columns: 80, rows: 24};

function measure(stdout: NodeJS.WriteStream): TerminalSize {
	return {columns: stdout.columns || FALLBACK.columns, rows: stdout.rows || FALLBACK.rows};
}

/**
 * The terminal's size, updated on every `resize` of stdout. `width`/`height` override it
 * (tests use fixed sizes so frames are deterministic).
 *
 * After a resize the app renders once more. Ink draws a frame on a cleared screen only when
 * the frame before it filled the terminal; otherwise (the terminal grew taller, or Ink's own
 * redraw when it got narrower) it moves the cursor up over the previous frame's rows and writes
 * over them. A terminal that reflows its lines on resize (tmux: a row as wide as the old width
 * takes two rows at a narrower one) has moved that frame, so parts of it stayed on screen. The
 * render after the first one at the new size, which fills the terminal (every frame does, the
 * too-small one included), repaints the whole screen.
 */
export function useTerminalSize(width?: number, height?: number): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState<TerminalSize>(() => measure(stdout));
	const [, setRepaints] = useState(0);
	const resized = useRef(false);
	useEffect(() => {
		const onResize = () => {
			resized.current = true;
			setSize(measure(stdout));
		};
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	// After the render that drew the new size: once more.
	useEffect(() => {
		if (!resized.current) return;
		resized.current = false;
		setRepaints((count) => count + 1);
	});
	return {columns: width ?? size.columns, rows: height ?? size.rows};
}
