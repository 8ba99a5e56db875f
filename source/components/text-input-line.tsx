import stringWidth from 'string-width';
import type {Segment} from '../terminal-text/segments.js';
import {SegmentLine} from './segment-line.js';

/** The end of `text` that fits `cells` cells, with `…` in front when cut. */
function tailToWidth(text: string, cells: number): string {
	if (stringWidth(text) <= cells) return text;
	let tail = '';
	let used = 1;
	for (const character of Array.from(text).reverse()) {
		const width = stringWidth(character);
		if (used + width > cells) break;
		tail = character + tail;
		used += width;
	}
	return `…${tail}`;
}

export type TextInputLineProps = {
	/** What is typed: `filter` or `search`. */
	kind: 'filter' | 'search';
	text: string;
	width: number;
	/** Error for what is typed so far (bad regex), if any. */
	error?: string | undefined;
};

/**
 * The line being typed, with a block cursor. Long text keeps its end in view (that is
 * where the cursor is), so the row never wraps.
 */
export function TextInputLine({kind, text, width, error}: TextInputLineProps) {
	const prompt = kind === 'filter' ? ' filter / ' : ' search f ';
	const hint = error ? ` ${error}` : '  Enter keep · Esc clear';
	// Keep the cursor visible: show the tail of long text, leaving room for the cursor and some hint.
	const room = Math.max(1, width - prompt.length - 1 - Math.min(hint.length, Math.floor(width / 3)));
	const shown = tailToWidth(text, room);
	const segments: Segment[] = [
		{text: prompt, bold: true, color: 'cyan'},
		{text: shown},
		{text: ' ', inverse: true},
		{text: hint, color: error ? 'red' : undefined, dim: !error},
	];
	return <SegmentLine segments={segments} width={width} />;
}
