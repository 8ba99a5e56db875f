/**
 * The view state outside React: a reducer's state with subscribers, read through
 * `useSyncExternalStore` (hooks/use-view-state.ts). React renders an update from such a store
 * in the same turn (its sync lane, in a microtask), where a `useReducer` dispatch from a key
 * handler waited for React's scheduler task (a `setImmediate`) behind whatever was queued
 * there first, such as a slice of the stream worker's batches. Pure: no React.
 */
export type ViewStore<S, A> = {
	get(): S;
	/** Runs the reducer now; subscribers hear of it only when the state changed. */
	dispatch(action: A): void;
	subscribe(listener: () => void): () => void;
};

export function createViewStore<S, A>(reducer: (state: S, action: A) => S, initial: S): ViewStore<S, A> {
	let state = initial;
	const listeners = new Set<() => void>();
	return {
		get: () => state,
		dispatch(action) {
			const next = reducer(state, action);
			if (Object.is(next, state)) return;
			state = next;
			for (const listener of [...listeners]) listener();
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => {
				listeners.delete(listener);
			};
		},
	};
}
