import {errorMessage} from '../../shared/error-message.js';
import type {StartPosition} from '../../stream/start-position.js';
import {helpScroll} from '../help-layout.js';
import {SEEK_CHOICES} from '../view-state.js';
import type {CommandEnv, HandlerMap} from './command-env.js';
import {GLOBAL_HANDLERS} from './command-env.js';

/** The commands of the `?` help (scroll, close) and of the re-seek menu (`r`: choose, re-read). */

function scrollHelp(command: 'helpUp' | 'helpDown' | 'helpPageUp' | 'helpPageDown') {
	return {run: (env: CommandEnv) => env.dispatch(helpScroll(command, env.columns, env.layout.body))};
}

export const HELP_HANDLERS: HandlerMap = {
	...GLOBAL_HANDLERS,
	toggleHelp: {action: {type: 'toggleHelp'}},
	closeOverlay: {action: {type: 'closeOverlay'}},
	helpUp: scrollHelp('helpUp'),
	helpDown: scrollHelp('helpDown'),
	helpPageUp: scrollHelp('helpPageUp'),
	helpPageDown: scrollHelp('helpPageDown'),
};

/** Where the menu's choice `index` re-reads from, `now` being the time it was chosen. */
export function seekPosition(index: number, now: number): StartPosition {
	const position = SEEK_CHOICES[index]?.position ?? SEEK_CHOICES[0].position;
	if (position.kind === 'since') return {kind: 'since', time: now - position.minutes * 60_000};
	return position;
}

function seekChoose({view, controller, dispatch, say, now}: CommandEnv): void {
	if (view.overlay.kind !== 'seek') return;
	const choice = SEEK_CHOICES[view.overlay.choice]!;
	dispatch({type: 'viewCleared'});
	say(`re-reading ${choice.label}…`);
	controller.seek(seekPosition(view.overlay.choice, now())).then(
		() => say(`re-reading ${choice.label}`),
		(error: unknown) => say(`re-read failed: ${errorMessage(error)}`, 'error'),
	);
}

export const SEEK_HANDLERS: HandlerMap = {
	...GLOBAL_HANDLERS,
	closeOverlay: {action: {type: 'closeOverlay'}},
	seekUp: {action: {type: 'seekChoice', delta: -1}},
	seekDown: {action: {type: 'seekChoice', delta: 1}},
	seekChoose: {run: seekChoose},
};
