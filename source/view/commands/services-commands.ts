import type {CommandEnv, HandlerMap} from './command-env.js';
import {MAIN_HANDLERS} from './main-commands.js';

/** The services list's commands (Tab focuses it): move its cursor, show/hide or solo that service. */

function moveCursor(delta: 1 | -1) {
	return {
		run: (env: CommandEnv) =>
			env.dispatch({type: 'serviceCursor', delta, count: env.services.length, pageSize: env.servicePageSize}),
	};
}

/** The highlighted service shown/hidden (`toggleService`) or shown alone (`soloService`). */
function onCursorService(type: 'toggleService' | 'soloService') {
	return {
		run({services, view, dispatch}: CommandEnv) {
			const service = services[view.serviceCursor];
			if (service) dispatch({type, service: service.service});
		},
	};
}

export const SERVICES_HANDLERS: HandlerMap = {
	...MAIN_HANDLERS,
	serviceUp: moveCursor(-1),
	serviceDown: moveCursor(1),
	toggleCursorService: onCursorService('toggleService'),
	soloCursorService: onCursorService('soloService'),
};
