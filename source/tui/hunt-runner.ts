import type {KafkaConnectionOptions} from '../kafka.js';
import type {ParseSettings} from '../record/parse-record.js';
import {readContext} from '../session/hunt-context.js';
import {startHunt} from '../session/hunt-session.js';
import type {HuntRunner} from '../view/hunt/hunt-runner.js';

/**
 * The TUI's hunts (`H`) and context reads (`C`) over the run's connection and topics: each
 * hunt in a stream worker of its own, without a consumer group; the context straight from
 * the partition's leader. `filterModule`: where `session/hunt-record-test.js` is (tui.ts knows).
 */
export function createHuntRunner(options: {
	connection: KafkaConnectionOptions;
	topics: string[];
	parse?: ParseSettings;
	filterModule: string;
}): HuntRunner {
	const parse = options.parse ? {parse: options.parse} : {};
	return {
		start: (request, listener) =>
			startHunt({
				connection: options.connection,
				topics: options.topics,
				spec: request.spec,
				start: request.start,
				filterModule: options.filterModule,
				...parse,
				...listener,
			}),
		context: (match) => readContext(options.connection, match, parse),
	};
}
