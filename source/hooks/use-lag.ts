import {useEffect, useSyncExternalStore} from 'react';
import type {LagSnapshot, LagSource} from '../stream/lag-source.js';

const noSubscription = () => () => undefined;
const nothing = () => undefined;

/**
 * The lag panel's latest snapshot, re-rendering on each reading; the source reads (in its
 * worker) only while `open`, so a closed panel costs the cluster nothing.
 */
export function useLag(source: LagSource | undefined, open: boolean): LagSnapshot | undefined {
	const snapshot = useSyncExternalStore(source?.subscribe ?? noSubscription, source?.snapshot ?? nothing);
	useEffect(() => {
		if (!source || !open) return;
		source.setActive(true);
		return () => source.setActive(false);
	}, [source, open]);
	return snapshot;
}
