import {describe, expect, it} from 'vitest';
import {KEY_BINDINGS} from '../../../source/view/key-map.js';
import {footerHints, helpSections} from '../../../source/view/keys/key-help.js';
import {resolveKey} from '../../../source/view/keys/key-lookup.js';
import {
	HELP_SECTIONS,
	type KeyContext,
	type KeyPress,
	type SpecialKey,
} from '../../../source/view/keys/key-types.js';
import {NO_KEY} from '../../support/terminal/key-presses.js';

const noKey: KeyPress = NO_KEY;
const special = (name: SpecialKey): KeyPress => ({...noKey, [name]: true});

describe('the key table', () => {
	it('no key means two commands in one context (a later row would never be reached)', () => {
		const seen = new Map<string, string>();
		const clashes: string[] = [];
		for (const binding of KEY_BINDINGS) {
			for (const context of binding.contexts) {
				for (const key of binding.keys) {
					const id = `${context} ${'special' in key ? key.special : JSON.stringify(key.input)}${key.ctrl ? ' ctrl' : ''}`;
					const earlier = seen.get(id);
					if (earlier !== undefined && earlier !== binding.command)
						clashes.push(`${id}: ${earlier}, ${binding.command}`);
					seen.set(id, earlier ?? binding.command);
				}
			}
		}
		expect(clashes).toEqual([]);
		// The saved-filter keys are there, so the check covers them.
		expect(seen.get('log "B"')).toBe('saveFilter');
		expect(seen.get('log "b"')).toBe('recallFilter');
	});
});

describe('resolveKey', () => {
	it('maps the issue 4 keys in the log context', () => {
		const cases: [string, KeyPress, string][] = [
			['q', noKey, 'quit'],
			['?', noKey, 'toggleHelp'],
			['k', noKey, 'scrollUp'],
			['', special('upArrow'), 'scrollUp'],
			['j', noKey, 'scrollDown'],
			['', special('pageUp'), 'pageUp'],
			['', special('pageDown'), 'pageDown'],
			['g', noKey, 'top'],
			['G', noKey, 'follow'],
			['', special('end'), 'follow'],
			[' ', noKey, 'togglePause'],
			['/', noKey, 'startFilter'],
			['l', noKey, 'cycleLevel'],
			['e', noKey, 'nextError'],
			['E', noKey, 'previousError'],
			['', special('return'), 'openDetail'],
			['', special('tab'), 'toggleFocus'],
			['a', noKey, 'showAllServices'],
			['d', noKey, 'demoBurst'],
			['c', noKey, 'clearView'],
			['w', noKey, 'toggleWrap'],
			['o', noKey, 'toggleOffsets'],
			['p', noKey, 'togglePartitions'],
			['m', noKey, 'addMark'],
			['x', noKey, 'exportView'],
			['n', noKey, 'nextMatch'],
			['N', noKey, 'previousMatch'],
			['r', noKey, 'openSeek'],
		];
		for (const [input, key, command] of cases) {
			expect(resolveKey('log', input, key)?.command, `key ${JSON.stringify(input)}`).toBe(command);
		}
	});

	it('number keys carry the service number', () => {
		expect(resolveKey('log', '1', noKey)).toEqual({command: 'toggleServiceNumber', argument: 0});
		expect(resolveKey('services', '9', noKey)).toEqual({command: 'toggleServiceNumber', argument: 8});
		expect(resolveKey('log', '0', noKey)).toBeUndefined();
	});

	it('the same key means different things per context', () => {
		expect(resolveKey('services', '', special('return'))?.command).toBe('toggleCursorService');
		expect(resolveKey('services', 'j', noKey)?.command).toBe('serviceDown');
		expect(resolveKey('services', 's', noKey)?.command).toBe('soloCursorService');
		expect(resolveKey('detail', '', special('return'))?.command).toBe('filterOnField');
		expect(resolveKey('detail', '', special('escape'))?.command).toBe('closeOverlay');
		expect(resolveKey('help', 'q', noKey)?.command).toBe('closeOverlay');
		expect(resolveKey('seek', '', special('return'))?.command).toBe('seekChoose');
		// Keys of the main screen do nothing under an overlay.
		expect(resolveKey('detail', 'd', noKey)).toBeUndefined();
	});

	it('Ctrl-C quits from every context, and is not the clear key', () => {
		const contexts: KeyContext[] = ['log', 'services', 'detail', 'help', 'seek'];
		for (const context of contexts) {
			expect(resolveKey(context, 'c', {...noKey, ctrl: true})?.command).toBe('quit');
		}
	});
});

describe('issue 13 keys: the services panel, the services focus, the help scroll', () => {
	it('S cycles the services panel in the main view; Tab and Esc leave the services focus', () => {
		expect(resolveKey('log', 'S', noKey)?.command).toBe('cycleServicesPanel');
		expect(resolveKey('services', 'S', noKey)?.command).toBe('cycleServicesPanel');
		expect(resolveKey('services', '', special('tab'))?.command).toBe('toggleFocus');
		expect(resolveKey('services', '', special('escape'))?.command).toBe('toggleFocus');
	});

	it('j/k/arrows and the page keys scroll the help', () => {
		expect(resolveKey('help', 'j', noKey)?.command).toBe('helpDown');
		expect(resolveKey('help', 'k', noKey)?.command).toBe('helpUp');
		expect(resolveKey('help', '', special('downArrow'))?.command).toBe('helpDown');
		expect(resolveKey('help', '', special('pageDown'))?.command).toBe('helpPageDown');
		expect(resolveKey('help', '', special('pageUp'))?.command).toBe('helpPageUp');
	});
});

describe('generated help and footer', () => {
	it('documents every command a user can reach, in known sections', () => {
		const sections = helpSections();
		expect(sections.map((group) => group.section)).toEqual([...HELP_SECTIONS]);
		const labels = sections.flatMap((group) => group.rows.map((row) => row.label));
		for (const label of [
			'q',
			'?',
			'j/↓',
			'G/End',
			'/',
			'l',
			'e',
			'E',
			'Space',
			'1-9',
			'Tab',
			's',
			'a',
			'd',
			'c',
		]) {
			expect(labels).toContain(label);
		}
		for (const binding of KEY_BINDINGS) {
			if (binding.help) expect(binding.section, binding.help).toBeDefined();
		}
	});

	it('the footer lists the main keys for the log context', () => {
		const footer = footerHints('log').map((hint) => `${hint.label} ${hint.footer}`);
		expect(footer).toEqual([
			'q quit',
			'? help',
			'G/End follow',
			'Enter detail',
			'Space pause',
			'd demo',
			'/ filter',
			'l level',
			'Tab services',
		]);
	});
});
