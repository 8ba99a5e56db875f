import {describe, expect, it} from 'vitest';
import {runCommand} from '../../../../source/view/commands/command-env.js';
import {
	HELP_HANDLERS,
	SEEK_HANDLERS,
	seekPosition,
} from '../../../../source/view/commands/overlay-commands.js';
import {helpScroll} from '../../../../source/view/help-layout.js';
import {initialViewState, SEEK_CHOICES} from '../../../../source/view/view-state.js';
import {testEnv} from '../../../support/terminal/command-env.js';

describe('the overlay commands', () => {
	it('the help scroll keys scroll by the help laid out for this terminal', () => {
		const env = testEnv();
		runCommand(HELP_HANDLERS, env, {command: 'helpPageDown'});
		expect(env.dispatched).toEqual([helpScroll('helpPageDown', env.columns, env.layout.body)]);
	});

	it('Enter in the re-seek menu clears the view and re-reads from the chosen position', async () => {
		const choice = SEEK_CHOICES.findIndex((entry) => entry.position.kind === 'since');
		const view = {...initialViewState(), overlay: {kind: 'seek' as const, choice}};
		const env = testEnv(undefined, view);
		runCommand(SEEK_HANDLERS, env, {command: 'seekChoose'});
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(env.dispatched).toEqual([{type: 'viewCleared'}]);
		expect(env.controller.seeks).toEqual([seekPosition(choice, env.now())]);
		expect(env.said.map((message) => message.text)).toEqual([
			`re-reading ${SEEK_CHOICES[choice]!.label}…`,
			`re-reading ${SEEK_CHOICES[choice]!.label}`,
		]);
	});

	it('a "last N minutes" choice re-reads from N minutes before now; the others as they are', () => {
		const now = Date.UTC(2024, 0, 31, 12, 0, 0);
		SEEK_CHOICES.forEach((entry, index) => {
			const position = seekPosition(index, now);
			if (entry.position.kind === 'since')
				expect(position).toEqual({kind: 'since', time: now - entry.position.minutes * 60_000});
			else expect(position).toEqual(entry.position);
		});
	});

	it('seekUp/seekDown move the choice; Esc closes', () => {
		const env = testEnv();
		for (const command of ['seekUp', 'seekDown', 'closeOverlay'] as const)
			runCommand(SEEK_HANDLERS, env, {command});
		expect(env.dispatched).toEqual([
			{type: 'seekChoice', delta: -1},
			{type: 'seekChoice', delta: 1},
			{type: 'closeOverlay'},
		]);
	});
});
