import {Box} from 'ink';
import {memo} from 'react';
import type {Segment} from '../terminal-text/segments.js';
import {fitItems, type LineItem} from '../view/fit-items.js';
import type {FooterHint, FooterKeys, FooterPrompt} from '../view/keys/key-help.js';
import {FOOTER_HEIGHT} from '../view/layout.js';
import type {FooterMessage, ViewState} from '../view/view-state.js';
import {SegmentLine} from './segment-line.js';
import {TextInputLine} from './text-input-line.js';

export type FooterProps = {
	view: ViewState;
	/** The keys it offers: those that act in the context the keys go to now (`footerKeys`). */
	keys: FooterKeys;
	/** Error of the filter being typed or in force (bad regex). */
	filterError?: string | undefined;
	/** The hint beside a name being typed (save or recall a filter). */
	inputHint?: string | undefined;
	width: number;
};

const FILTER_SEPARATOR: Segment = {text: ' · ', dim: true};

const TONE_COLOUR: Record<FooterMessage['tone'], string> = {info: 'green', warn: 'yellow', error: 'red'};

/** `/ to filter · ? for every key`: keys offered in words. */
const promptText = (prompts: readonly FooterPrompt[]) =>
	prompts.map((prompt) => `${prompt.label} ${prompt.text}`).join(' · ');

/** The active filters as footer items, then the keys that clear them; none when nothing is filtered. */
export function filterItems(view: ViewState, clearers: readonly FooterPrompt[] = []): LineItem[] {
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
	// Every filter in force shows, cut if it must be; the reminder of how to clear them goes first.
	const items: LineItem[] = parts.map((part, index) => ({
		forms: [index === 0 ? [{text: ' '}, ...part] : part],
		priority: 2,
		cut: true,
	}));
	if (clearers.length > 0)
		items.push({forms: [[{text: `  (${promptText(clearers)})`, dim: true}]], priority: 1, glue: true});
	return items;
}

/** The key hints as items: the least needed go first when the row is short (`footerPriority`). */
export function hintItems(hints: readonly FooterHint[]): LineItem[] {
	return hints.map((hint) => ({
		forms: [
			[
				{text: ` ${hint.label}`, bold: true, color: 'cyan'},
				{text: ` ${hint.footer}`, dim: true},
			],
		],
		priority: hint.priority,
	}));
}

/**
 * Two rows: what is typed / a message / the active filters, then the keys for this context.
 * Memoised: records arriving re-render the app many times a second and change none of this.
 */
export const Footer = memo(function Footer({view, keys, filterError, inputHint, width}: FooterProps) {
	let first: Segment[];
	if (view.message) {
		first = [{text: ` ${view.message.text}`, color: TONE_COLOUR[view.message.tone], bold: true}];
	} else {
		first = fitItems(filterItems(view, keys.filtered), width, {separator: FILTER_SEPARATOR});
		if (filterError) first = [...first, {text: ` filter error: ${filterError}`, color: 'red'}];
		if (first.length === 0)
			first = [
				{
					text: ` ${['no filters', ...keys.idle.map((prompt) => promptText([prompt]))].join(' · ')}`,
					dim: true,
				},
			];
	}
	const hints = fitItems(hintItems(keys.hints), width);
	return (
		<Box flexDirection="column" width={width} height={FOOTER_HEIGHT} overflowY="hidden">
			{view.input.kind === 'none' ? (
				<SegmentLine segments={first} width={width} />
			) : (
				<TextInputLine
					kind={view.input.kind}
					text={view.input.text}
					width={width}
					error={inputHint === undefined ? filterError : undefined}
					hint={inputHint}
				/>
			)}
			<SegmentLine segments={hints} width={width} />
		</Box>
	);
});
