import {useState, useSyncExternalStore} from 'react';
import {createViewStore} from '../view/view-store.js';

/**
 * `useReducer`'s state and dispatch, kept in a store outside React so that a key's update is
 * drawn in the turn the key was read (see view/view-store.ts), not after the tasks queued
 * before React's scheduler task.
 */
export function useViewState<S, A, I>(
	reducer: (state: S, action: A) => S,
	argument: I,
	init: (argument: I) => S,
): [S, (action: A) => void] {
	const [store] = useState(() => createViewStore(reducer, init(argument)));
	const state = useSyncExternalStore(store.subscribe, store.get, store.get);
	return [state, store.dispatch];
}
