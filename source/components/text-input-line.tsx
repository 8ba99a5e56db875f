import stringWidth from 'string-width';
import type {Segment} from '../terminal-text/segments.js';
import type {TextInputKind} from '../view/view-state.js';
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
	/** What is typed: a filter, a search, a name to save the filter under or to recall. */
	kind: TextInputKind;
	text: string;
	width: number;
	/** Error for what is typed so far (bad regex), if any. */
	error?: string | undefined;
	/** What to say after the text instead of the default hint (the saved filters, say). */
	hint?: string | undefined;
};

const PROMPTS: Record<TextInputKind, string> = {
	filter: ' filter / ',
	search: ' search f ',
	saveFilter: ' save filter as ',
	recallFilter: ' saved filter ',
	jumpTime: ' jump to time t ',
	hunt: ' hunt H ',
};

/**
 * The line being typed, with a block cursor. Long text keeps its end in view (that is
 * where the cursor is), so the row never wraps.
 */
export function TextInputLine({kind, text, width, error, hint: shownHint}: TextInputLineProps) {
	const prompt = PROMPTS[kind];
	const hint = error ? ` ${error}` : `  ${shownHint ?? 'Enter keep · Esc clear'}`;
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
