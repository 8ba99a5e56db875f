import chalk from 'chalk';
import {paintFor} from './paint.js';
import type {Segment} from './segments.js';

/** One segment with its style applied, in the order Ink's `<Text>` applies them. */
function styleSegment(segment: Segment): string {
	let text = segment.text;
	if (segment.dim) text = chalk.dim(text);
	if (segment.color) text = paintFor(segment.color, false)?.(text) ?? text;
	if (segment.backgroundColor) text = paintFor(segment.backgroundColor, true)?.(text) ?? text;
	if (segment.bold) text = chalk.bold(text);
	if (segment.inverse) text = chalk.inverse(text);
	return text;
}

/** The codes before and after a segment's text, by style (a frame has a few dozen styles). */
const wrappers = new Map<string, readonly [open: string, close: string]>();
const MAX_WRAPPERS = 1024;
/** Stands for the text while a style's codes are worked out; no segment holds it (sanitised). */
const PLACEHOLDER = '\u0000';

function wrapperOf(segment: Segment): readonly [string, string] {
	const key = `${chalk.level}|${segment.color ?? ''}|${segment.backgroundColor ?? ''}|${segment.dim ? 1 : 0}${segment.bold ? 1 : 0}${segment.inverse ? 1 : 0}`;
	let wrapper = wrappers.get(key);
	if (wrapper === undefined) {
		const styled = styleSegment({...segment, text: PLACEHOLDER});
		const at = styled.indexOf(PLACEHOLDER);
		wrapper = [styled.slice(0, at), styled.slice(at + PLACEHOLDER.length)];
		if (wrappers.size >= MAX_WRAPPERS) wrappers.clear();
		wrappers.set(key, wrapper);
	}
	return wrapper;
}

/**
 * Segments as one string with their SGR colour codes: what a row of `<Text>` elements would
 * draw, built once per row instead of by Ink per element per frame. Segment text is sanitised
 * (no escape of its own), so each style's codes can be worked out once and put around it.
 */
export function styleSegments(segments: readonly Segment[]): string {
	let line = '';
	for (const segment of segments) {
		if (segment.text === '') continue;
		const [open, close] = wrapperOf(segment);
		line += open + segment.text + close;
	}
	return line;
}
