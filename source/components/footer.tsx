import {Box} from 'ink';
import {footerHints, type KeyContext} from '../core/key-map.js';
import type {FooterMessage, ViewState} from '../core/view-state.js';
import {type Segment, SegmentLine} from './segment-line.js';
import {TextInputLine} from './text-input-line.js';

/** Rows the footer takes. */
export const FOOTER_HEIGHT = 2;

export type FooterProps = {
	view: ViewState;
	context: KeyContext;
	/** Error of the filter being typed or in force (bad regex). */
	filterError?: string | undefined;
	width: number;
};

const TONE_COLOUR: Record<FooterMessage['tone'], string> = {info: 'green', warn: 'yellow', error: 'red'};

/** The active filters as footer segments; empty when nothing is filtered. */
export function filterSegments(view: ViewState): Segment[] {
	const parts: Segment[][] = [];
	if (view.filterText.trim() !== '')
		parts.push([
			{text: 'filter ', dim: true},
			{text: view.filterText.trim(), bold: true},
		]);
	if (view.minLevel)
		parts.push([
			{text: 'level ≥ ', dim: true},
			{text: view.minLevel, bold: true},
		]);
	if (view.services.services.size > 0) {
		const names = [...view.services.services].sort().join(', ');
		parts.push([
			{text: view.services.mode === 'include' ? 'only ' : 'hiding ', dim: true},
			{text: names, bold: true},
		]);
	}
	if (view.searchText !== '')
		parts.push([
			{text: 'search ', dim: true},
			{text: view.searchText, color: 'yellow'},
		]);
	if (parts.length === 0) return [];
	const segments: Segment[] = [{text: ' '}];
	parts.forEach((part, index) => {
		if (index > 0) segments.push({text: ' · ', dim: true});
		segments.push(...part);
	});
	segments.push({text: '  (F clears)', dim: true});
	return segments;
}

/** Two rows: what is typed / a message / the active filters, then the main keys. */
export function Footer({view, context, filterError, width}: FooterProps) {
	let first: Segment[];
	if (view.message) {
		first = [{text: ` ${view.message.text}`, color: TONE_COLOUR[view.message.tone], bold: true}];
	} else {
		first = filterSegments(view);
		if (filterError) first = [...first, {text: ` filter error: ${filterError}`, color: 'red'}];
		if (first.length === 0) first = [{text: ' no filters · / to filter · ? for every key', dim: true}];
	}
	const hints: Segment[] = [];
	for (const hint of footerHints(context)) {
		hints.push({text: ` ${hint.label}`, bold: true, color: 'cyan'}, {text: ` ${hint.footer}`, dim: true});
	}
	if (hints.length === 0) hints.push({text: ' Esc back · ? help', dim: true});
	return (
		<Box flexDirection="column" width={width} height={FOOTER_HEIGHT} overflowY="hidden">
			{view.input.kind === 'none' ? (
				<SegmentLine segments={first} width={width} />
			) : (
				<TextInputLine kind={view.input.kind} text={view.input.text} width={width} error={filterError} />
			)}
			<SegmentLine segments={hints} width={width} />
		</Box>
	);
}
