import {describe, expect, it} from 'vitest';
import {createLogStore} from '../../../../source/store/log-store.js';
import {runCommand} from '../../../../source/view/commands/command-env.js';
import {MAIN_HANDLERS} from '../../../../source/view/commands/main-commands.js';
import {initialViewState} from '../../../../source/view/view-state.js';
import {testEnv} from '../../../support/terminal/command-env.js';
import {logRecord, recordingController} from '../../../support/terminal/tui-fixtures.js';

/** Let the promise callbacks of a command run. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the main view commands', () => {
	it('Space pauses and resumes the stream and says so', () => {
		const env = testEnv();
		runCommand(MAIN_HANDLERS, env, {command: 'togglePause'});
		runCommand(MAIN_HANDLERS, env, {command: 'togglePause'});
		expect(env.controller.calls).toEqual(['pause', 'resume']);
		expect(env.said.map((message) => message.text)).toEqual([
			'paused: fetching stopped, Space resumes',
			'resumed',
		]);
	});

	it('d says why demo sends are disabled, else sends and says how many went', async () => {
		const refused = testEnv(undefined, undefined, {
			controller: recordingController({allowed: false, reason: 'read-only run'}),
		});
		runCommand(MAIN_HANDLERS, refused, {command: 'demoBurst'});
		expect(refused.said).toEqual([{text: 'demo sends disabled: read-only run', tone: 'warn'}]);
		expect(refused.controller.calls).toEqual([]);

		const env = testEnv();
		runCommand(MAIN_HANDLERS, env, {command: 'demoBurst'});
		await settled();
		expect(env.said.map((message) => message.text)).toEqual([
			'sending demo records…',
			'sent 50 demo records',
		]);
	});

	it('a number key toggles the service with that number, or says how many there are', () => {
		const store = createLogStore();
		store.append([logRecord({service: 'api', msg: 'a'}), logRecord({service: 'db', msg: 'b'})]);
		const env = testEnv(store);
		runCommand(MAIN_HANDLERS, env, {command: 'toggleServiceNumber', argument: 1});
		runCommand(MAIN_HANDLERS, env, {command: 'toggleServiceNumber', argument: 4});
		expect(env.dispatched).toEqual([{type: 'toggleService', service: 'db'}]);
		expect(env.said).toEqual([{text: 'no service 5: 2 services so far', tone: 'warn'}]);
	});

	it('i inverts only when some service is hidden', () => {
		const env = testEnv();
		runCommand(MAIN_HANDLERS, env, {command: 'invertServices'});
		expect(env.said).toEqual([{text: 'no services hidden: nothing to invert', tone: 'warn'}]);
		const hiding = testEnv(undefined, {
			...initialViewState(),
			services: {mode: 'exclude', services: new Set(['db'])},
		});
		runCommand(MAIN_HANDLERS, hiding, {command: 'invertServices'});
		expect(hiding.dispatched).toEqual([{type: 'invertServices'}]);
	});

	it('c clears the store and the view state; m drops a mark', () => {
		const store = createLogStore();
		store.append([logRecord({msg: 'a'})]);
		const env = testEnv(store);
		runCommand(MAIN_HANDLERS, env, {command: 'clearView'});
		expect(store.viewLength).toBe(0);
		expect(env.dispatched).toEqual([{type: 'viewCleared'}]);
		runCommand(MAIN_HANDLERS, env, {command: 'addMark'});
		expect(store.viewLength).toBe(1);
		expect(env.said.map((message) => message.text)).toEqual([
			'view cleared (counts kept)',
			expect.stringMatching(/dropped at /),
		]);
	});

	it('x says where the export went, that the view was empty, or why it failed', async () => {
		const outcomes = [
			async () => ({path: '/tmp/out.jsonl', lines: 3}),
			async () => undefined,
			async () => {
				throw new Error('disk full');
			},
		];
		const said: string[] = [];
		for (const exportView of outcomes) {
			const env = testEnv(undefined, undefined, {exportView});
			runCommand(MAIN_HANDLERS, env, {command: 'exportView'});
			await settled();
			said.push(...env.said.map((message) => `${message.tone}: ${message.text}`));
		}
		expect(said).toEqual([
			'info: exported 3 lines to /tmp/out.jsonl',
			'warn: nothing to export: the view is empty',
			'error: export failed: disk full',
		]);
	});

	it('B and b open the saved-filter prompts through the app', () => {
		const opened: string[] = [];
		const env = testEnv(undefined, undefined, {startSavedFilterPrompt: (kind) => opened.push(kind)});
		runCommand(MAIN_HANDLERS, env, {command: 'saveFilter'});
		runCommand(MAIN_HANDLERS, env, {command: 'recallFilter'});
		expect(opened).toEqual(['saveFilter', 'recallFilter']);
	});

	it('S cycles from the panel drawn now', () => {
		const env = testEnv();
		runCommand(MAIN_HANDLERS, env, {command: 'cycleServicesPanel'});
		expect(env.dispatched).toEqual([{type: 'cycleServicesPanel', from: env.layout.servicesPanel}]);
	});
});
