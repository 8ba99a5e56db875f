import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

export type TerminalSize = {columns: number; rows: number};

/** Used when the output is not a terminal and no size is given. */
const FALLBACK: TerminalSize = {columns: 80, rows: 24};

function measure(stdout: NodeJS.WriteStream): TerminalSize {
	return {columns: stdout.columns || FALLBACK.columns, rows: stdout.rows || FALLBACK.rows};
}

/**
 * The terminal's size, updated on every `resize` of stdout. `width`/`height` override it
 * (tests use fixed sizes so frames are deterministic).
 */
export function useTerminalSize(width?: number, height?: number): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState<TerminalSize>(() => measure(stdout));
	useEffect(() => {
		const onResize = () => setSize(measure(stdout));
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return {columns: width ?? size.columns, rows: height ?? size.rows};
}
