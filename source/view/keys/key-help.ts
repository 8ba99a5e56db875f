import {KEY_BINDINGS} from '../key-map.js';
import {
	type Command,
	type FooterPromptWhen,
	HELP_SECTIONS,
	type HelpSection,
	type KeyBinding,
	type KeyContext,
} from './key-types.js';

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
 * Whether a command's key acts now where the footer is shown (its context has a handler for it
 * and that handler's guard lets it): the footer offers no other key.
 */
export type Offered = (command: Command) => boolean;

const always: Offered = () => true;

/** The rows of `context` that act now and say something on the footer. */
function footerRows(context: KeyContext, bindings: readonly KeyBinding[], offered: Offered): KeyBinding[] {
	return bindings.filter(
		(binding) => binding.label && binding.contexts.includes(context) && offered(binding.command),
	);
}

/**
 * The footer's key hints for a context, e.g. `{label: '/', footer: 'filter', priority: 1}`:
 * the keys of a focus or overlay first (those not bound in the main view), then the rest,
 * each group in table order.
 */
export function footerHints(
	context: KeyContext,
	bindings: readonly KeyBinding[] = KEY_BINDINGS,
	paused = false,
	offered: Offered = always,
): FooterHint[] {
	const hints = footerRows(context, bindings, offered).filter((binding) => binding.footer);
	const own = hints.filter((binding) => !binding.contexts.includes(MAIN_CONTEXT));
	const shared = hints.filter((binding) => binding.contexts.includes(MAIN_CONTEXT));
	return [...own, ...shared].map((binding) => ({
		label: binding.label!,
		footer: (paused ? binding.footerPaused : undefined) ?? binding.footer!,
		priority: binding.footerPriority ?? 1,
	}));
}

/** A key the footer's first row offers in words: `/ to filter`. */
export type FooterPrompt = {label: string; text: string};

/**
 * The keys the footer's first row offers in words `when` (see `KeyBinding.prompt`): those the
 * footer's hints keep longest (`footerPriority`: help, quit) last, so the row ends with `?`.
 */
export function footerPrompts(
	context: KeyContext,
	when: FooterPromptWhen,
	offered: Offered = always,
	bindings: readonly KeyBinding[] = KEY_BINDINGS,
): FooterPrompt[] {
	return footerRows(context, bindings, offered)
		.filter((binding) => binding.prompt?.when === when)
		.sort((a, b) => (a.footerPriority ?? 1) - (b.footerPriority ?? 1))
		.map((binding) => ({label: binding.label!, text: binding.prompt!.text}));
}

/** Everything the footer says about keys, for one context at one moment. */
export type FooterKeys = {hints: FooterHint[]; idle: FooterPrompt[]; filtered: FooterPrompt[]};

export function footerKeys(context: KeyContext, offered: Offered = always, paused = false): FooterKeys {
	return {
		hints: footerHints(context, KEY_BINDINGS, paused, offered),
		idle: footerPrompts(context, 'idle', offered),
		filtered: footerPrompts(context, 'filtered', offered),
	};
}
