import {useCallback, useSyncExternalStore} from 'react';
import type {StreamStatus, StreamStatusStore} from '../stream/stream-status.js';

/** The current stream status; re-renders when it changes (its `get()` is a stable snapshot). */
export function useStreamStatus(status: StreamStatusStore): StreamStatus {
	const subscribe = useCallback((listener: () => void) => status.subscribe(listener), [status]);
	const get = useCallback(() => status.get(), [status]);
	return useSyncExternalStore(subscribe, get, get);
}
