import {KEY_BINDINGS} from '../key-map.js';
import {HELP_SECTIONS, type HelpSection, type KeyBinding, type KeyContext} from './key-types.js';

/**
 * What the key table says about itself: the `?` overlay's sections (and the README's keys
 * section) and the footer's key hints.
 */

/** One row of the help overlay. */
export type HelpRow = {label: string; help: string};

/** The help overlay's content: sections in order, each with its documented keys. */
export function helpSections(
	bindings: readonly KeyBinding[] = KEY_BINDINGS,
): {section: HelpSection; rows: HelpRow[]}[] {
	return HELP_SECTIONS.map((section) => ({
		section,
		rows: bindings
			.filter((binding) => binding.section === section && binding.label && binding.help)
			.map((binding) => ({label: binding.label!, help: binding.help!})),
	})).filter((group) => group.rows.length > 0);
}

/** The context of the main view: its keys need no focus of their own. */
const MAIN_CONTEXT: KeyContext = 'log';

/** A footer hint: how the key is written, its word, and how much it matters (see `footerPriority`). */
export type FooterHint = {label: string; footer: string; priority: number};

/**
 * The footer's key hints for a context, e.g. `{label: '/', footer: 'filter', priority: 1}`:
 * the keys of a focus or overlay first (those not bound in the main view), then the rest,
 * each group in table order.
 */
export function footerHints(
	context: KeyContext,
	bindings: readonly KeyBinding[] = KEY_BINDINGS,
	paused = false,
): FooterHint[] {
	const hints = bindings.filter(
		(binding) => binding.footer && binding.label && binding.contexts.includes(context),
	);
	const own = hints.filter((binding) => !binding.contexts.includes(MAIN_CONTEXT));
	const shared = hints.filter((binding) => binding.contexts.includes(MAIN_CONTEXT));
	return [...own, ...shared].map((binding) => ({
		label: binding.label!,
		footer: (paused ? binding.footerPaused : undefined) ?? binding.footer!,
		priority: binding.footerPriority ?? 1,
	}));
}
