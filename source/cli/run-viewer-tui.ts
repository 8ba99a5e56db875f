import {createLogStore} from '../core/log-store.js';
import {createStreamStatusStore} from '../core/stream-status-store.js';
import {createWorkerLogStream} from '../kafka.js';
import type {ViewerConfig} from './cli-config.js';
import type {ResolvedConnection} from './connection-options.js';
import {createStreamController} from './stream-controller.js';

/**
 * The TUI mode: the store and status outside React, the log stream feeding them, the
 * controller the keys drive, then the Ink app (loaded only here, so plain output and the
 * demo never pay for React). `serviceColours` (from the config file) override the hashed
 * service colours. Resolves with the exit code once the app has quit.
 */
export async function runViewerTui(
	config: ViewerConfig,
	resolved: ResolvedConnection,
	groupId: string,
	log: (line: string) => void,
	serviceColours?: Readonly<Record<string, string>>,
): Promise<number> {
	const store = createLogStore({maxRecords: config.maxRecords});
	store.setFilter(config.filter);
	if (store.filterError) {
		store.dispose();
		log(`klog-tui: --grep: ${store.filterError}`);
		return 2;
	}
	const status = createStreamStatusStore();
	const stream = createWorkerLogStream({
		...resolved.connection,
		topics: config.topics,
		groupId,
		start: config.start,
		commitOffsets: config.commit,
		onRecords: (records) => {
			store.append(records);
		},
		onStatus: (state) => status.setConnection(state),
		onPartitions: (partitions) => status.setPartitions(partitions),
		// Problems also show as the connection state in the header; nothing may print under Ink.
		onError: () => undefined,
	});
	const controller = createStreamController({
		stream,
		store,
		status,
		connection: resolved.connection,
		topics: config.topics,
		allowProduce: config.allowProduce,
	});
	const {runTui} = await import('../run-tui.js');
	// Not awaited: with no broker the first attempt takes seconds, and the TUI shows it.
	void stream.start();
	try {
		await runTui({
			store,
			status,
			controller,
			info: {
				topics: config.topics,
				brokers: config.brokers,
				groupId,
				...(resolved.userLabel ? {user: resolved.userLabel} : {}),
			},
			serviceColours,
		});
	} finally {
		// runTui quits the controller itself; this covers a crash before it could.
		await controller.quit();
		store.dispose();
		status.dispose();
	}
	// runTui sets the exit code of a signal (130, 143...) or a crash; q leaves it unset.
	return typeof process.exitCode === 'number' ? process.exitCode : 0;
}
