/**
 * The key map as a data table: which key does what, where, and how the help overlay and
 * footer describe it. The `?` overlay and the footer are generated from this table, so a
 * key added here is documented everywhere at once. Pure: no React, no Ink (the key shape
 * below mirrors Ink's `Key` so the hook can pass Ink's object straight in).
 */

/** Where a key applies. Text input (filter/search being typed) is handled apart: it takes every key. */
export type KeyContext = 'log' | 'services' | 'detail' | 'help' | 'seek';

/** The special keys a binding can name (Ink's `Key` flags). */
export type SpecialKey =
	| 'upArrow'
	| 'downArrow'
	| 'pageUp'
	| 'pageDown'
	| 'home'
	| 'end'
	| 'return'
	| 'escape'
	| 'tab'
	| 'backspace';

/** A key press: either a printable `input` or a special key, optionally with Ctrl. */
export type KeySpec = {input: string; ctrl?: boolean} | {special: SpecialKey; ctrl?: boolean};

/** What a key asks for; the app turns commands into view actions and store/controller calls. */
export type Command =
	| 'quit'
	| 'toggleHelp'
	| 'togglePause'
	| 'scrollUp'
	| 'scrollDown'
	| 'pageUp'
	| 'pageDown'
	| 'top'
	| 'follow'
	| 'openDetail'
	| 'startFilter'
	| 'startSearch'
	| 'saveFilter'
	| 'recallFilter'
	| 'nextMatch'
	| 'previousMatch'
	| 'cycleLevel'
	| 'nextError'
	| 'previousError'
	| 'toggleServiceNumber'
	| 'toggleFocus'
	| 'showAllServices'
	| 'invertServices'
	| 'serviceUp'
	| 'serviceDown'
	| 'toggleCursorService'
	| 'soloCursorService'
	| 'demoBurst'
	| 'clearView'
	| 'toggleWrap'
	| 'toggleOffsets'
	| 'togglePartitions'
	| 'addMark'
	| 'nextMark'
	| 'previousMark'
	| 'exportView'
	| 'openSeek'
	| 'clearFilters'
	| 'clearTextFilter'
	| 'closeOverlay'
	| 'detailUp'
	| 'detailDown'
	| 'detailPageUp'
	| 'detailPageDown'
	| 'filterOnField'
	| 'seekUp'
	| 'seekDown'
	| 'seekChoose'
	| 'cycleServicesPanel'
	| 'helpUp'
	| 'helpDown'
	| 'helpPageUp'
	| 'helpPageDown';

/** Help overlay sections, in the order they are shown. */
export const HELP_SECTIONS = [
	'Move',
	'Stream',
	'Filter & search',
	'Services',
	'View',
	'Detail view',
] as const;
export type HelpSection = (typeof HELP_SECTIONS)[number];

export type KeyBinding = {
	keys: readonly KeySpec[];
	contexts: readonly KeyContext[];
	command: Command;
	/** Extra argument, e.g. the 0-based service number for `1`-`9`. */
	argument?: number;
	/** How the key is written in help and footer, e.g. `j/↓`. Absent: not listed (a sibling row documents it). */
	label?: string;
	help?: string;
	section?: HelpSection;
	/** Short word for the footer; only bindings with one appear there. */
	footer?: string;
	/** The footer's word while the stream is paused, where it differs (Space: resume). */
	footerPaused?: string;
	/**
	 * How much the footer hint matters when the row is short of room: the lowest go first.
	 * Default 1; 3 never goes (quit, help), 2 for the keys of a focus and of finding one.
	 */
	footerPriority?: number;
};

const MAIN: readonly KeyContext[] = ['log', 'services'];
const LOG: readonly KeyContext[] = ['log'];
const EVERYWHERE: readonly KeyContext[] = ['log', 'services', 'detail', 'help', 'seek'];

const numberKeys: KeyBinding[] = Array.from({length: 9}, (_, index) => ({
	keys: [{input: String(index + 1)}],
	contexts: MAIN,
	command: 'toggleServiceNumber' as const,
	argument: index,
	...(index === 0
		? {label: '1-9', help: 'show/hide the service with that number', section: 'Services' as const}
		: {}),
}));

