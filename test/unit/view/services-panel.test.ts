import {describe, expect, it} from 'vitest';
import {footerHints} from '../../../source/view/keys/key-help.js';
import {computeLayout} from '../../../source/view/layout.js';
import {effectiveServicesPanel, nextServicesPanel} from '../../../source/view/services-panel.js';
import {initialViewState, viewReducer} from '../../../source/view/view-state.js';

describe('the services panel', () => {
	it('is narrow below 100 columns and wide from there, until the user picks one', () => {
		expect(effectiveServicesPanel(undefined, 80)).toBe('narrow');
		expect(effectiveServicesPanel(undefined, 99)).toBe('narrow');
		expect(effectiveServicesPanel(undefined, 100)).toBe('wide');
		expect(effectiveServicesPanel('hidden', 220)).toBe('hidden');
		expect(effectiveServicesPanel('wide', 80)).toBe('wide');
	});

	it('S cycles wide, narrow, hidden from the panel drawn now', () => {
		expect(['wide', 'narrow', 'hidden'].map((panel) => nextServicesPanel(panel as 'wide'))).toEqual([
			'narrow',
			'hidden',
			'wide',
		]);
		const state = viewReducer(initialViewState(), {type: 'cycleServicesPanel', from: 'narrow'});
		expect(state.servicesPanel).toBe('hidden');
	});

	it('gives its columns to the log pane: narrow 14, hidden none', () => {
		const view = initialViewState();
		expect(computeLayout(80, 24, view, 1)).toMatchObject({
			servicesPanel: 'narrow',
			servicesWidth: 14,
			logWidth: 65,
		});
		expect(computeLayout(120, 40, view, 1)).toMatchObject({
			servicesPanel: 'wide',
			servicesWidth: 36,
			logWidth: 83,
		});
		const hidden = {...view, servicesPanel: 'hidden' as const};
		expect(computeLayout(80, 24, hidden, 1)).toMatchObject({servicesWidth: 0, logWidth: 80});
	});

	it('focusing a hidden panel brings it back', () => {
		const hidden = {...initialViewState(), servicesPanel: 'hidden' as const};
		const focused = viewReducer(hidden, {type: 'toggleFocus'});
		expect(focused).toMatchObject({focus: 'services', servicesPanel: undefined});
		expect(viewReducer(focused, {type: 'toggleFocus'}).focus).toBe('log');
	});

	it('the footer of the services focus starts with its own keys, from the key map', () => {
		const hints = footerHints('services').map((hint) => `${hint.label} ${hint.footer}`);
		expect(hints.slice(0, 4)).toEqual(['↑/↓ move', 'Enter show/hide', 's solo', 'Tab/Esc log']);
		expect(hints).toContain('q quit');
		expect(hints).not.toContain('G/End follow');
	});
});

describe('the help scroll', () => {
	it('scrolls within 0 and the most the help needs, from the top each time it opens', () => {
		let state = viewReducer(initialViewState(), {type: 'toggleHelp'});
		expect(state.overlay).toEqual({kind: 'help', scroll: 0});
		state = viewReducer(state, {type: 'helpScroll', delta: 18, maxScroll: 30});
		expect(state.overlay).toEqual({kind: 'help', scroll: 18});
		state = viewReducer(state, {type: 'helpScroll', delta: 18, maxScroll: 30});
		expect(state.overlay).toEqual({kind: 'help', scroll: 30});
		state = viewReducer(state, {type: 'helpScroll', delta: -100, maxScroll: 30});
		expect(state.overlay).toEqual({kind: 'help', scroll: 0});
		state = viewReducer(viewReducer(state, {type: 'toggleHelp'}), {type: 'toggleHelp'});
		expect(state.overlay).toEqual({kind: 'help', scroll: 0});
	});
});
