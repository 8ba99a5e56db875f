import {type KeyBinding, MAIN_CONTEXTS} from './key-types.js';

/**
 * The hunt's rows of the key table (`../key-map.ts` spreads them): `H` opens the prompt from
 * the main view, and the hunt's screen has its own keys (the matches, `C` for the context).
 */
export const HUNT_KEYS: readonly KeyBinding[] = [
	{
		keys: [{input: 'H'}],
		contexts: MAIN_CONTEXTS,
		command: 'openHunt',
		label: 'H',
		help: 'hunt a filter line back in time (@1h, @beginning, @10:42)',
		section: 'Filter & search',
	},
	{
		keys: [{input: 'C'}, {special: 'return'}],
		contexts: ['hunt'],
		command: 'huntContext',
		label: 'C',
		help: 'hunt matches: 20 records each side of one',
		section: 'Detail view',
		footer: 'context',
		footerPriority: 2,
	},
	// Labels without help: the footer shows them, the help lists them under the detail view.
	{
		keys: [{input: 'k'}, {special: 'upArrow'}],
		contexts: ['hunt'],
		command: 'huntUp',
		label: '↑/↓',
		footer: 'move',
		footerPriority: 2,
	},
	{keys: [{input: 'j'}, {special: 'downArrow'}], contexts: ['hunt'], command: 'huntDown'},
	// Esc as everywhere: cancel, close the context, leave.
	{
		keys: [{special: 'escape'}],
		contexts: ['hunt'],
		command: 'huntClose',
		label: 'Esc',
		footer: 'back',
		footerPriority: 3,
	},
];
