import {createLagSession} from './session/lag-session.js';
import type {ResolvedConnection} from './session/resolved-connection.js';
import {createViewerSession} from './session/viewer-session.js';
import type {ViewerSettings} from './settings/run-settings.js';
import type {SavedFilterStore} from './store/filter/saved-filters.js';
import {groupPolicyOf} from './stream/group-policy.js';
import {tuneHeapForViewer} from './tui/heap-tuning.js';
import {createHuntRunner} from './tui/hunt-runner.js';

/**
 * The TUI mode: the viewer session (store, status, stream in a worker, controller; see
 * viewer-session.ts), then the Ink app (loaded only here, so plain output and the
 * demo never pay for React). `serviceColours` (from the config file) override the hashed
 * service colours. Resolves with the exit code once the app has quit.
 */
export async function runViewerTui(
	config: ViewerSettings,
	resolved: ResolvedConnection,
	groupId: string,
	log: (line: string) => void,
	serviceColours?: Readonly<Record<string, string>>,
	savedFilters?: SavedFilterStore,
): Promise<number> {
	// Before the buffer fills: the TUI holds it for hours (see tui/heap-tuning.ts).
	tuneHeapForViewer();
	// Before the screen is taken: a named group with live members is refused with one line.
	const groupPolicy = groupPolicyOf(config);
	// kafkajs is loaded on this thread only for this look; the stream's copy is in its worker.
	const refusal =
		groupPolicy.named && !groupPolicy.joinLive
			? await (await import('./kafka.js')).liveGroupRefusal(resolved.connection, groupId, groupPolicy)
			: undefined;
	if (refusal) {
		log(`klog-tui: ${refusal}`);
		return 2;
	}
	const {store, status, stream, controller, dispose} = createViewerSession({
		connection: resolved.connection,
		topics: config.topics,
		topicPatterns: config.topicPatterns,
		groupId,
		groupPolicy,
		start: config.start,
		...(config.until === undefined ? {} : {until: config.until}),
		commit: config.commit,
		withoutGroup: config.withoutGroup,
		allowProduce: config.allowProduce,
		maxRecords: config.maxRecords,
		filter: config.filter,
		...(config.parse ? {parse: config.parse} : {}),
	});
	if (store.filterError) {
		dispose();
		log(`klog-tui: --grep: ${store.filterError}`);
		return 2;
	}
	// The stream starts now, while Ink and React load (about half a second): the worker thread,
	// kafkajs, the first round trips and the first fetch overlap them. What it reads is held
	// (unhandled, so at most 2 MB) until the app is on screen, so no records reach this thread
	// while it loads (a busy topic slowed that load to seconds).
	const releaseDelivery = stream.holdDelivery();
	void stream.start();
	// The lag panel's worker starts the first time `L` opens it.
	const lag = createLagSession(resolved.connection, config.topics, config.topicPatterns);
	const {runTui} = await import('./tui/screen.js');
	try {
		await runTui({
			// Once the screen is up (start() above is not awaited: with no broker the first
			// attempt takes seconds, and the TUI shows it).
			onStarted: releaseDelivery,
			mouse: config.mouse !== false,
			store,
			status,
			controller,
			info: {
				topics: [...config.topics, ...config.topicPatterns],
				brokers: config.brokers,
				...(config.until === undefined
					? {}
					: {
							window: {
								until: config.until,
								...(config.start.kind === 'since' ? {since: config.start.time} : {}),
							},
						}),
				groupId,
				withoutGroup: config.withoutGroup,
				...(resolved.userLabel ? {user: resolved.userLabel} : {}),
			},
			serviceColours,
			savedFilters,
			lag,
			hunter: createHuntRunner({
				connection: resolved.connection,
				topics: config.topics,
				...(config.parse ? {parse: config.parse} : {}),
				// Beside this file once built (scripts/bundle.ts); the stream worker loads it by URL.
				filterModule: new URL('session/hunt-record-test.js', import.meta.url).href,
			}),
		});
	} finally {
		// runTui quits the controller itself; this covers a crash before it could.
		await controller.quit();
		await lag.close();
		dispose();
	}
	// runTui sets the exit code of a signal (130, 143...) or a crash; q leaves it unset.
	return typeof process.exitCode === 'number' ? process.exitCode : 0;
}
