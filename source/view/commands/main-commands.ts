import {errorMessage} from '../../shared/error-message.js';
import {countOf} from '../../terminal-text/format-count.js';
import {formatTime} from '../../terminal-text/format-time.js';
import type {CommandEnv, HandlerMap} from './command-env.js';
import {GLOBAL_HANDLERS} from './command-env.js';
import {OPEN_LAG_HANDLERS} from './lag-commands.js';

/**
 * The commands of the main view, the same with the log pane or the services list focused:
 * the stream (pause, demo records, marks, clear, export, re-read), the filters, the services
 * by number, and what the screen shows. Most are one fixed view action.
 */

function togglePause({controller, say}: CommandEnv): void {
	if (controller.paused) {
		controller.resume();
		say('resumed');
	} else {
		controller.pause();
		say('paused: fetching stopped, Space resumes');
	}
}

function sendDemoBurst({controller, say}: CommandEnv): void {
	say('sending demo records…');
	controller.sendDemoBurst().then(
		(count) => say(`sent ${count} demo records`),
		(error: unknown) => say(`demo send failed: ${errorMessage(error)}`, 'error'),
	);
}

function exportView({exportView: write, say}: CommandEnv): void {
	write().then(
		(written) =>
			written
				? say(`exported ${countOf(written.lines, 'line')} to ${written.path}`)
				: say('nothing to export: the view is empty', 'warn'),
		(error: unknown) => say(`export failed: ${errorMessage(error)}`, 'error'),
	);
}

/** The service that key `argument + 1` stands for (services keep their number for the run). */
function serviceByNumber(env: CommandEnv, argument: number | undefined) {
	const number = (argument ?? -1) + 1;
	return {number, service: env.services.find((candidate) => candidate.number === number)};
}

export const MAIN_HANDLERS: HandlerMap = {
	...GLOBAL_HANDLERS,
	...OPEN_LAG_HANDLERS,
	toggleHelp: {action: {type: 'toggleHelp'}},
	togglePause: {run: togglePause},
	demoBurst: {
		disabledReason: ({controller: {producePermission}}) =>
			producePermission.allowed ? undefined : `demo sends disabled: ${producePermission.reason}`,
		run: sendDemoBurst,
	},
	openSeek: {action: {type: 'openSeek'}},
	openHunt: {run: (env) => env.hunt.prompt()},
	addMark: {
		run({store, say}) {
			const mark = store.addMark();
			say(`${mark.label} dropped at ${formatTime(mark.time)}`);
		},
	},
	clearView: {
		run({store, dispatch, say}) {
			store.clear();
			dispatch({type: 'viewCleared'});
			say('view cleared (counts kept)');
		},
	},
	exportView: {run: exportView},
	startFilter: {action: {type: 'startInput', kind: 'filter'}},
	cycleLevel: {action: {type: 'cycleLevel'}},
	startSearch: {action: {type: 'startInput', kind: 'search'}},
	saveFilter: {run: (env) => env.startSavedFilterPrompt('saveFilter')},
	recallFilter: {run: (env) => env.startSavedFilterPrompt('recallFilter')},
	clearFilters: {action: {type: 'clearAllFilters'}},
	toggleServiceNumber: {
		disabledReason(env, argument) {
			const {number, service} = serviceByNumber(env, argument);
			return service ? undefined : `no service ${number}: ${countOf(env.services.length, 'service')} so far`;
		},
		run(env, argument) {
			const {service} = serviceByNumber(env, argument);
			if (service) env.dispatch({type: 'toggleService', service: service.service});
		},
	},
	toggleFocus: {action: {type: 'toggleFocus'}},
	showAllServices: {action: {type: 'showAllServices'}},
	invertServices: {
		disabledReason: ({view}) =>
			view.services.services.size === 0 ? 'no services hidden: nothing to invert' : undefined,
		action: {type: 'invertServices'},
	},
	toggleWrap: {action: {type: 'toggleWrap'}},
	toggleOffsets: {action: {type: 'toggleOffsets'}},
	togglePartitions: {action: {type: 'togglePartitions'}},
	cycleServicesPanel: {
		run: (env) => env.dispatch({type: 'cycleServicesPanel', from: env.layout.servicesPanel}),
	},
};
