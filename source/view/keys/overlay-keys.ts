import type {KeyBinding} from './key-types.js';

/**
 * The rows of the key table (`../key-map.ts`) for the overlays: the help's scroll keys, and
 * the keys of the detail view and the re-seek menu. The table spreads them where the help
 * lists them.
 */

/** The help's scroll keys (listed in the `View` section, after `?`). */
export const HELP_KEYS: readonly KeyBinding[] = [
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
];

/** Closing an overlay, then the detail view's and the re-seek menu's own keys. */
export const OVERLAY_KEYS: readonly KeyBinding[] = [
	{
		keys: [{special: 'escape'}, {input: 'q'}],
		contexts: ['detail', 'help', 'seek'],
		command: 'closeOverlay',
		label: 'Esc',
		help: 'close the detail view / help / menu',
		section: 'Detail view',
		footer: 'back',
		footerPriority: 3,
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
