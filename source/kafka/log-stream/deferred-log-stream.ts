import type {ConnectionState} from '../../stream/stream-status.js';
import type {LogStream} from './log-stream.js';

/**
 * A log stream made by `load` when first needed. The worker stream's in-thread fallback uses it
 * so that loading the worker stream does not load kafkajs in the main thread (about 0.1 s of
 * every start that the worker spends anyway). Pauses asked for before it is made apply at once.
 */
export function deferredLogStream(load: () => Promise<LogStream>): LogStream {
	let stream: LogStream | undefined;
	let loading: Promise<LogStream> | undefined;
	let paused = false;
	const get = () => {
		loading ??= load().then((made) => {
			stream = made;
			if (paused) made.pause();
			return made;
		});
		return loading;
	};
	return {
		start: async () => (await get()).start(),
		pause() {
			paused = true;
			stream?.pause();
		},
		resume() {
			paused = false;
			stream?.resume();
		},
		get paused() {
			return paused;
		},
		seek: async (start) => (await get()).seek(start),
		stop: async () => (await get()).stop(),
		caughtUp: async () => (await get()).caughtUp(),
		get state(): ConnectionState {
			return stream?.state ?? {kind: 'connecting'};
		},
	};
}
