import {useEffect, useRef} from 'react';
import type {MouseReport, MouseSource} from '../terminal-text/mouse-report.js';

/**
 * Hand each mouse report from `source` (the terminal's input, filtered in tui/mouse-input.ts)
 * to the latest `onReport`, the one of the frame on screen. No source: the mouse is off.
 */
export function useMouse(source: MouseSource | undefined, onReport: (report: MouseReport) => void): void {
	const latest = useRef(onReport);
	latest.current = onReport;
	useEffect(() => source?.subscribe((report) => latest.current(report)), [source]);
}
