import {describe, expect, it} from 'vitest';
import {commandActs} from '../../../../source/view/commands/context-handlers.js';
import {KEY_BINDINGS} from '../../../../source/view/key-map.js';
import {type FooterKeys, footerKeys} from '../../../../source/view/keys/key-help.js';
import {resolveKey} from '../../../../source/view/keys/key-lookup.js';
import type {KeyContext, KeyPress, KeySpec} from '../../../../source/view/keys/key-types.js';
import {testEnv} from '../../../support/terminal/command-env.js';
import {NO_KEY} from '../../../support/terminal/key-presses.js';
import {recordingController} from '../../../support/terminal/tui-fixtures.js';

const CONTEXTS: KeyContext[] = ['log', 'services', 'detail', 'help', 'seek', 'lag', 'timeline', 'hunt'];

/** The footer's keys in `context` for `env`, as the app derives them. */
const keysIn = (context: KeyContext, env = testEnv()) =>
	footerKeys(context, (command) => commandActs(context, env, command));

/** Everything the footer offers, as `label word`. */
const offered = (keys: FooterKeys) => [
	...keys.hints.map((hint) => `${hint.label} ${hint.footer}`),
	...[...keys.idle, ...keys.filtered].map((prompt) => `${prompt.label} ${prompt.text}`),
];

/** A key press of `spec`, as Ink reports it. */
const pressOf = (spec: KeySpec): [string, KeyPress] =>
	'special' in spec
		? ['', {...NO_KEY, ctrl: Boolean(spec.ctrl), [spec.special]: true}]
		: [spec.input, {...NO_KEY, ctrl: Boolean(spec.ctrl)}];

describe("the footer's keys, derived from the key table", () => {
	it('offers in every context only rows whose keys resolve there to a command that acts', () => {
		const env = testEnv();
		for (const context of CONTEXTS) {
			const labels = new Set(
				[...keysIn(context, env).hints, ...keysIn(context, env).idle].map((k) => k.label),
			);
			for (const label of labels) {
				const rows = KEY_BINDINGS.filter((row) => row.label === label && row.contexts.includes(context));
				expect(rows.length, `${context}: ${label}`).toBeGreaterThan(0);
				for (const row of rows) {
					const [input, key] = pressOf(row.keys[0]!);
					const resolved = resolveKey(context, input, key);
					expect(resolved?.command, `${context}: ${label}`).toBe(row.command);
					expect(commandActs(context, env, row.command), `${context}: ${label}`).toBe(true);
				}
			}
		}
	});

	it('on the hunt screen offers ? (it opens the help there) and neither / nor F', () => {
		const keys = keysIn('hunt');
		expect(keys.idle).toEqual([{label: '?', text: 'for every key'}]);
		expect(keys.filtered).toEqual([]);
		expect(offered(keys)).toEqual(['C context', '↑/↓ move', 'Esc back', '? help', '? for every key']);
	});

	it('in the log view offers / and ? in words, and F beside the filters in force', () => {
		const keys = keysIn('log');
		expect(keys.idle).toEqual([
			{label: '/', text: 'to filter'},
			{label: '?', text: 'for every key'},
		]);
		expect(keys.filtered).toEqual([{label: 'F', text: 'clears'}]);
	});

	it('offers a way back in every overlay, and ? as help only where it opens the help', () => {
		for (const context of ['detail', 'help', 'seek'] as const) {
			expect(offered(keysIn(context)), context).toContain('Esc back');
			expect(offered(keysIn(context)), context).not.toContain('? help');
		}
		// In the help, ? closes it, and says so; no "? for every key" over the help itself.
		expect(offered(keysIn('help'))).toContain('? close');
		expect(keysIn('help').idle.map((prompt) => prompt.label)).not.toContain('?');
		expect(offered(keysIn('log'))).toContain('? help');
	});

	it('in the lag panel offers ? (it opens the help there too)', () => {
		expect(offered(keysIn('lag'))).toEqual(['Esc/L close', '↑/↓ group', 'PgUp/PgDn page', '? help']);
	});

	it('leaves out a key whose guard says it cannot act now', () => {
		const allowed = testEnv(undefined, undefined, {controller: recordingController()});
		expect(offered(keysIn('log', allowed))).toContain('d demo');
		const refused = testEnv(undefined, undefined, {
			controller: recordingController({allowed: false, reason: 'not this cluster'}),
		});
		expect(offered(keysIn('log', refused))).not.toContain('d demo');
		expect(commandActs('log', refused, 'demoBurst')).toBe(false);
		// No handler in the context: not offered, whatever its row says.
		expect(offered(footerKeys('hunt', (command) => command !== 'toggleHelp'))).not.toContain('? help');
	});
});