/** Every key binding, in help order within each section. */
export const KEY_BINDINGS: readonly KeyBinding[] = [
	// Ctrl-C quits from anywhere, even an overlay; it is handled before text input too.
	{keys: [{input: 'c', ctrl: true}], contexts: EVERYWHERE, command: 'quit'},
	{
		keys: [{input: 'q'}],
		contexts: MAIN,
		command: 'quit',
		label: 'q',
		help: 'quit',
		section: 'Stream',
		footer: 'quit',
		footerPriority: 3,
	},
	{
		keys: [{input: '?'}],
		contexts: ['log', 'services', 'help'],
		command: 'toggleHelp',
		label: '?',
		help: 'this help',
		section: 'View',
		footer: 'help',
		footerPriority: 3,
	},
	{
		keys: [{input: 'k'}, {special: 'upArrow'}],
		contexts: ['help'],
		command: 'helpUp',
		label: '↑/↓',
		help: 'scroll this help (when it does not fit)',
		section: 'View',
		footer: 'scroll',
		footerPriority: 2,
	},
	{keys: [{input: 'j'}, {special: 'downArrow'}], contexts: ['help'], command: 'helpDown'},
	{
		keys: [{special: 'pageUp'}, {input: 'b', ctrl: true}],
		contexts: ['help'],
		command: 'helpPageUp',
		label: 'PgUp/PgDn',
		help: 'scroll this help by a page',
		section: 'View',
		footer: 'page',
		footerPriority: 2,
	},
	{keys: [{special: 'pageDown'}, {input: 'f', ctrl: true}], contexts: ['help'], command: 'helpPageDown'},
	{
		keys: [{input: 'k'}, {special: 'upArrow'}],
		contexts: LOG,
		command: 'scrollUp',
		label: 'k/↑',
		help: 'select previous line (stops following)',
		section: 'Move',
	},
	{
		keys: [{input: 'j'}, {special: 'downArrow'}],
		contexts: LOG,
		command: 'scrollDown',
		label: 'j/↓',
		help: 'select next line',
		section: 'Move',
	},
	{
		keys: [{special: 'pageUp'}, {input: 'b', ctrl: true}],
		contexts: LOG,
		command: 'pageUp',
		label: 'PgUp',
		help: 'page up',
		section: 'Move',
	},
	{
		keys: [{special: 'pageDown'}, {input: 'f', ctrl: true}],
		contexts: LOG,
		command: 'pageDown',
		label: 'PgDn',
		help: 'page down',
		section: 'Move',
	},
	{
		keys: [{input: 'g'}, {special: 'home'}],
		contexts: LOG,
		command: 'top',
		label: 'g/Home',
		help: 'oldest line',
		section: 'Move',
	},
	{
		keys: [{input: 'G'}, {special: 'end'}],
		contexts: LOG,
		command: 'follow',
		label: 'G/End',
		help: 'newest line and follow the stream',
		section: 'Move',
		footer: 'follow',
	},
	{
		keys: [{special: 'return'}],
		contexts: LOG,
		command: 'openDetail',
		label: 'Enter',
		help: 'details of the selected record',
		section: 'Move',
		footer: 'detail',
	},
	{
		keys: [{input: 'e'}],
		contexts: LOG,
		command: 'nextError',
		label: 'e',
		help: 'next error',
		section: 'Move',
	},
	{
		keys: [{input: 'E'}],
		contexts: LOG,
		command: 'previousError',
		label: 'E',
		help: 'previous error',
		section: 'Move',
	},
	{keys: [{input: ']'}], contexts: LOG, command: 'nextMark', label: ']', help: 'next mark', section: 'Move'},
	{
		keys: [{input: '['}],
		contexts: LOG,
		command: 'previousMark',
		label: '[',
		help: 'previous mark',
		section: 'Move',
	},
	{
		keys: [{input: ' '}],
		contexts: MAIN,
		command: 'togglePause',
		label: 'Space',
		help: 'pause/resume the stream',
		section: 'Stream',
		footer: 'pause',
		footerPaused: 'resume',
	},
	{
		keys: [{input: 'd'}],
		contexts: MAIN,
		command: 'demoBurst',
		label: 'd',
		help: 'send a burst of demo records to the topic',
		section: 'Stream',
		footer: 'demo',
		footerPriority: 0,
	},
	{
		keys: [{input: 'r'}],
		contexts: MAIN,
		command: 'openSeek',
		label: 'r',
		help: 're-read from another position (filters kept)',
		section: 'Stream',
	},
	{
		keys: [{input: 'm'}],
		contexts: MAIN,
		command: 'addMark',
		label: 'm',
		help: 'drop a mark line',
		section: 'Stream',
	},
	{
		keys: [{input: 'c'}],
		contexts: MAIN,
		command: 'clearView',
		label: 'c',
		help: 'clear the view (counts stay)',
		section: 'Stream',
	},
	{
		keys: [{input: 'x'}],
		contexts: MAIN,
		command: 'exportView',
		label: 'x',
		help: 'export the filtered view as JSON lines',
		section: 'Stream',
	},
	{
		keys: [{input: '/'}],
		contexts: MAIN,
		command: 'startFilter',
		label: '/',
		help: 'filter: text, /regex/, !exclude, field=value (Esc clears)',
		section: 'Filter & search',
		footer: 'filter',
	},
	{
		keys: [{input: 'l'}],
		contexts: MAIN,
		command: 'cycleLevel',
		label: 'l',
		help: 'cycle minimum level',
		section: 'Filter & search',
		footer: 'level',
	},
	{
		keys: [{input: 'f'}],
		contexts: MAIN,
		command: 'startSearch',
		label: 'f',
		help: 'search (highlights matches, Esc clears)',
		section: 'Filter & search',
	},
	{
		keys: [{input: 'n'}],
		contexts: LOG,
		command: 'nextMatch',
		label: 'n',
		help: 'next match',
		section: 'Filter & search',
	},
	{
		keys: [{input: 'N'}],
		contexts: LOG,
		command: 'previousMatch',
		label: 'N',
		help: 'previous match',
		section: 'Filter & search',
	},
	{
		keys: [{input: 'B'}],
		contexts: MAIN,
		command: 'saveFilter',
		label: 'B',
		help: 'save the filter line under a name (in the config file)',
		section: 'Filter & search',
	},
	{
		keys: [{input: 'b'}],
		contexts: MAIN,
		command: 'recallFilter',
		label: 'b',
		help: 'recall a saved filter by its name or number',
		section: 'Filter & search',
	},
	{
		keys: [{input: 'F'}],
		contexts: MAIN,
		command: 'clearFilters',
		label: 'F',
		help: 'clear every filter and the search',
		section: 'Filter & search',
	},
	...numberKeys,
	{
		keys: [{special: 'tab'}],
		contexts: LOG,
		command: 'toggleFocus',
		label: 'Tab',
		help: 'focus the services list / the log',
		section: 'Services',
		footer: 'services',
		footerPriority: 2,
	},
	{
		keys: [{input: 'a'}],
		contexts: MAIN,
		command: 'showAllServices',
		label: 'a',
		help: 'show all services',
		section: 'Services',
	},
	{
		keys: [{input: 'i'}],
		contexts: MAIN,
		command: 'invertServices',
		label: 'i',
		help: 'invert the service selection (hidden ↔ shown)',
		section: 'Services',
	},
	{
		keys: [{input: 'k'}, {special: 'upArrow'}],
		contexts: ['services'],
		command: 'serviceUp',
		label: '↑/↓',
		help: 'move in the services list (when focused)',
		section: 'Services',
		footer: 'move',
		footerPriority: 2,
	},
	{keys: [{input: 'j'}, {special: 'downArrow'}], contexts: ['services'], command: 'serviceDown'},
	{
		keys: [{special: 'return'}],
		contexts: ['services'],
		command: 'toggleCursorService',
		label: 'Enter',
		help: 'show/hide the highlighted service',
		section: 'Services',
		footer: 'show/hide',
		footerPriority: 2,
	},
	{
		keys: [{input: 's'}],
		contexts: ['services'],
		command: 'soloCursorService',
		label: 's',
		help: 'show only the highlighted service (again: all)',
		section: 'Services',
		footer: 'solo',
		footerPriority: 2,
	},
	{
		keys: [{special: 'tab'}, {special: 'escape'}],
		contexts: ['services'],
		command: 'toggleFocus',
		label: 'Tab/Esc',
		footer: 'log',
		footerPriority: 2,
	},
	{
		keys: [{input: 'w'}],
		contexts: MAIN,
		command: 'toggleWrap',
		label: 'w',
		help: 'wrap long lines',
		section: 'View',
	},
	{
		keys: [{input: 'o'}],
		contexts: MAIN,
		command: 'toggleOffsets',
		label: 'o',
		help: 'partition:offset column',
		section: 'View',
	},
	{
		keys: [{input: 'p'}],
		contexts: MAIN,
		command: 'togglePartitions',
		label: 'p',
		help: 'partitions panel',
		section: 'View',
	},
	{
		keys: [{input: 'S'}],
		contexts: MAIN,
		command: 'cycleServicesPanel',
		label: 'S',
		help: 'services panel: wide, narrow, hidden (narrow under 100 columns)',
		section: 'View',
	},
	{
		keys: [{special: 'escape'}],
		contexts: LOG,
		command: 'clearTextFilter',
		label: 'Esc',
		help: 'clear the text filter and the search',
		section: 'Filter & search',
	},
	{
		keys: [{special: 'escape'}, {input: 'q'}],
		contexts: ['detail', 'help', 'seek'],
		command: 'closeOverlay',
		label: 'Esc',
		help: 'close the detail view / help / menu',
		section: 'Detail view',
	},
	{keys: [{input: '?'}], contexts: ['detail', 'seek'], command: 'closeOverlay'},
	{
		keys: [{input: 'k'}, {special: 'upArrow'}],
		contexts: ['detail'],
		command: 'detailUp',
		label: '↑/↓',
		help: 'choose a field',
		section: 'Detail view',
	},
	{keys: [{input: 'j'}, {special: 'downArrow'}], contexts: ['detail'], command: 'detailDown'},
	{
		keys: [{special: 'pageUp'}],
		contexts: ['detail'],
		command: 'detailPageUp',
		label: 'PgUp/PgDn',
		help: 'scroll the record',
		section: 'Detail view',
	},
	{keys: [{special: 'pageDown'}], contexts: ['detail'], command: 'detailPageDown'},
	{
		keys: [{special: 'return'}],
		contexts: ['detail'],
		command: 'filterOnField',
		label: 'Enter',
		help: 'filter on the chosen field (field=value)',
		section: 'Detail view',
	},
	{keys: [{input: 'k'}, {special: 'upArrow'}], contexts: ['seek'], command: 'seekUp'},
	{keys: [{input: 'j'}, {special: 'downArrow'}], contexts: ['seek'], command: 'seekDown'},
	{keys: [{special: 'return'}], contexts: ['seek'], command: 'seekChoose'},
];

/** The subset of Ink's `Key` that the key map reads. */
export type KeyPress = {ctrl: boolean} & {[K in SpecialKey]: boolean};

function matches(spec: KeySpec, input: string, key: KeyPress): boolean {
	if (Boolean(spec.ctrl) !== key.ctrl) return false;
	if ('special' in spec) return key[spec.special];
	return input === spec.input;
}

/** A resolved key press: the command and its argument. */
export type ResolvedKey = {command: Command; argument?: number};

/** The binding a key press triggers in a context, or undefined. The first matching row wins. */
export function resolveKey(
	context: KeyContext,
	input: string,
	key: KeyPress,
	bindings: readonly KeyBinding[] = KEY_BINDINGS,
): ResolvedKey | undefined {
	for (const binding of bindings) {
		if (!binding.contexts.includes(context)) continue;
		if (binding.keys.some((spec) => matches(spec, input, key))) {
			return binding.argument === undefined
				? {command: binding.command}
				: {command: binding.command, argument: binding.argument};
		}
	}
	return undefined;
}

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
