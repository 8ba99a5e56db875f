import {describe, expect, it} from 'vitest';
import {createLogStore} from '../../../../source/store/log-store.js';
import {runCommand} from '../../../../source/view/commands/command-env.js';
import {SERVICES_HANDLERS} from '../../../../source/view/commands/services-commands.js';
import {initialViewState} from '../../../../source/view/view-state.js';
import {testEnv} from '../../../support/terminal/command-env.js';
import {logRecord} from '../../../support/terminal/tui-fixtures.js';

describe('the services list commands', () => {
	it('move the cursor over the services, and show/hide or solo the highlighted one', () => {
		const store = createLogStore();
		store.append([logRecord({service: 'api', msg: 'a'}), logRecord({service: 'db', msg: 'b'})]);
		const env = testEnv(store, {...initialViewState(), serviceCursor: 1});
		for (const command of ['serviceDown', 'toggleCursorService', 'soloCursorService'] as const)
			runCommand(SERVICES_HANDLERS, env, {command});
		expect(env.dispatched).toEqual([
			{type: 'serviceCursor', delta: 1, count: 2, pageSize: 5},
			{type: 'toggleService', service: env.services[1]!.service},
			{type: 'soloService', service: env.services[1]!.service},
		]);
	});

	it('with no services yet, Enter and s do nothing', () => {
		const env = testEnv();
		runCommand(SERVICES_HANDLERS, env, {command: 'toggleCursorService'});
		runCommand(SERVICES_HANDLERS, env, {command: 'soloCursorService'});
		expect(env.dispatched).toEqual([]);
		expect(env.said).toEqual([]);
	});
});
