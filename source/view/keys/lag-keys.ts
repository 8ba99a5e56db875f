import {type KeyBinding, type KeyContext, MAIN_CONTEXTS} from './key-types.js';

/**
 * The rows of the key table (`../key-map.ts`) for the consumer lag panel: `L` opens it from
 * the main view, and inside it the keys move over the groups a row or a page at a time.
 */

const LAG: readonly KeyContext[] = ['lag'];

export const LAG_KEYS: readonly KeyBinding[] = [
	{
		keys: [{input: 'L'}],
		contexts: MAIN_CONTEXTS,
		command: 'toggleLag',
		label: 'L',
		help: 'consumer lag of the groups reading these topics',
		section: 'View',
	},
	{
		keys: [{special: 'escape'}, {input: 'q'}, {input: 'L'}],
		contexts: LAG,
		command: 'toggleLag',
		label: 'Esc/L',
		help: 'close the lag panel',
		section: 'Consumer lag',
		footer: 'close',
		footerPriority: 3,
	},
	{
		keys: [{input: 'k'}, {special: 'upArrow'}],
		contexts: LAG,
		command: 'lagUp',
		label: '↑/↓',
		help: 'select the previous / next group',
		section: 'Consumer lag',
		footer: 'group',
		footerPriority: 2,
	},
	{keys: [{input: 'j'}, {special: 'downArrow'}], contexts: LAG, command: 'lagDown'},
	{
		keys: [{special: 'pageUp'}, {input: 'b', ctrl: true}],
		contexts: LAG,
		command: 'lagPageUp',
		label: 'PgUp/PgDn',
		help: 'previous / next page of groups',
		section: 'Consumer lag',
		footer: 'page',
		footerPriority: 2,
	},
	{keys: [{special: 'pageDown'}, {input: 'f', ctrl: true}], contexts: LAG, command: 'lagPageDown'},
	{
		keys: [{input: 'g'}, {special: 'home'}],
		contexts: LAG,
		command: 'lagTop',
		label: 'g/G',
		help: 'first / last group',
		section: 'Consumer lag',
	},
	{keys: [{input: 'G'}, {special: 'end'}], contexts: LAG, command: 'lagBottom'},
	// As in the main view (its help row is there); closing the help comes back here.
	{keys: [{input: '?'}], contexts: LAG, command: 'toggleHelp', label: '?', footer: 'help', footerPriority: 3},
];
