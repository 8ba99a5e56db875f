import {useCallback, useSyncExternalStore} from 'react';
import type {LogStore} from '../store/log-store-types.js';

/**
 * Re-render when the store changes (it notifies at most ~20 times a second) and return
 * its version. Components then read only the window they draw straight from the store.
 */
export function useLogStoreVersion(store: LogStore): number {
	const subscribe = useCallback((listener: () => void) => store.subscribe(listener), [store]);
	const version = useCallback(() => store.version, [store]);
	return useSyncExternalStore(subscribe, version, version);
}
